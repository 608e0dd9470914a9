// Quiet hours 21:00–06:00 in Vietnam: nothing scheduled by us goes out then.
import { fromVietnamClock, startOfVietnamDay, vietnamClock } from "./vietnam-time.ts";

const HOUR_MS = 3_600_000;
export const QUIET_FROM_HOUR = 21;
export const QUIET_UNTIL_HOUR = 6;

/** The same instant, or the end of the quiet hours it falls in. */
export function outsideQuietHours(at: Date): Date {
  const local = vietnamClock(at);
  const hour = local.getUTCHours();
  if (hour >= QUIET_UNTIL_HOUR && hour < QUIET_FROM_HOUR) return at;
  const morning = new Date(
    Date.UTC(
      local.getUTCFullYear(),
      local.getUTCMonth(),
      local.getUTCDate() + (hour >= QUIET_FROM_HOUR ? 1 : 0),
      QUIET_UNTIL_HOUR,
    ),
  );
  return fromVietnamClock(morning);
}

/** 18:00 local on the day before `at`. */
export function eveningBefore(at: Date): Date {
  return new Date(startOfVietnamDay(at).getTime() - 6 * HOUR_MS);
}

/** 07:00 local on the day of `at`. */
export function morningOf(at: Date): Date {
  return new Date(startOfVietnamDay(at).getTime() + 7 * HOUR_MS);
}
