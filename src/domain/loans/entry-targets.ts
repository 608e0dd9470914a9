import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { isTreasurer } from "../actors/roles.ts";
import { loanBalance } from "./ledger.ts";

/** What an entry can be for: the member's active loans, or one of the funds. */
export const entryTargets = memberAction({
  input: z.object({ memberId: z.string() }),
  allowed: isTreasurer,
  async run(tx, { memberId }, actor, _now, fmt) {
    const loans = await tx.loan.findMany({
      where: { memberId, clubId: actor.member.clubId, status: "active" },
      orderBy: { ref: "asc" },
    });
    const owing = (await Promise.all(loans.map(async (l) => ({ l, left: await loanBalance(tx, l.id) })))).filter(
      (o) => o.left > 0n,
    );
    // A loan paid off takes no repayment: it is not offered.
    const loanChoices = owing.slice(0, 3).map(({ l, left }) => ({ id: `loan:${l.id}`, label: `${l.ref} — ${fmt.money(left)}` }));
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
