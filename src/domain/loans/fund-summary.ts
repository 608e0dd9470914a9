import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { isTreasurer } from "../actors/roles.ts";
import { startOfVietnamMonth } from "../time/vietnam-time.ts";
import { clubLoanSums } from "./loan-sums.ts";
import { installments, standing } from "./schedule.ts";

/** The board's and treasurer's totals for the club. */
export const fundSummary = memberAction({
  input: z.object({}),
  allowed: (actor) => actor.roles.includes("board") || isTreasurer(actor),
  async run(tx, _input, actor, now, fmt) {
    const clubId = actor.member.clubId;
    const { loans, totals } = await clubLoanSums(tx, clubId, startOfVietnamMonth(now));
    const late: string[] = [];
    for (const loan of loans) {
      const s = standing(installments(loan), loan.repaid, now);
      if (s.overdue > 0n) late.push(`${loan.memberName} (${fmt.money(s.overdue)})`);
    }
    return {
      income: fmt.money(totals.income),
      activity: fmt.money(totals.activity),
      out: fmt.money(totals.out),
      repaidMonth: fmt.money(totals.repaidSince),
      borrowers: loans.length,
      overdueList: late.length > 0 ? late.join(", ") : "—",
    };
  },
});
