// A club's monthly meeting rule, as boards say it: "rằm" (a lunar day), "Chủ nhật đầu tháng" (the nth
// weekday of the month, or the last), or "ngày 10" (a solar day). Pure: days are Vietnam calendar days.
import { addDays, daysInMonth, isoDay, type LocalDay, nextDay, weekday } from "../../engine/dates.ts";
import { solarToLunar } from "../../engine/lunar.ts";
import { vietnamTime } from "../time/vietnam-time.ts";

export type MeetingRule =
  | { kind: "lunar"; day: number }
  | { kind: "nth"; n: number; weekday: number } // n: 1–4, or -1 for the last
  | { kind: "day"; day: number };

/** The stored form (`Club.meetingRule`); the demo's first form "day15_lunar" still reads. */
export function parseRule(text: string | null | undefined): MeetingRule | undefined {
  if (!text) return undefined;
  if (text === "day15_lunar") return { kind: "lunar", day: 15 };
  const [kind, a, b] = text.split(":");
  const x = Number(a);
  const y = Number(b);
  if (kind === "lunar" && Number.isInteger(x) && x >= 1 && x <= 30) return { kind, day: x };
  if (kind === "day" && Number.isInteger(x) && x >= 1 && x <= 31) return { kind, day: x };
  if (kind === "nth" && [1, 2, 3, 4, -1].includes(x) && Number.isInteger(y) && y >= 0 && y <= 6)
    return { kind, n: x, weekday: y };
  return undefined;
}

export function ruleText(rule: MeetingRule): string {
  return rule.kind === "nth" ? `nth:${rule.n}:${rule.weekday}` : `${rule.kind}:${rule.day}`;
}

function matchesRule(rule: MeetingRule, d: LocalDay): boolean {
  const last = daysInMonth(d.year, d.month);
  switch (rule.kind) {
    case "lunar": {
      const lunar = solarToLunar(d.day, d.month, d.year);
      // A short lunar month (29 days) has no day 30: its last day stands in.
      const tomorrow = addDays(d, 1);
      const next = solarToLunar(tomorrow.day, tomorrow.month, tomorrow.year);
      return lunar.day === rule.day || (rule.day === 30 && lunar.day === 29 && next.day === 1);
    }
    case "day":
      return d.day === Math.min(rule.day, last);
    case "nth":
      return weekday(d) === rule.weekday && (rule.n === -1 ? d.day + 7 > last : Math.ceil(d.day / 7) === rule.n);
  }
}

/** The first meeting day on or after `from`. */
export function nextRuleDay(rule: MeetingRule, from: LocalDay): LocalDay | undefined {
  return nextDay(from, (d) => matchesRule(rule, d));
}

/** When the rule's next meeting after `today` falls, at `time` (Vietnam has no daylight saving). */
export function ruleStart(rule: MeetingRule, time: string, today: LocalDay): Date | undefined {
  const day = nextRuleDay(rule, addDays(today, 1));
  if (!day) return undefined;
  return vietnamTime(isoDay(day), time);
}
