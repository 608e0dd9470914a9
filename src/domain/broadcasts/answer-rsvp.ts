import { z } from "zod";
import { memberAction } from "../actions/action.ts";

/** A member's answer to a meeting notice; the last answer counts. Without an id: their latest notice. */
export const answerRsvp = memberAction({
  input: z.object({ broadcastId: z.coerce.number().int().optional(), answer: z.enum(["yes", "no"]) }),
  allowed: () => true,
  async run(tx, input, actor, now, fmt) {
    const memberId = actor.member.id;
    const recipient = await tx.broadcastRecipient.findFirst({
      where: {
        memberId,
        broadcast: { template: "meeting", ...(input.broadcastId ? { id: input.broadcastId } : {}) },
      },
      orderBy: { broadcastId: "desc" },
      include: { broadcast: true },
    });
    const meeting = recipient?.broadcast.meetingId
      ? await tx.meeting.findUnique({ where: { id: recipient.broadcast.meetingId } })
      : null;
    if (!recipient || !meeting || meeting.status !== "scheduled" || meeting.startsAt <= now) return { status: "late" };
    await tx.broadcastRecipient.update({ where: { id: recipient.id }, data: { rsvp: input.answer, rsvpAt: now } });
    return { status: input.answer, when: fmt.when(meeting.startsAt), place: meeting.place };
  },
});
