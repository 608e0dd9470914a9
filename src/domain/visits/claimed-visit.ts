import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { isHelper } from "../actors/roles.ts";
import { label, noteLine, whereToGo } from "./visit-text.ts";

/** One of the volunteer's own visits in full: who, where, what, when. */
export const claimedVisit = memberAction({
  input: z.object({ visitId: z.coerce.number().int() }),
  allowed: isHelper,
  async run(tx, { visitId }, actor, _now, fmt) {
    const visit = await tx.visitRequest.findFirst({
      where: { id: visitId, claimedById: actor.member.id, status: "claimed" },
    });
    if (!visit) return { status: "not_yours" };
    const member = await tx.member.findUniqueOrThrow({ where: { id: visit.memberId } });
    return { status: "mine", ref: visit.id, where: whereToGo(member), what: `${label(fmt, visit)}${noteLine(fmt, visit.note)}` };
  },
});
