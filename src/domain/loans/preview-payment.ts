import { Prisma } from "../../../generated/prisma/client.ts";
import { query } from "../../db/direct.ts";
import { memberAction } from "../actions/action.ts";
import { isTreasurer } from "../actors/roles.ts";
import { leftOnLoan } from "./ledger.ts";
import { entryWhat, overBalance, paymentInput } from "./payment-entry.ts";

type Row = { fullName: string; clubId: string; ref: string | null; left: bigint | number | null };

/**
 * The read-back before the treasurer confirms: who, what for, how much, in words; or what is left when
 * it is too much. The member, the loan and what is left on it in one raw statement.
 */
export const previewPayment = memberAction({
  input: paymentInput,
  allowed: isTreasurer,
  async run(tx, input, actor, _now, fmt) {
    const [type, id] = input.target.split(":") as ["loan" | "fund", string];
    const loanId = type === "loan" ? id : null;
    const [member] = await query<Row>(
      tx,
      Prisma.sql`SELECT m."fullName", m."clubId", l."ref", ${leftOnLoan(Prisma.sql`l."id"`)} AS "left"
        FROM "Member" m LEFT JOIN "Loan" l ON l."id" = ${loanId}
        WHERE m."id" = ${input.memberId}`,
    );
    if (!member || member.clubId !== actor.member?.clubId) return { status: "denied" };
    const loan = member.ref === null ? null : { ref: member.ref };
    const amount = BigInt(input.amount);
    if (loan) {
      const left = BigInt(member.left ?? 0);
      if (amount > left) return overBalance(fmt, loan.ref, member.fullName, amount, left > 0n ? left : 0n);
    }
    return { status: "ok", name: member.fullName, what: entryWhat(fmt, loan, id), amount: fmt.money(amount) };
  },
});
