import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { audit } from "../audit/audit.ts";
import { isPast, meetingWhen, startOf } from "./meeting-time.ts";
import { createClubMeeting } from "./meetings.ts";

/** The board creates a meeting; members get a reminder the day before, the board one at the start. */
export const createMeeting = memberAction({
  input: meetingWhen.extend({ place: z.string().min(2).max(120) }),
  allowed: (actor) => actor.roles.includes("board"),
  async run(tx, input, actor, now, fmt) {
    const startsAt = startOf(input);
    if (isPast(startsAt, now)) return { status: "past" };
    const meeting = await createClubMeeting(
      tx,
      { clubId: actor.member.clubId, startsAt, place: input.place, createdById: actor.member?.id },
      now,
    );
    await audit(tx, { actorId: actor.member?.id, action: "meetings.create", subject: `meeting:${meeting.id}`, at: now });
    return { status: "created", when: fmt.when(startsAt), code: meeting.code, place: meeting.place };
  },
});
