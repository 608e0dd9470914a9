import { z } from "zod";
import { action, isLinked, subjectOf } from "../actions/action.ts";
import { meetingsNow } from "./meetings.ts";

/** The meetings open for the member (or the member a proxy acts for) right now. */
export const openForMember = action({
  input: z.object({ memberId: z.string().optional() }),
  allowed: (actor, input) => (input.memberId ? actor.proxyFor.includes(input.memberId) : isLinked(actor)),
  async run(tx, input, actor, now, fmt) {
    const memberId = subjectOf(actor, input.memberId);
    if (!memberId) return { status: "denied" };
    // The actor already knows their own club; only a proxy's member needs looking up.
    const { clubId, fullName } =
      memberId === actor.member?.id ? actor.member : await tx.member.findUniqueOrThrow({ where: { id: memberId } });
    const { open, next } = await meetingsNow(tx, clubId, memberId, now);
    const [only] = open.map((m) => m.meeting);
    if (!only) {
      return { status: next ? "none" : "none_planned", next: next ? fmt.when(next.startsAt) : "" };
    }
    // Someone already present hears so at once, not after a question.
    const present = open.length === 1 ? open[0]?.presentAt : undefined;
    if (present) return { status: "already", time: fmt.time(present), name: fullName };
    const meetings = open.map(({ meeting: m }) => ({ id: m.id, label: `${fmt.when(m.startsAt)} — ${m.place}` }));
    return { status: open.length === 1 ? "one" : "several", meetingId: only.id, when: meetings[0]?.label, meetings, memberId };
  },
});
