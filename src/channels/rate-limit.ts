// Spaces calls evenly: starts at least 1000/perSecond ms apart across every caller, in arrival order.
// Each start is measured when it really happens, so a busy event loop never lets a backlog of
// late timers out at once: no 1-second window ever holds more than the rate (what Telegram and
// Zalo count), however the loop stalls.
export class RateLimiter {
  private readonly gapMs: number;
  private nextSlot = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.gapMs = 1000 / perSecond;
  }

  /** Resolves when the caller may start. */
  take(): Promise<void> {
    const turn = this.queue.then(async () => {
      const wait = this.nextSlot - this.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.nextSlot = this.now() + this.gapMs;
    });
    this.queue = turn;
    return turn;
  }
}
