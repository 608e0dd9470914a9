import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { isBoard } from "../actors/roles.ts";
import { audit } from "../audit/audit.ts";
import { mayCompose } from "./draft.ts";

/** Call off a broadcast that has not gone yet: its author, or the board of its club. */
export const cancelBroadcast = memberAction({
  input: z.object({ id: z.coerce.number().int() }),
  allowed: mayCompose,
  async run(tx, { id }, actor, now) {
    const b = await tx.broadcast.findUnique({ where: { id } });
    const mine = b && (b.authorId === actor.member?.id || (isBoard(actor) && b.clubId === actor.member?.clubId));
    if (!mine) return { status: "denied" };
    const done = await tx.broadcast.updateMany({ where: { id, status: "scheduled" }, data: { status: "cancelled" } });
    if (done.count !== 1) return { status: "too_late" };
    await audit(tx, { actorId: actor.member?.id, action: "broadcasts.cancel", subject: `broadcast:${id}`, at: now });
    return { status: "cancelled", id };
  },
});
