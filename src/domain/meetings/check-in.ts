import { z } from "zod";
import type { Tx } from "../../db/client.ts";
import { action, subjectOf } from "../actions/action.ts";
import { access } from "../actors/access.ts";
import { memberRef } from "../members/member-ref.ts";
import { isOpen, meetingWithWindow, nextMeeting, recordAttendance, type Via } from "./meetings.ts";

/** The member and their club, for a member id that may be missing (a relative's chat naming nobody). */
async function memberRefOf(tx: Tx, memberId: string | undefined) {
  return memberId ? memberRef(tx, memberId) : undefined;
}

/** Check a member in: themself, a proxy, or a volunteer/board member of the same club. */
export const checkIn = action({
  input: z.object({
    meetingId: z.string(),
    memberId: z.string().optional(),
    via: z.enum(["menu", "code", "link", "proxy", "rollcall"]),
  }),
  // Linked chats only; the member and meeting are checked inside, where both are known.
  allowed: (actor) => !actor.roles.includes("guest"),
  async run(tx, input, actor, now, fmt) {
    const meeting = await meetingWithWindow(tx, input.meetingId);
    // Checking oneself in needs no member lookup: the actor is the member, the meeting names the club.
    const self = actor.member && (!input.memberId || input.memberId === actor.member.id) ? actor.member : undefined;
    const target =
      self && meeting
        ? { member: self, ref: { id: self.id, club: meeting.clubRef } }
        : await memberRefOf(tx, subjectOf(actor, input.memberId));
    if (!target || !meeting || meeting.clubId !== target.member.clubId || !access.canCheckIn(actor, target.ref))
      return { status: "denied" };
    if (!isOpen(meeting, now)) {
      const next = await nextMeeting(tx, meeting.clubId, now);
      return { status: "closed", next: next ? fmt.when(next.startsAt) : "" };
    }
    const recordedById = actor.member?.id ?? `account:${actor.accountId}`;
    const result = await recordAttendance(tx, {
      meetingId: meeting.id,
      memberId: target.member.id,
      via: input.via as Via,
      recordedById,
      at: now,
    });
    return { status: result.status, time: fmt.time(result.at), name: target.member.fullName };
  },
});
