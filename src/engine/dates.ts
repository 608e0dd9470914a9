// Dates and times as people type them: "15/12", "mai", "thứ 7", "rằm"; "8h", "7h30", "19:30", "sáng".
// Pure: "today" is given as a local calendar day in Vietnam.
import { solarToLunar } from "./lunar.ts";
import { normalize } from "./match.ts";

export type LocalDay = { year: number; month: number; day: number };

const WEEKDAYS: Record<string, number> = {
  "chu nhat": 0,
  cn: 0,
  "thu hai": 1,
  "thu 2": 1,
  "thu ba": 2,
  "thu 3": 2,
  "thu tu": 3,
  "thu 4": 3,
  "thu nam": 4,
  "thu 5": 4,
  "thu sau": 5,
  "thu 6": 5,
  "thu bay": 6,
  "thu 7": 6,
};
const RELATIVE: Record<string, number> = { "hom nay": 0, nay: 0, mai: 1, "ngay mai": 1, kia: 2, "ngay kia": 2 };
const MAX_LOOKAHEAD_DAYS = 400;

export function addDays(d: LocalDay, n: number): LocalDay {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** "chủ nhật", "CN", "thứ 7", "thu bay", or just "7" / "bay" → 0 (Sunday) to 6. */
export function parseWeekday(input: string): number | undefined {
  const text = normalize(input);
  if (text in WEEKDAYS) return WEEKDAYS[text];
  if (`thu ${text}` in WEEKDAYS) return WEEKDAYS[`thu ${text}`];
  return undefined;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function weekday(d: LocalDay): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

export function isoDay(d: LocalDay): string {
  return `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

/** The first day from `from` (inclusive) that satisfies `test`. */
export function nextDay(from: LocalDay, test: (d: LocalDay) => boolean): LocalDay | undefined {
  for (let i = 0; i < MAX_LOOKAHEAD_DAYS; i++) {
    const d = addDays(from, i);
    if (test(d)) return d;
  }
  return undefined;
}

/** A date on or after today, as "YYYY-MM-DD", or undefined when the text is not a date. */
export function parseDate(input: string, today: LocalDay): string | undefined {
  const text = normalize(input);
  if (text in RELATIVE) return isoDay(addDays(today, RELATIVE[text] as number));
  if (text in WEEKDAYS) return isoDay(nextDay(today, (d) => weekday(d) === WEEKDAYS[text]) as LocalDay);
  if (text === "ram" || text === "ngay ram") {
    return isoDay(nextDay(today, (d) => solarToLunar(d.day, d.month, d.year).day === 15) as LocalDay);
  }
  if (/^(mung|mong) ?1$/.test(text))
    return isoDay(nextDay(today, (d) => solarToLunar(d.day, d.month, d.year).day === 1) as LocalDay);
  const m = text.match(/^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/);
  if (!m) return undefined;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = m[3] ? Number(m[3].length === 2 ? `20${m[3]}` : m[3]) : today.year;
  const candidate = { year, month, day };
  const real = addDays(candidate, 0);
  if (real.day !== day || real.month !== month) return undefined; // 31/2 and friends
  if (isoDay(candidate) < isoDay(today)) {
    if (m[3]) return undefined;
    return isoDay({ ...candidate, year: year + 1 });
  }
  return isoDay(candidate);
}

const PARTS_OF_DAY: Record<string, string> = { sang: "07:00", trua: "11:30", chieu: "14:00", toi: "19:00" };

/** A time of day as "HH:MM", or undefined. */
export function parseTime(input: string): string | undefined {
  const text = normalize(input).replace(/\s+/g, " ");
  if (text in PARTS_OF_DAY) return PARTS_OF_DAY[text];
  const m = text.match(/^(\d{1,2})(?:\s*(?:h|g|gio|:)\s*(\d{1,2})?(?:\s*(?:p|phut))?)?(?:\s*(sang|chieu|toi|trua))?$/);
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = m[2] ? Number(m[2]) : 0;
  // "2 giờ chiều" = 14:00, "7 giờ tối" = 19:00.
  if ((m[3] === "chieu" || m[3] === "toi") && hour < 12) hour += 12;
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}
