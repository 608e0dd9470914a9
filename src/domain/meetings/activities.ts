import type { Tx } from "../../db/client.ts";
import { normalize } from "../../engine/match.ts";
import { startOfVietnamDay } from "../time/vietnam-time.ts";

/** The plan's activities: a meeting that covers all of them counts for the "all 8" target. */
export const ALL_ACTIVITIES = 8;

const ALL_WORDS = new Set(["tat ca", "ca 8", "du 8", "all"]);

/** «1 3 5», «1,3,5», «1, 3 và 5» → [1, 3, 5]; «tất cả» → 1-8. */
export function pickedActivities(text: string): number[] {
  const words = normalize(text);
  if (ALL_WORDS.has(words)) return Array.from({ length: ALL_ACTIVITIES }, (_, i) => i + 1);
  return [...new Set((words.match(/[1-8]/g) ?? []).map(Number))].sort((a, b) => a - b);
}

/** The club's meeting begun today (Vietnam's day), the latest if several. */
export async function todaysMeeting(tx: Tx, clubId: string, now: Date) {
  return tx.meeting.findFirst({
    where: { clubId, status: "scheduled", startsAt: { gte: startOfVietnamDay(now), lte: now } },
    orderBy: { startsAt: "desc" },
  });
}

/** The activities a meeting covered, numbered and named: «1. …, 3. …». */
export const activityNames = (activities: string | null, text: (key: string) => string) =>
  (activities ?? "")
    .split(",")
    .filter((a) => a !== "")
    .map((a) => `${a}. ${text(`meeting_activities:activity.${a}`)}`)
    .join(", ");
