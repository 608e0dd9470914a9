import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { isTreasurer } from "../actors/roles.ts";
import { startOfVietnamMonth } from "../time/vietnam-time.ts";
import { clubFundTotals } from "./fund-totals.ts";
import { loanRepaid } from "./ledger.ts";
import { schedule, standing } from "./schedule.ts";

/** The board's and treasurer's totals for the club. */
export const fundSummary = memberAction({
  input: z.object({}),
  allowed: (actor) => actor.roles.includes("board") || isTreasurer(actor),
  async run(tx, _input, actor, now, fmt) {
    const clubId = actor.member.clubId;
    const sum = async (where: object) =>
      (await tx.ledgerEntry.aggregate({ where: { clubId, ...where }, _sum: { amount: true } }))._sum.amount ?? 0n;
    const loans = await tx.loan.findMany({ where: { clubId, status: "active" }, include: { member: true } });
    const late: string[] = [];
    for (const loan of loans) {
      const s = standing(schedule({ ...loan, method: loan.method as "equal_principal" }), await loanRepaid(tx, loan.id), now);
      if (s.overdue > 0n) late.push(`${loan.member.fullName} (${fmt.money(s.overdue)})`);
    }
    const totals = await clubFundTotals(tx, clubId);
    return {
      income: fmt.money(totals.income),
      activity: fmt.money(totals.activity),
      out: fmt.money(totals.out),
      // Repayments of this month in Vietnam that still stand: an undone one no longer counts.
      repaidMonth: fmt.money(-(await sum({ kind: "repayment", at: { gte: startOfVietnamMonth(now) }, reversedBy: null }))),
      borrowers: loans.length,
      overdueList: late.length > 0 ? late.join(", ") : "—",
    };
  },
});
