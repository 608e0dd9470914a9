import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { isHelper } from "../actors/roles.ts";
import { checkedInByHelper, counts } from "./attendance.ts";

/** Roll call: the next member (by name) with no mark yet for this meeting. */
export const rollNext = memberAction({
  input: z.object({ meetingId: z.string() }),
  allowed: isHelper,
  async run(tx, { meetingId }, actor) {
    const meeting = await tx.meeting.findUnique({ where: { id: meetingId } });
    if (!meeting || meeting.clubId !== actor.member?.clubId) return { status: "denied" };
    const next = await tx.member.findFirst({
      where: { clubId: meeting.clubId, status: "active", attendances: { none: { meetingId } }, ...checkedInByHelper(actor) },
      orderBy: { fullName: "asc" },
    });
    if (!next) return { status: "done", ...(await counts(tx, meeting.id, meeting.clubId)) };
    return { status: "next", memberId: next.id, name: `${next.fullName} (${next.birthYear})` };
  },
});
