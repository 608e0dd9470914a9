// What the treasurer's entry actions share: the entry's input and wording, the member's receipt,
// and the last entry of today that may be undone.
import { z } from "zod";
import type { Tx } from "../../db/client.ts";
import type { Formatter } from "../../i18n/format.ts";
import type { MemberActor } from "../actions/action.ts";
import { enqueueJob } from "../scheduling/enqueue-job.ts";
import { startOfVietnamDay } from "../time/vietnam-time.ts";

/** The member's receipt for an entry (a cancellation notice for a reversal), sent by a job. */
export function enqueueReceipt(tx: Tx, entryId: number, now: Date): Promise<void> {
  return enqueueJob(tx, { kind: "ledger.receipt", runAt: now, payload: { entryId }, dedupeKey: `ledger.receipt:${entryId}` });
}

/** What an entry is for, in words: a loan's repayment or a fund. */
export function entryWhat(fmt: Formatter, loan: { ref: string } | null, fund: string): string {
  return loan ? fmt.text("ledger:repayment_of").replace("{ref}", loan.ref) : fmt.text(`ledger:fund.${fund}`);
}

/** A payment as the flow gathers it: the member, a loan or a fund, and the amount in đồng. */
export const paymentInput = z.object({
  memberId: z.string(),
  target: z.string().regex(/^(loan|fund):/),
  amount: z.string().regex(/^\d+$/),
});

/** A repayment larger than what is left: what is left, and the rest that could go to the income fund. */
export function overBalance(fmt: Formatter, ref: string, name: string, amount: bigint, left: bigint) {
  return {
    status: "over",
    ref,
    name,
    amount: fmt.money(amount),
    left: fmt.money(left),
    rest: fmt.money(amount - left),
    fund: fmt.text("ledger:fund.income"),
  };
}

/** The treasurer's last entry of today that can still be undone, read back before asking. */
export async function lastUndoable(tx: Tx, actor: MemberActor, now: Date) {
  return tx.ledgerEntry.findFirst({
    where: {
      recordedById: actor.member.id,
      // Recorded in the chat, not seeded or imported from the paper book.
      idempotencyKey: { startsWith: "bot:" },
      at: { gte: startOfVietnamDay(now) },
      kind: { not: "reversal" },
      reversedBy: null,
    },
    orderBy: { id: "desc" },
    include: { loan: true },
  });
}
