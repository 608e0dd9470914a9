import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { mayCompose } from "./draft.ts";
import { followable } from "./followable.ts";
import { broadcastStatus } from "./status.ts";

/** One notice the actor may follow: delivery and answers so far. */
export const followBroadcast = memberAction({
  input: z.object({ id: z.coerce.number().int() }),
  allowed: mayCompose,
  async run(tx, { id }, actor, _now, fmt) {
    const broadcast = await tx.broadcast.findFirst({ where: { id, ...followable(actor) } });
    if (!broadcast) return { status: "none" };
    return { status: "ok", ...(await broadcastStatus(tx, broadcast, fmt)) };
  },
});
