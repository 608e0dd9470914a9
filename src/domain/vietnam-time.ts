// Calendar days and months as a club counts them: Vietnam is UTC+7 all year (no daylight saving).
import { isoDay, type LocalDay } from "../engine/dates.ts";

const OFFSET_MS = 7 * 3_600_000;

/** The calendar day in Vietnam of an instant. */
export function vietnamDay(at: Date): LocalDay {
  const local = new Date(at.getTime() + OFFSET_MS);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** Midnight in Vietnam at the start of the day `at` falls on. */
export function startOfVietnamDay(at: Date): Date {
  return new Date(`${isoDay(vietnamDay(at))}T00:00:00+07:00`);
}

/** Midnight in Vietnam on the 1st of the month `at` falls on. */
export function startOfVietnamMonth(at: Date): Date {
  const day = vietnamDay(at);
  return new Date(`${isoDay({ ...day, day: 1 })}T00:00:00+07:00`);
}
