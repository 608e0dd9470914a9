// Group commit: requests that arrive while one write runs go together into the next (first come,
// first served), so many concurrent callers share one transaction — and one fsync — instead of
// one each. Used by the inbox (events) and the outbox (claims and "sent" marks).
type Waiting<I, O> = { input: I; resolve: (output: O) => void; reject: (error: unknown) => void };

export class Coalesced<I, O> {
  private waiting: Array<Waiting<I, O>> = [];
  private running?: Promise<void>;
  /** Groups that `run` completed, the inputs in them, the largest (tests and benches). */
  readonly stats = { groups: 0, inputs: 0, largestGroup: 0 };

  /**
   * `run` gets the waiting inputs (at most `maxGroup`) and returns one output per input, in order;
   * if it throws, every caller of that group gets the error.
   */
  constructor(
    private readonly run: (inputs: I[]) => Promise<O[]>,
    private readonly maxGroup = Number.POSITIVE_INFINITY,
  ) {}

  /** Inputs accepted and not yet handed to `run`. */
  get backlog(): number {
    return this.waiting.length;
  }

  submit(input: I): Promise<O> {
    const done = new Promise<O>((resolve, reject) => this.waiting.push({ input, resolve, reject }));
    this.running ??= this.pump().finally(() => {
      this.running = undefined;
    });
    return done;
  }

  /** Resolves when everything submitted so far has settled. */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private async pump(): Promise<void> {
    while (this.waiting.length > 0) {
      // Let requests that arrive in the same tick join this group.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const group = this.waiting.splice(0, this.maxGroup);
      try {
        const outputs = await this.run(group.map((w) => w.input));
        this.stats.groups += 1;
        this.stats.inputs += group.length;
        this.stats.largestGroup = Math.max(this.stats.largestGroup, group.length);
        for (const [i, w] of group.entries()) w.resolve(outputs[i] as O);
      } catch (error) {
        for (const w of group) w.reject(error);
      }
    }
  }
}
