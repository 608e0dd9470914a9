import { memberAction } from "../actions/action.ts";
import { isTreasurer } from "../actors/roles.ts";
import { loanBalance } from "./ledger.ts";
import { entryWhat, overBalance, paymentInput } from "./payment-entry.ts";

/** The read-back before the treasurer confirms: who, what for, how much, in words; or what is left when it is too much. */
export const previewPayment = memberAction({
  input: paymentInput,
  allowed: isTreasurer,
  async run(tx, input, actor, _now, fmt) {
    const member = await tx.member.findUnique({ where: { id: input.memberId } });
    if (!member || member.clubId !== actor.member?.clubId) return { status: "denied" };
    const [type, id] = input.target.split(":") as ["loan" | "fund", string];
    const loan = type === "loan" ? await tx.loan.findUnique({ where: { id } }) : null;
    const amount = BigInt(input.amount);
    if (loan) {
      const left = await loanBalance(tx, loan.id);
      if (amount > left) return overBalance(fmt, loan.ref, member.fullName, amount, left > 0n ? left : 0n);
    }
    return { status: "ok", name: member.fullName, what: entryWhat(fmt, loan, id), amount: fmt.money(amount) };
  },
});
