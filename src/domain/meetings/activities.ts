// After a meeting, the board records which of the 8 activities it covered and how many blood
// pressures were checked: the facts the plan's "monthly with all 8 activities" target counts.
// Editable until the end of that day.
import { z } from "zod";
import type { Tx } from "../../db/client.ts";
import { normalize } from "../../engine/match.ts";
import { type Actor, memberAction } from "../actions/action.ts";
import { audit } from "../audit/audit.ts";
import { startOfVietnamDay } from "../time/vietnam-time.ts";

/** The plan's activities: a meeting that covers all of them counts for the "all 8" target. */
export const ALL_ACTIVITIES = 8;

const isBoard = (actor: Actor) => actor.member !== undefined && actor.roles.includes("board");
const ALL_WORDS = new Set(["tat ca", "ca 8", "du 8", "all"]);

/** «1 3 5», «1,3,5», «1, 3 và 5» → [1, 3, 5]; «tất cả» → 1-8. */
export function pickedActivities(text: string): number[] {
  const words = normalize(text);
  if (ALL_WORDS.has(words)) return Array.from({ length: ALL_ACTIVITIES }, (_, i) => i + 1);
  return [...new Set((words.match(/[1-8]/g) ?? []).map(Number))].sort((a, b) => a - b);
}

/** The club's meeting begun today (Vietnam's day), the latest if several. */
async function todaysMeeting(tx: Tx, clubId: string, now: Date) {
  return tx.meeting.findFirst({
    where: { clubId, status: "scheduled", startsAt: { gte: startOfVietnamDay(now), lte: now } },
    orderBy: { startsAt: "desc" },
  });
}

const names = (activities: string | null, text: (key: string) => string) =>
  (activities ?? "")
    .split(",")
    .filter((a) => a !== "")
    .map((a) => `${a}. ${text(`meeting_activities:activity.${a}`)}`)
    .join(", ");

export const meetingToRecord = memberAction({
  input: z.object({}),
  allowed: isBoard,
  async run(tx, _input, actor, now, fmt) {
    const meeting = await todaysMeeting(tx, actor.member.clubId, now);
    if (!meeting) return { status: "none" };
    const recorded = meeting.recordedAt !== null;
    return {
      status: recorded ? "recorded" : "found",
      id: meeting.id,
      when: fmt.when(meeting.startsAt),
      activities: names(meeting.activities, (k) => fmt.text(k)),
      bp: meeting.bpChecks ?? 0,
    };
  },
});

export const recordActivities = memberAction({
  input: z.object({ meetingId: z.string(), picked: z.string(), bp: z.string() }),
  allowed: isBoard,
  async run(tx, input, actor, now, fmt) {
    const meeting = await todaysMeeting(tx, actor.member.clubId, now);
    // Only today's meeting of the board's own club, so yesterday's figures stay as they were.
    if (!meeting || meeting.id !== input.meetingId) return { status: "closed" };
    const picked = pickedActivities(input.picked);
    if (picked.length === 0) return { status: "none_picked" };
    const bpChecks = /^\d+$/.test(input.bp.trim()) ? Number(input.bp.trim()) : 0;
    const activities = picked.join(",");
    await tx.meeting.update({ where: { id: meeting.id }, data: { activities, bpChecks, recordedAt: now } });
    await audit(tx, { actorId: actor.member?.id, action: "meeting.activities", subject: `meeting:${meeting.id}`, at: now });
    return {
      status: "saved",
      count: picked.length,
      all: picked.length === ALL_ACTIVITIES ? "yes" : "no",
      activities: names(activities, (k) => fmt.text(k)),
      bp: bpChecks,
    };
  },
});
