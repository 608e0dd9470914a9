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
  const lunar = parseLunarDay(text, today);
  if (lunar !== undefined) return lunar ? isoDay(lunar) : undefined;
  const inWeek = parseWeekdayOfWeek(text, today);
  if (inWeek !== undefined) return inWeek ? isoDay(inWeek) : undefined;
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

const LUNAR_DAY = /^(?:ngay )?(ram|(?:mung|mong) ?(\d{1,2}))(?: (thang nay|thang sau|thang toi|tet))?$/;

/**
 * «rằm», «mùng 10», «rằm tháng này», «rằm tháng sau», «mùng 1 tết»: the next such lunar day; null
 * when the text names one that has passed (this month's rằm after the 15th); undefined when it is
 * not a lunar day at all.
 */
function parseLunarDay(text: string, today: LocalDay): LocalDay | null | undefined {
  if (text === "tet") return parseLunarDay("mung 1 tet", today);
  const m = text.match(LUNAR_DAY);
  if (!m) return undefined;
  const day = m[1] === "ram" ? 15 : Number(m[2]);
  if (day < 1 || day > 30) return null;
  const lunarOf = (d: LocalDay) => solarToLunar(d.day, d.month, d.year);
  const now = lunarOf(today);
  const sameMonth = (d: LocalDay, other: { month: number; year: number; leap: boolean }) => {
    const l = lunarOf(d);
    return l.month === other.month && l.year === other.year && l.leap === other.leap;
  };
  switch (m[3]) {
    case "thang nay":
      return nextDay(today, (d) => lunarOf(d).day === day && sameMonth(d, now)) ?? null;
    case "thang sau":
    case "thang toi": {
      const nextMonthStarts = nextDay(addDays(today, 1), (d) => lunarOf(d).day === 1) as LocalDay;
      const next = lunarOf(nextMonthStarts);
      return nextDay(nextMonthStarts, (d) => lunarOf(d).day === day && sameMonth(d, next)) ?? null;
    }
    case "tet":
      return (
        nextDay(today, (d) => {
          const l = lunarOf(d);
          return l.month === 1 && !l.leap && l.day === day;
        }) ?? null
      );
    default:
      return nextDay(today, (d) => lunarOf(d).day === day) ?? null;
  }
}

const WEEK_WORDS: Record<string, number> = { "tuan nay": 0, "tuan sau": 1, "tuan toi": 1 };

/** «thứ bảy tuần sau», «chủ nhật tuần này»: weeks run Monday to Sunday; null when that day has passed. */
function parseWeekdayOfWeek(text: string, today: LocalDay): LocalDay | null | undefined {
  const m = text.match(/^(.+) (tuan nay|tuan sau|tuan toi)$/);
  const target = m?.[1] === undefined ? undefined : parseWeekday(m[1]);
  if (!m || target === undefined) return undefined;
  const sinceMonday = (weekday(today) + 6) % 7;
  const monday = addDays(today, -sinceMonday + 7 * (WEEK_WORDS[m[2] as string] ?? 0));
  const day = addDays(monday, (target + 6) % 7);
  return isoDay(day) < isoDay(today) ? null : day;
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
