import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { isBoard } from "../actors/roles.ts";
import { audit } from "../audit/audit.ts";
import { ALL_ACTIVITIES, activityNames, pickedActivities, todaysMeeting } from "./activities.ts";

/** The activities today's meeting covered and the blood pressures checked, recorded by the board. */
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
      activities: activityNames(activities, (k) => fmt.text(k)),
      bp: bpChecks,
    };
  },
});
