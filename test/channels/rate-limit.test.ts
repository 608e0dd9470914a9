// The pacer on a virtual clock whose timers fire late, as on a busy event loop: the rate holds (a
// late start is made up on the grid), starts are never closer than the catch-up allows, and no
// 1-second window of starts holds more than the rate rounded up, even after a long stall.
import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/channels/rate-limit.ts";

/** A clock that moves only when a timer is waited on, each timer firing `lateMs` after it was due. */
function lateClock(lateMs: (n: number) => number) {
  let now = 0;
  let n = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms + lateMs(n++);
    },
    stall: (ms: number) => {
      now += ms;
    },
  };
}

async function startsOf(limiter: RateLimiter, clock: { now(): number }, count: number, stallAt?: () => void): Promise<number[]> {
  const starts: number[] = [];
  for (let i = 0; i < count; i++) {
    await limiter.take();
    starts.push(clock.now());
    if (i === Math.floor(count / 2)) stallAt?.();
  }
  return starts;
}

function mostInAnySecond(starts: number[]): number {
  let most = 0;
  for (let i = 0, j = 0; i < starts.length; i++) {
    while ((starts[i] as number) - (starts[j] as number) >= 1000) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe("the pacer", () => {
  it.each([0, 2, 5])("keeps 28.5/s when every timer fires %i ms late", async (late) => {
    const clock = lateClock(() => late);
    const starts = await startsOf(new RateLimiter(28.5, clock.now, clock.sleep), clock, 2000);
    const rate = (starts.length - 1) / (((starts.at(-1) as number) - (starts[0] as number)) / 1000);
    expect(rate).toBeGreaterThan(28.4);
    expect(rate).toBeLessThan(28.55);
    expect(mostInAnySecond(starts)).toBeLessThanOrEqual(29);
  });

  it("after a 3-second stall catches up no faster than the catch-up allows, and never 30 in a second", async () => {
    const clock = lateClock((n) => (n % 7 === 0 ? 20 : 1));
    const starts = await startsOf(new RateLimiter(28.5, clock.now, clock.sleep), clock, 1000, () => clock.stall(3000));
    const gaps = starts.slice(1).map((at, i) => at - (starts[i] as number));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual((1000 / 28.5) * 0.8 - 1e-9);
    expect(mostInAnySecond(starts)).toBeLessThanOrEqual(29);
  });
});
