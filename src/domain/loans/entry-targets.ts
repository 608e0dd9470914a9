import { z } from "zod";
import { Prisma } from "../../../generated/prisma/client.ts";
import { query } from "../../db/direct.ts";
import { memberAction } from "../actions/action.ts";
import { isTreasurer } from "../actors/roles.ts";
import { leftOnLoan } from "./ledger.ts";

/**
 * What an entry can be for: the member's active loans still owing, or one of the funds. The loans and
 * what is left on each in one raw statement.
 */
export const entryTargets = memberAction({
  input: z.object({ memberId: z.string() }),
  allowed: isTreasurer,
  async run(tx, { memberId }, actor, _now, fmt) {
    const loans = await query<{ id: string; ref: string; left: bigint | number }>(
      tx,
      Prisma.sql`SELECT l."id", l."ref", ${leftOnLoan(Prisma.sql`l."id"`)} AS "left" FROM "Loan" l
        WHERE l."memberId" = ${memberId} AND l."clubId" = ${actor.member.clubId} AND l."status" = 'active' ORDER BY l."ref"`,
    );
    // A loan paid off takes no repayment: it is not offered.
    const owing = loans.map((l) => ({ ...l, left: BigInt(l.left) })).filter((l) => l.left > 0n);
    const loanChoices = owing.slice(0, 3).map((l) => ({ id: `loan:${l.id}`, label: `${l.ref} — ${fmt.money(l.left)}` }));
    return {
      targets: [
        ...loanChoices,
        { id: "fund:dues", labelKey: "ledger:fund.dues" },
        { id: "fund:income", labelKey: "ledger:fund.income" },
        { id: "fund:activity", labelKey: "ledger:fund.activity" },
      ],
    };
  },
});
