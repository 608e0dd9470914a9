import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { access } from "../actors/access.ts";
import { isHelper } from "../actors/roles.ts";
import { memberRef } from "../members/member-ref.ts";
import { recordAttendance } from "./meetings.ts";

/** Roll call mark: 1 present, 2 absent, 3 excused. */
export const markAttendance = memberAction({
  input: z.object({ meetingId: z.string(), memberId: z.string(), mark: z.enum(["present", "absent", "excused"]) }),
  allowed: isHelper,
  async run(tx, input, actor, now) {
    const target = await memberRef(tx, input.memberId);
    const meeting = await tx.meeting.findUnique({ where: { id: input.meetingId } });
    if (!target || !meeting || meeting.clubId !== target.member.clubId || !access.canCheckIn(actor, target.ref))
      return { status: "denied" };
    await recordAttendance(tx, {
      meetingId: meeting.id,
      memberId: target.member.id,
      via: "rollcall",
      recordedById: actor.member?.id,
      status: input.mark,
      at: now,
    });
    return { status: "ok" };
  },
});
