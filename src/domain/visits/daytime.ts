// "4 daytime hours": hours counted only between 06:00 and 21:00 in Vietnam.
import { QUIET_FROM_HOUR, QUIET_UNTIL_HOUR } from "../time/quiet-hours.ts";
import { fromVietnamClock, vietnamClock } from "../time/vietnam-time.ts";

const HOUR_MS = 3_600_000;

export function addDaytimeHours(from: Date, hours: number): Date {
  let at = from.getTime();
  let left = hours * HOUR_MS;
  while (left > 0) {
    const local = vietnamClock(at);
    const dayStart = fromVietnamClock(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate())).getTime();
    const opens = dayStart + QUIET_UNTIL_HOUR * HOUR_MS;
    const closes = dayStart + QUIET_FROM_HOUR * HOUR_MS;
    if (at < opens) at = opens;
    else if (at >= closes) at = opens + 24 * HOUR_MS;
    else {
      const step = Math.min(left, closes - at);
      at += step;
      left -= step;
    }
  }
  return new Date(at);
}
