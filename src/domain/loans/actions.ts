// Loan and fund actions: the member's plain-words view, the treasurer's entries and undo, the board's totals.
import { z } from "zod";
import type { Tx } from "../../db/client.ts";
import type { Formatter } from "../../i18n/format.ts";
import { type Actor, memberAction } from "../actions/action.ts";
import { access } from "../actors/access.ts";
import { memberRef } from "../members/member-ref.ts";
import { searchClubMembers } from "../members/search.ts";
import { enqueueJob } from "../scheduling/enqueue-job.ts";
import { startOfVietnamDay, startOfVietnamMonth } from "../time/vietnam-time.ts";
import { clubFundTotals } from "./fund-totals.ts";
import { contributions, loanBalance, loanDisbursed, loanRepaid, recordEntry, reverseEntry } from "./ledger.ts";
import { schedule, standing } from "./schedule.ts";

const isTreasurer = (actor: Actor) => actor.roles.includes("treasurer");
const DAY_MS = 86_400_000;

/** "Khoản vay của tôi": borrowed, paid, left, the next installment, anything overdue; dues and savings. */
export const myLoans = memberAction({
  input: z.object({}),
  allowed: (actor) => actor.consents.includes("loans"),
  readOnly: true,
  async run(tx, _input, actor, now, fmt) {
    const memberId = actor.member.id;
    const loans = await tx.loan.findMany({ where: { memberId, status: "active" }, orderBy: { disbursedAt: "asc" } });
    const dues = fmt.money(await contributions(tx, memberId, "dues"));
    const savings = fmt.money(await contributions(tx, memberId, "income"));
    if (loans.length === 0) return { status: "none", dues, savings };
    let borrowed = 0n;
    let paid = 0n;
    let left = 0n;
    let overdue = 0n;
    let overdueSince: Date | undefined;
    let next: { due: Date; amount: bigint } | undefined;
    for (const loan of loans) {
      const repaid = await loanRepaid(tx, loan.id);
      borrowed += await loanDisbursed(tx, loan.id);
      paid += repaid;
      left += await loanBalance(tx, loan.id);
      const s = standing(schedule({ ...loan, method: loan.method as "equal_principal" }), repaid, now);
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

/** Members of the treasurer's club by name (accents optional). */
export const findMember = memberAction({
  input: z.object({ query: z.string().min(1).max(80) }),
  allowed: isTreasurer,
  async run(tx, { query }, actor) {
    const members = await searchClubMembers(tx, actor.member.clubId, query);
    return { status: members.length === 0 ? "none" : "found", members };
  },
});

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

/** The member's receipt for an entry (a cancellation notice for a reversal), sent by a job. */
function enqueueReceipt(tx: Tx, entryId: number, now: Date): Promise<void> {
  return enqueueJob(tx, { kind: "ledger.receipt", runAt: now, payload: { entryId }, dedupeKey: `ledger.receipt:${entryId}` });
}

/** What an entry is for, in words: a loan's repayment or a fund. */
function entryWhat(fmt: Formatter, loan: { ref: string } | null, fund: string): string {
  return loan ? fmt.text("ledger:repayment_of").replace("{ref}", loan.ref) : fmt.text(`ledger:fund.${fund}`);
}

const paymentInput = z.object({
  memberId: z.string(),
  target: z.string().regex(/^(loan|fund):/),
  amount: z.string().regex(/^\d+$/),
});

/** A repayment larger than what is left: what is left, and the rest that could go to the income fund. */
function overBalance(fmt: Formatter, ref: string, name: string, amount: bigint, left: bigint) {
  return {
    status: "over",
    ref,
    name,
    amount: fmt.money(amount),
    left: fmt.money(left),
    rest: fmt.money(amount - left),
    fund: fmt.text("ledger:fund.income"),
  };
}

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

/** The treasurer's last entry of today that can still be undone, read back before asking. */
async function lastUndoable(tx: Tx, actor: Actor, now: Date) {
  return tx.ledgerEntry.findFirst({
    where: {
      recordedById: actor.member?.id ?? "-",
      // Recorded in the chat, not seeded or imported from the paper book.
      idempotencyKey: { startsWith: "bot:" },
      at: { gte: startOfVietnamDay(now) },
      kind: { not: "reversal" },
      reversedBy: null,
    },
    orderBy: { id: "desc" },
    include: { loan: true },
  });
}

/** Which entry «Hủy phiếu» would cancel: its number, member, amount and what it was for. */
export const findUndoable = memberAction({
  input: z.object({}),
  allowed: isTreasurer,
  async run(tx, _input, actor, now, fmt) {
    const last = await lastUndoable(tx, actor, now);
    if (!last) return { status: "nothing" };
    const member = last.memberId ? await tx.member.findUnique({ where: { id: last.memberId } }) : null;
    return {
      status: "found",
      number: last.id,
      amount: fmt.money(last.amount < 0n ? -last.amount : last.amount),
      name: member?.fullName ?? "",
      what: entryWhat(fmt, last.loan, last.fund ?? "dues"),
    };
  },
});

/** Undo the entry the treasurer confirmed: a reversal entry, never a delete; the member is told. */
export const undoEntry = memberAction({
  input: z.object({ entryId: z.number().int() }),
  allowed: isTreasurer,
  async run(tx, { entryId }, actor, now) {
    const last = await lastUndoable(tx, actor, now);
    // Only the entry that was read back: a newer entry since then means the question was stale.
    if (!last || last.id !== entryId) return { status: "nothing" };
    const result = await reverseEntry(tx, last.id, `undo:${last.id}`, actor.member?.id, now);
    if (result.status === "reversed") await enqueueReceipt(tx, result.id, now);
    return { status: result.status, number: last.id };
  },
});

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
