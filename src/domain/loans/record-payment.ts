import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { access } from "../actors/access.ts";
import { isTreasurer } from "../actors/roles.ts";
import { memberRef } from "../members/member-ref.ts";
import { recordEntry } from "./ledger.ts";
import { enqueueReceipt, overBalance, paymentInput } from "./payment-entry.ts";

/**
 * The treasurer's entry, after read-back and confirm. A retried confirm (same key) records nothing new.
 * With `split` (the treasurer chose it), a repayment over what is left pays the loan off and puts the
 * rest in the income fund as the member's contribution.
 */
export const recordPayment = memberAction({
  input: paymentInput.extend({ key: z.union([z.string(), z.number()]), split: z.boolean().default(false) }),
  allowed: isTreasurer,
  async run(tx, input, actor, now, fmt) {
    const target = await memberRef(tx, input.memberId);
    if (!target || !access.canRecordMoney(actor, target.ref.club)) return { status: "denied" };
    const [type, id] = input.target.split(":") as ["loan" | "fund", string];
    const loan = type === "loan" ? await tx.loan.findUnique({ where: { id } }) : null;
    if (type === "loan" && (!loan || loan.memberId !== target.member.id)) return { status: "denied" };
    const amount = BigInt(input.amount);
    const recorded = async (part: bigint, key: string, what: "loan" | "dues" | "income" | "activity") => {
      const entry = await recordEntry(tx, {
        clubId: target.member.clubId,
        memberId: target.member.id,
        ...(what === "loan" ? { loanId: id, kind: "repayment" as const } : { fund: what, kind: "contribution" as const }),
        amount: part,
        idempotencyKey: `bot:${actor.accountId}:${key}`,
        recordedById: actor.member?.id,
        at: now,
      });
      if (entry.status === "recorded" && !entry.duplicate) await enqueueReceipt(tx, entry.id, now);
      return entry;
    };
    const name = target.member.fullName;
    const first = await recorded(amount, String(input.key), loan ? "loan" : (id as "dues" | "income" | "activity"));
    if (first.status === "recorded") return { status: "recorded", number: first.id, amount: fmt.money(amount), name };
    if (!input.split || !loan) return overBalance(fmt, loan?.ref ?? "", name, amount, first.left);
    const repaid = first.left > 0n ? await recorded(first.left, `${input.key}:repaid`, "loan") : undefined;
    if (repaid?.status === "over_balance") return overBalance(fmt, loan.ref, name, amount, repaid.left);
    const rest = await recorded(amount - first.left, `${input.key}:rest`, "income");
    if (rest.status !== "recorded") return { status: "denied" };
    return {
      status: "recorded_split",
      name,
      left: fmt.money(first.left),
      rest: fmt.money(amount - first.left),
      fund: fmt.text("ledger:fund.income"),
      number: repaid?.status === "recorded" ? repaid.id : rest.id,
      restNumber: rest.id,
    };
  },
});
