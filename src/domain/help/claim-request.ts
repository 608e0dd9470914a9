// «Tôi gọi»: the board member or volunteer who will call a member back takes the request (first one
// wins) and gets the member's number; the member hears who will call.
import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { audit } from "../audit/audit.ts";
import { nameWithPhone } from "../members/phone.ts";
import { enqueueJob } from "../scheduling/enqueue-job.ts";
import { topicsFor } from "./help-topics.ts";

/** Take one request: the first to answer gets it, with the member's name and number to call. */
export const claimRequest = memberAction({
  input: z.object({ requestId: z.string() }),
  allowed: (actor) => topicsFor(actor).length > 0,
  async run(tx, { requestId }, actor, now, fmt) {
    const taken = await tx.helpRequest.updateMany({
      where: { id: requestId, clubId: actor.member.clubId, status: "open", topic: { in: topicsFor(actor) } },
      data: { status: "claimed", claimedById: actor.member?.id, claimedAt: now },
    });
    if (taken.count !== 1) return { status: "taken" };
    const request = await tx.helpRequest.findUniqueOrThrow({ where: { id: requestId }, include: { member: true } });
    await enqueueJob(tx, { kind: "help.notify", runAt: now, payload: { requestId, event: "claimed" } });
    await audit(tx, {
      actorId: actor.member?.id,
      onBehalfOfId: request.memberId ?? undefined,
      action: "help.claim",
      subject: `help:${requestId}`,
      at: now,
    });
    // The member is named as the helper should speak of an elder («Bà Mận»), never «người đó».
    const them = request.member ? fmt.address(request.member, now.getUTCFullYear()).address : "";
    return { status: "claimed", person: request.member ? nameWithPhone(request.member) : "", them };
  },
});
