import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { isTreasurer } from "../actors/roles.ts";
import { startOfVietnamMonth } from "../time/vietnam-time.ts";
import { clubFundTotals } from "./fund-totals.ts";
import { clubLoanSums } from "./loan-sums.ts";
import { schedule, standing } from "./schedule.ts";

/** The board's and treasurer's totals for the club. */
export const fundSummary = memberAction({
  input: z.object({}),
  allowed: (actor) => actor.roles.includes("board") || isTreasurer(actor),
  async run(tx, _input, actor, now, fmt) {
    const clubId = actor.member.clubId;
    const loans = await clubLoanSums(tx, clubId);
    const late: string[] = [];
    for (const loan of loans) {
      const s = standing(schedule(loan), loan.repaid, now);
      if (s.overdue > 0n) late.push(`${loan.memberName} (${fmt.money(s.overdue)})`);
    }
    const totals = await clubFundTotals(tx, clubId, startOfVietnamMonth(now));
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
