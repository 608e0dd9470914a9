// Repayment schedules, pure and exact in integer VND: equal principal, or interest only then principal.
import { fromVietnamClock, vietnamClock } from "../time/vietnam-time.ts";
export type LoanTerms = {
  principal: bigint;
  rateBp: number;
  termMonths: number;
  method: "equal_principal" | "interest_only";
  disbursedAt: Date;
};
export type Installment = { n: number; due: Date; principal: bigint; interest: bigint; total: bigint };

/** Interest of a month on `base`, rounded half up to the whole đồng. */
function interest(base: bigint, rateBp: number): bigint {
  return (base * BigInt(rateBp) + 5_000n) / 10_000n;
}

/** The same day `k` months later (the 31st becomes the month's last day), at the same time. */
export function addMonths(at: Date, k: number): Date {
  return monthsAfter(vietnamClock(at), k);
}

/** `addMonths` from a wall clock already read (a schedule reads the disbursement's once). */
function monthsAfter(local: Date, k: number): Date {
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + k;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(local.getUTCDate(), lastDay);
  return fromVietnamClock(Date.UTC(y, m, day, local.getUTCHours(), local.getUTCMinutes()));
}

/** The installments in order, each made when asked for: a borrower's standing stops at the next one due. */
export function* installments(terms: LoanTerms): Generator<Installment> {
  const n = terms.termMonths;
  const disbursed = vietnamClock(terms.disbursedAt);
  let remaining = terms.principal;
  for (let k = 1; k <= n; k++) {
    const i = interest(remaining, terms.rateBp);
    let p: bigint;
    if (terms.method === "equal_principal") p = k === n ? remaining : terms.principal / BigInt(n);
    else p = k === n ? remaining : 0n;
    yield { n: k, due: monthsAfter(disbursed, k), principal: p, interest: i, total: p + i };
    remaining -= p;
  }
}

export type Standing = {
  next?: { due: Date; amount: bigint };
  overdue: bigint;
  overdueSince?: Date;
};

/** Where a borrower stands on `now`, given everything repaid so far (repayments as a positive sum). */
export function standing(rows: Iterable<Installment>, repaid: bigint, now: Date): Standing {
  let cumulative = 0n;
  let overdue = 0n;
  let overdueSince: Date | undefined;
  for (const row of rows) {
    cumulative += row.total;
    const unpaid = cumulative - repaid;
    if (unpaid <= 0n) continue;
    if (row.due <= now) {
      overdue = unpaid;
      overdueSince ??= row.due;
      continue;
    }
    return { next: { due: row.due, amount: unpaid - overdue }, overdue, overdueSince };
  }
  return { overdue, overdueSince };
}
