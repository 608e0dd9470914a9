import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { isHelper } from "../actors/roles.ts";
import { enqueueJob } from "../scheduling/enqueue-job.ts";

/** Give a claimed visit back: it is open again for the others. */
export const releaseVisit = memberAction({
  input: z.object({ visitId: z.coerce.number().int() }),
  allowed: isHelper,
  async run(tx, { visitId }, actor, now) {
    const released = await tx.visitRequest.updateMany({
      where: { id: visitId, status: "claimed", claimedById: actor.member.id },
      data: { status: "requested", claimedById: null, claimedAt: null },
    });
    if (released.count !== 1) return { status: "not_yours" };
    await enqueueJob(tx, { kind: "visit.notify", runAt: now, payload: { visitId, event: "released" } });
    return { status: "released", ref: visitId };
  },
});
