// The ledger: append-only entries; retried keys never record twice; mistakes are reversed.
import { Prisma } from "../../../generated/prisma/client.ts";
import type { Tx } from "../../db/client.ts";
import { query } from "../../db/direct.ts";
import { audit } from "../audit/audit.ts";

export type NewEntry = {
  clubId: string;
  loanId?: string;
  memberId?: string;
  fund?: "dues" | "income" | "activity";
  kind: "disbursement" | "repayment" | "interest" | "fee" | "contribution";
  /** Positive VND as people say it; the sign is the ledger's business. */
  amount: bigint;
  idempotencyKey: string;
  recordedById?: string;
  note?: string;
  at: Date;
};

/** What an entry does to a balance: a repayment lowers what is owed. */
export function signed(kind: NewEntry["kind"], amount: bigint): bigint {
  return kind === "repayment" ? -amount : amount;
}

export type RecordResult = { status: "recorded"; id: number; duplicate: boolean } | { status: "over_balance"; left: bigint };

/**
 * Records one entry. A repayment larger than what is left on its loan is refused with what is left:
 * no loan's balance is ever negative. A retried key returns the entry it recorded the first time.
 */
export async function recordEntry(tx: Tx, entry: NewEntry): Promise<RecordResult> {
  if (entry.amount <= 0n) throw new RangeError("ledger amounts are positive VND");
  const existing = await tx.ledgerEntry.findUnique({
    where: { clubId_idempotencyKey: { clubId: entry.clubId, idempotencyKey: entry.idempotencyKey } },
  });
  if (existing) return { status: "recorded", id: existing.id, duplicate: true };
  if (entry.kind === "repayment" && entry.loanId) {
    const left = await loanBalance(tx, entry.loanId);
    if (entry.amount > left) return { status: "over_balance", left: left > 0n ? left : 0n };
  }
  const created = await tx.ledgerEntry.create({ data: { ...entry, amount: signed(entry.kind, entry.amount) } });
  await audit(tx, {
    actorId: entry.recordedById,
    onBehalfOfId: entry.memberId,
    action: `ledger.${entry.kind}`,
    subject: `ledger:${created.id}`,
    at: entry.at,
  });
  return { status: "recorded", id: created.id, duplicate: false };
}

export type ReverseResult =
  | { status: "reversed"; id: number }
  | { status: "already_reversed" | "not_found" | "is_reversal" | "would_go_negative" };

/** Undoes an entry with a reversal entry. Undoing a disbursement that repayments already stand against is refused. */
export async function reverseEntry(
  tx: Tx,
  entryId: number,
  idempotencyKey: string,
  recordedById: string | undefined,
  at: Date,
): Promise<ReverseResult> {
  const original = await tx.ledgerEntry.findUnique({ where: { id: entryId }, include: { reversedBy: true } });
  if (!original) return { status: "not_found" };
  if (original.kind === "reversal") return { status: "is_reversal" };
  if (original.reversedBy) return { status: "already_reversed" };
  if (original.loanId && original.amount > 0n && (await loanBalance(tx, original.loanId)) < original.amount)
    return { status: "would_go_negative" };
  const reversal = await tx.ledgerEntry.create({
    data: {
      clubId: original.clubId,
      loanId: original.loanId,
      memberId: original.memberId,
      fund: original.fund,
      kind: "reversal",
      amount: -original.amount,
      reversesId: original.id,
      idempotencyKey,
      recordedById,
      at,
    },
  });
  await audit(tx, {
    actorId: recordedById,
    onBehalfOfId: original.memberId ?? undefined,
    action: "ledger.reversal",
    subject: `ledger:${original.id}`,
    at,
  });
  return { status: "reversed", id: reversal.id };
}

/** What is owed on a loan, summed in the database. */
export async function loanBalance(tx: Tx, loanId: string): Promise<bigint> {
  const [row] = await query<{ left: bigint | number }>(tx, Prisma.sql`SELECT ${leftOnLoan(Prisma.sql`${loanId}`)} AS "left"`);
  return BigInt(row?.left ?? 0);
}

/** What is left on a loan, as SQL for the loan id `loan`: the sum of its entries (a raw subquery other reads embed). */
export function leftOnLoan(loan: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT CAST(COALESCE(SUM(b."amount"), 0) AS BIGINT) FROM "LedgerEntry" b WHERE b."loanId" = ${loan})`;
}

/** A member's contributions to one fund, net of reversals. */
export async function contributions(tx: Tx, memberId: string, fund: string): Promise<bigint> {
  const sum = await tx.ledgerEntry.aggregate({
    where: { memberId, fund, kind: { in: ["contribution", "reversal"] } },
    _sum: { amount: true },
  });
  return sum._sum.amount ?? 0n;
}
