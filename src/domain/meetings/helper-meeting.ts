import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { isHelper } from "../actors/roles.ts";
import { meetingsNow } from "./meetings.ts";

/** The helper's club meeting open now (the first, if several). */
export const helperMeeting = memberAction({
  input: z.object({}),
  allowed: isHelper,
  async run(tx, _input, actor, now, fmt) {
    const { open, next } = await meetingsNow(tx, actor.member.clubId, "", now);
    const meeting = open[0]?.meeting;
    if (!meeting) {
      return { status: "none", next: next ? fmt.when(next.startsAt) : "" };
    }
    return { status: "open", meetingId: meeting.id, when: `${fmt.when(meeting.startsAt)} — ${meeting.place}` };
  },
});
