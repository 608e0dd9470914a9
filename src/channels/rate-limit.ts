// Spaces calls evenly: at most `perSecond` starts per second across every caller, in arrival order.
// Used where a platform publishes a send rate but no library throttles for us (Zalo).
export class RateLimiter {
  private readonly gapMs: number;
  private nextSlot = 0;

  constructor(
    perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.gapMs = 1000 / perSecond;
  }

  /** Resolves when the caller may start; each call takes the next free slot. */
  async take(): Promise<void> {
    const now = this.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.gapMs;
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
  }
}
