import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { memberLoanSums } from "./loan-sums.ts";
import { installments, standing } from "./schedule.ts";

const DAY_MS = 86_400_000;

/** "Khoản vay của tôi": borrowed, paid, left, the next installment, anything overdue; dues and savings. */
export const myLoans = memberAction({
  input: z.object({}),
  allowed: (actor) => actor.consents.includes("loans"),
  async run(tx, _input, actor, now, fmt) {
    const memberId = actor.member.id;
    const sums = await memberLoanSums(tx, memberId);
    const loans = sums.loans;
    const dues = fmt.money(sums.dues);
    const savings = fmt.money(sums.savings);
    if (loans.length === 0) return { status: "none", dues, savings };
    let borrowed = 0n;
    let paid = 0n;
    let left = 0n;
    let overdue = 0n;
    let overdueSince: Date | undefined;
    let next: { due: Date; amount: bigint } | undefined;
    for (const loan of loans) {
      borrowed += loan.disbursed;
      paid += loan.repaid;
      left += loan.left;
      const s = standing(installments(loan), loan.repaid, now);
      overdue += s.overdue;
      if (s.overdueSince && (!overdueSince || s.overdueSince < overdueSince)) overdueSince = s.overdueSince;
      if (s.next && (!next || s.next.due < next.due)) next = s.next;
    }
    return {
      status: overdue > 0n ? "overdue" : next ? "ok" : "ok_no_next",
      borrowed: fmt.money(borrowed),
      paid: fmt.money(paid),
      left: fmt.money(left),
      nextAmount: next ? fmt.money(next.amount) : "",
      nextDate: next ? fmt.day(next.due) : "",
      overdue: fmt.money(overdue),
      overdueSince: overdueSince ? fmt.day(overdueSince) : "",
      overdueDays: overdueSince ? Math.floor((now.getTime() - overdueSince.getTime()) / DAY_MS) : 0,
      dues,
      savings,
    };
  },
});
