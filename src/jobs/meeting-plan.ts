// Monthly meetings create themselves: for each club with a rule, time and place, the next meeting is
// created 10 days ahead (with its code and reminders), once — a day that already has a meeting of the
// club, even a cancelled one, is left as the board made it.
import { type Db, write } from "../db/client.ts";
import { createClubMeeting } from "../domain/meetings/meetings.ts";
import { parseRule, ruleStart } from "../domain/meetings/rule.ts";
import { startOfVietnamDay, vietnamDay } from "../domain/time/vietnam-time.ts";

const PLAN_AHEAD_DAYS = 10;
const DAY_MS = 86_400_000;

export async function planMeetings(db: Db, now: Date): Promise<number> {
  const clubs = await db.club.findMany({
    where: { meetingRule: { not: null }, meetingTime: { not: null }, meetingPlace: { not: null } },
    select: { id: true, meetingRule: true, meetingTime: true, meetingPlace: true },
  });
  let created = 0;
  for (const club of clubs) {
    const rule = parseRule(club.meetingRule);
    const startsAt = rule && ruleStart(rule, club.meetingTime as string, vietnamDay(now));
    if (!startsAt || startsAt.getTime() - now.getTime() > PLAN_AHEAD_DAYS * DAY_MS) continue;
    const dayStart = startOfVietnamDay(startsAt);
    created += await write(db, async (tx) => {
      const same = await tx.meeting.findFirst({
        where: { clubId: club.id, startsAt: { gte: dayStart, lt: new Date(dayStart.getTime() + DAY_MS) } },
      });
      if (same) return 0;
      await createClubMeeting(tx, { clubId: club.id, startsAt, place: club.meetingPlace as string }, now);
      return 1;
    });
  }
  return created;
}

/** Run `fn` at most once per `everyMs` (by the given clock): a daily-ish sweep on a 1-second scheduler. */
export function atMostEvery(everyMs: number, fn: (now: Date) => Promise<number>): (now: Date) => Promise<number> {
  let last = Number.NEGATIVE_INFINITY;
  return async (now) => {
    if (now.getTime() - last < everyMs) return 0;
    last = now.getTime();
    return fn(now);
  };
}
