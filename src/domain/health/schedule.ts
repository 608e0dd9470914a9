// When a reminder is next due: a time of day in Vietnam and a day rule. Pure.
import { fromVietnamClock, vietnamClock } from "../time/vietnam-time.ts";

const DAY_MS = 86_400_000;

export type DayRule =
  | { type: "daily" }
  | { type: "weekdays"; days: number[] }
  | { type: "once"; date: string }
  | { type: "monthly"; day: number }
  | { type: "yearly"; month: number; day: number };

export function parseRule(days: string): DayRule | undefined {
  if (days === "daily") return { type: "daily" };
  const [type, value = ""] = days.split(":");
  if (type === "weekdays") {
    const list = value.split(",").map(Number);
    return list.length > 0 && list.every((d) => Number.isInteger(d) && d >= 0 && d <= 6) ? { type, days: list } : undefined;
  }
  if (type === "once" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return { type, date: value };
  if (type === "monthly" && /^\d{1,2}$/.test(value)) return { type, day: Number(value) };
  const y = value.match(/^(\d{2})-(\d{2})$/);
  if (type === "yearly" && y) return { type, month: Number(y[1]), day: Number(y[2]) };
  return undefined;
}

/** The first due time strictly after `after`, or undefined (a "once" already past). */
export function nextDue(days: string, timeOfDay: string, after: Date): Date | undefined {
  const rule = parseRule(days);
  const [h = 0, m = 0] = timeOfDay.split(":").map(Number);
  if (!rule) return undefined;
  const localMidnight = fromVietnamClock(Math.floor(vietnamClock(after).getTime() / DAY_MS) * DAY_MS).getTime();
  for (let i = 0; i < 400; i++) {
    const dayStart = localMidnight + i * DAY_MS;
    const at = new Date(dayStart + (h * 60 + m) * 60_000);
    if (at <= after) continue;
    const local = vietnamClock(dayStart);
    const iso = local.toISOString().slice(0, 10);
    const ok =
      rule.type === "daily" ||
      (rule.type === "weekdays" && rule.days.includes(local.getUTCDay())) ||
      (rule.type === "once" && iso === rule.date) ||
      (rule.type === "monthly" && local.getUTCDate() === rule.day) ||
      (rule.type === "yearly" && local.getUTCMonth() + 1 === rule.month && local.getUTCDate() === rule.day);
    if (ok) return at;
  }
  return undefined;
}
