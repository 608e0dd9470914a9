// Spaces calls evenly, `perSecond` across every caller, in arrival order. Starts keep to a grid, so a
// timer that fires late (a busy event loop) does not push every later start back, which would lose
// the rate a little at each one; a start late by less than a gap is made up by the next ones, never
// closer than `CATCH_UP` of the gap. And whatever the timers do, no 1-second window of real starts ever holds
// more than `perSecond` rounded up (what Telegram and Zalo count).
const CATCH_UP = 0.8;

export type Sleep = (ms: number) => Promise<void>;

const timer: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class RateLimiter {
  private readonly gapMs: number;
  private readonly perWindow: number;
  /** The last `perWindow` starts, oldest first. */
  private readonly starts: number[] = [];
  private nextSlot = Number.NEGATIVE_INFINITY;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    perSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: Sleep = timer,
  ) {
    this.gapMs = 1000 / perSecond;
    this.perWindow = Math.ceil(perSecond);
  }

  /** Resolves when the caller may start. */
  take(): Promise<void> {
    const turn = this.queue.then(async () => {
      for (;;) {
        const full = this.starts.length >= this.perWindow ? (this.starts[0] as number) + 1000 : Number.NEGATIVE_INFINITY;
        const wait = Math.max(this.nextSlot, full) - this.now();
        if (wait <= 0) break;
        await this.sleep(wait);
      }
      const start = this.now();
      this.starts.push(start);
      if (this.starts.length > this.perWindow) this.starts.shift();
      // On the grid; a start more than a gap after its slot (after an idle spell, a long stall)
      // starts the grid again from here.
      this.nextSlot =
        start - this.nextSlot > this.gapMs
          ? start + this.gapMs
          : Math.max(this.nextSlot + this.gapMs, start + this.gapMs * CATCH_UP);
    });
    this.queue = turn;
    return turn;
  }
}
