import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { isHelper } from "../actors/roles.ts";
import { audit } from "../audit/audit.ts";
import { enqueueJob } from "../scheduling/enqueue-job.ts";

/** The done report: what was done and how the member is. Attention or urgent alerts the board at once. */
export const reportVisit = memberAction({
  input: z.object({
    visitId: z.coerce.number().int(),
    report: z.string().min(1).max(500),
    condition: z.enum(["fine", "attention", "urgent"]),
  }),
  allowed: isHelper,
  async run(tx, input, actor, now) {
    const done = await tx.visitRequest.updateMany({
      where: { id: input.visitId, status: "claimed", claimedById: actor.member.id },
      data: { status: "done", doneAt: now, report: input.report, condition: input.condition },
    });
    if (done.count !== 1) return { status: "not_open" };
    if (input.condition !== "fine")
      await enqueueJob(tx, { kind: "visit.notify", runAt: now, payload: { visitId: input.visitId, event: input.condition } });
    await audit(tx, { actorId: actor.member?.id, action: "visits.done", subject: `visit:${input.visitId}`, at: now });
    return { status: "done", ref: input.visitId, condition: input.condition };
  },
});
