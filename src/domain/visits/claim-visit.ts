import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { access } from "../actors/access.ts";
import { isHelper } from "../actors/roles.ts";
import { audit } from "../audit/audit.ts";
import { enqueueJob } from "../scheduling/enqueue-job.ts";
import { noteLine, whereToGo } from "./visit-text.ts";
import { clubOf } from "./volunteer-club.ts";

/** Claim: the first volunteer wins, atomically; the others are told it is taken. */
export const claimVisit = memberAction({
  input: z.object({ visitId: z.coerce.number().int() }),
  allowed: isHelper,
  async run(tx, { visitId }, actor, now, fmt) {
    const visit = await tx.visitRequest.findUnique({ where: { id: visitId } });
    const club = await clubOf(tx, actor);
    if (!visit || !club || visit.clubId !== club.id || !access.canSeeClubVisits(actor, club)) return { status: "not_found" };
    const claimed = await tx.visitRequest.updateMany({
      where: { id: visitId, status: "requested" },
      data: { status: "claimed", claimedById: actor.member?.id, claimedAt: now },
    });
    if (claimed.count !== 1) return { status: visit.status === "cancelled" ? "cancelled" : "taken", ref: visitId };
    await enqueueJob(tx, { kind: "visit.notify", runAt: now, payload: { visitId, event: "claimed" } });
    await audit(tx, {
      actorId: actor.member?.id,
      onBehalfOfId: visit.memberId,
      action: "visits.claim",
      subject: `visit:${visitId}`,
      at: now,
    });
    const member = await tx.member.findUniqueOrThrow({ where: { id: visit.memberId } });
    return { status: "claimed", ref: visitId, where: whereToGo(member), note: noteLine(fmt, visit.note) };
  },
});
