// Calendar days, months and wall-clock times as a club counts them: Vietnam is UTC+7 all year (no
// daylight saving). The only place that knows the offset; everything else asks these helpers.
import { isoDay, type LocalDay } from "../../engine/dates.ts";

const OFFSET_MS = 7 * 3_600_000;

/** Vietnam's wall clock at an instant, as a Date whose UTC fields read it (`getUTCHours()` is the hour there). */
export function vietnamClock(at: Date | number): Date {
  return new Date(new Date(at).getTime() + OFFSET_MS);
}

/** The instant at which Vietnam's wall clock reads the UTC fields of `clock` (the inverse of `vietnamClock`). */
export function fromVietnamClock(clock: Date | number): Date {
  return new Date(new Date(clock).getTime() - OFFSET_MS);
}

/** The instant of a day ("2026-12-15") and a time ("08:00") in Vietnam. */
export function vietnamTime(day: string, time = "00:00"): Date {
  return new Date(`${day}T${time}:00+07:00`);
}

/** The calendar day in Vietnam of an instant. */
export function vietnamDay(at: Date): LocalDay {
  const local = vietnamClock(at);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** Midnight in Vietnam at the start of the day `at` falls on. */
export function startOfVietnamDay(at: Date): Date {
  return vietnamTime(isoDay(vietnamDay(at)));
}

/** Midnight in Vietnam on the 1st of the month `at` falls on. */
export function startOfVietnamMonth(at: Date): Date {
  return vietnamTime(isoDay({ ...vietnamDay(at), day: 1 }));
}
