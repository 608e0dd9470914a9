// Report periods as the plans write them: a month (2026-11), a quarter (2026-Q4), a half-year
// (2026-H2) or a year (2026), counted in Vietnam's calendar.
import { fromVietnamClock, vietnamDay } from "../time/vietnam-time.ts";

export type PeriodKind = "month" | "quarter" | "half" | "year";

export type Period = {
  /** As written: "2026-11", "2026-Q4", "2026-H2", "2026". */
  id: string;
  kind: PeriodKind;
  year: number;
  /** The month, quarter or half number (1-based); the year itself for a year. */
  number: number;
  firstMonth: number;
  monthCount: number;
  start: Date;
  end: Date;
  /** 0 for the period's first month, 1 for the next… */
  monthIndex(at: Date): number;
  /** Months of the period that have begun by `now` (all of them for a past period). */
  monthsBegunBy(now: Date): number;
};

const FORMS: Array<{ kind: PeriodKind; pattern: RegExp; months: number }> = [
  { kind: "month", pattern: /^(\d{4})-(\d{1,2})$/, months: 1 },
  { kind: "quarter", pattern: /^(\d{4})-Q([1-4])$/i, months: 3 },
  { kind: "half", pattern: /^(\d{4})-H([12])$/i, months: 6 },
  { kind: "year", pattern: /^(\d{4})$/, months: 12 },
];

/** The period written as `text`, or undefined when it is none of the four forms. */
export function parsePeriod(text: string): Period | undefined {
  for (const form of FORMS) {
    const match = form.pattern.exec(text.trim());
    if (!match) continue;
    const year = Number(match[1]);
    const number = form.kind === "year" ? year : Number(match[2]);
    if (form.kind === "month" && (number < 1 || number > 12)) return undefined;
    const firstMonth = form.kind === "year" ? 1 : (number - 1) * form.months + 1;
    return makePeriod(form.kind, year, number, firstMonth, form.months);
  }
  return undefined;
}

/** The Vietnam month `at` falls in, or the one `back` months before it. */
export function monthPeriod(at: Date, back = 0): Period {
  const day = vietnamDay(at);
  const index = day.year * 12 + (day.month - 1) - back;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return makePeriod("month", year, month, month, 1);
}

function makePeriod(kind: PeriodKind, year: number, number: number, firstMonth: number, monthCount: number): Period {
  const monthStart = (k: number) => fromVietnamClock(Date.UTC(year, firstMonth - 1 + k, 1));
  const start = monthStart(0);
  const end = monthStart(monthCount);
  const id =
    kind === "month"
      ? `${year}-${String(number).padStart(2, "0")}`
      : kind === "year"
        ? String(year)
        : `${year}-${kind === "quarter" ? "Q" : "H"}${number}`;
  return {
    id,
    kind,
    year,
    number,
    firstMonth,
    monthCount,
    start,
    end,
    monthIndex(at) {
      const day = vietnamDay(at);
      return (day.year - year) * 12 + day.month - firstMonth;
    },
    monthsBegunBy(now) {
      let begun = 0;
      while (begun < monthCount && monthStart(begun) <= now) begun += 1;
      return begun;
    },
  };
}
