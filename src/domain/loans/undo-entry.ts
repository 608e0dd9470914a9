import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { isTreasurer } from "../actors/roles.ts";
import { reverseEntry } from "./ledger.ts";
import { enqueueReceipt, lastUndoable } from "./payment-entry.ts";

/** Undo the entry the treasurer confirmed: a reversal entry, never a delete; the member is told. */
export const undoEntry = memberAction({
  input: z.object({ entryId: z.number().int() }),
  allowed: isTreasurer,
  async run(tx, { entryId }, actor, now) {
    const last = await lastUndoable(tx, actor, now);
    // Only the entry that was read back: a newer entry since then means the question was stale.
    if (!last || last.id !== entryId) return { status: "nothing" };
    const result = await reverseEntry(tx, last.id, `undo:${last.id}`, actor.member?.id, now);
    if (result.status === "reversed") await enqueueReceipt(tx, result.id, now);
    return { status: result.status, number: last.id };
  },
});
