import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { enqueueJob } from "../scheduling/enqueue-job.ts";

/** The member cancels a request before it is done. */
export const cancelVisit = memberAction({
  input: z.object({ visitId: z.coerce.number().int() }),
  allowed: () => true,
  async run(tx, { visitId }, actor, now) {
    const done = await tx.visitRequest.updateMany({
      where: { id: visitId, memberId: actor.member.id, status: { in: ["requested", "claimed"] } },
      data: { status: "cancelled" },
    });
    if (done.count !== 1) return { status: "not_open" };
    await enqueueJob(tx, { kind: "visit.notify", runAt: now, payload: { visitId, event: "cancelled" } });
    return { status: "cancelled", ref: visitId };
  },
});
