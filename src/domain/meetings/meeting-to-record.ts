import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { isBoard } from "../actors/roles.ts";
import { activityNames, todaysMeeting } from "./activities.ts";

/** Today's meeting of the board's club, and what was recorded of it so far. */
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
      activities: activityNames(meeting.activities, (k) => fmt.text(k)),
      bp: meeting.bpChecks ?? 0,
    };
  },
});
