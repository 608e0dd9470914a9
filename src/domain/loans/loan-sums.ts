// Active loans with their ledger sums (disbursed, repaid, left), a member's or a club's, in one raw
// grouped statement: the query builder needed four aggregates per loan, and a member's loan view or
// the club's fund summary is a reply a member waits for on the hot path. Sums are net of reversals.
import { Prisma } from "../../../generated/prisma/client.ts";
import type { Tx } from "../../db/client.ts";
import { query } from "../../db/direct.ts";
import { dateOf } from "../../db/raw.ts";
import { type FundTotals, type FundTotalsRow, fundTotalsOf, fundTotalsSql } from "./fund-totals.ts";

export type LoanSums = {
  id: string;
  ref: string;
  memberName: string;
  principal: bigint;
  rateBp: number;
  termMonths: number;
  method: "equal_principal" | "interest_only";
  disbursedAt: Date;
  disbursed: bigint;
  repaid: bigint;
  left: bigint;
};

type Int = bigint | number;
type Row = {
  id: string | null;
  ref: string;
  memberName: string;
  principal: Int;
  rateBp: Int;
  termMonths: Int;
  method: string;
  disbursedAt: string | Date;
  disbursed: Int;
  repaid: Int;
  left: Int;
};

/** A repayment or disbursement, or the reversal of one (r: the entry it reverses). */
const isKind = (kind: string) => Prisma.sql`(e."kind" = ${kind} OR (e."kind" = 'reversal' AND r."kind" = ${kind}))`;
const LOAN_COLUMNS = Prisma.sql`l."id", l."ref", m."fullName" AS "memberName", l."principal", l."rateBp", l."termMonths",
  l."method", l."disbursedAt",
  CAST(COALESCE(SUM(CASE WHEN ${isKind("disbursement")} THEN e."amount" ELSE 0 END), 0) AS BIGINT) AS "disbursed",
  CAST(COALESCE(SUM(CASE WHEN ${isKind("repayment")} THEN -e."amount" ELSE 0 END), 0) AS BIGINT) AS "repaid",
  CAST(COALESCE(SUM(e."amount"), 0) AS BIGINT) AS "left"`;
const LEDGER = Prisma.sql`LEFT JOIN "LedgerEntry" e ON e."loanId" = l."id" LEFT JOIN "LedgerEntry" r ON r."id" = e."reversesId"`;

function loanOf(row: Row): LoanSums {
  return {
    id: row.id as string,
    ref: row.ref,
    memberName: row.memberName,
    principal: BigInt(row.principal),
    rateBp: Number(row.rateBp),
    termMonths: Number(row.termMonths),
    method: row.method as LoanSums["method"],
    disbursedAt: dateOf(row.disbursedAt),
    disbursed: BigInt(row.disbursed),
    repaid: BigInt(row.repaid),
    left: BigInt(row.left),
  };
}

/** The loans of rows left-joined from a single row: without loans, that row alone, with no loan in it. */
function loansIn(rows: Row[]): LoanSums[] {
  return rows.filter((row) => row.id !== null).map(loanOf);
}

/**
 * A club's active loans with their sums and borrowers' names, and the club's fund totals since a day:
 * one statement (one row even without loans, the left join from the totals' single row).
 */
export async function clubLoanSums(tx: Tx, clubId: string, since: Date): Promise<{ loans: LoanSums[]; totals: FundTotals }> {
  const rows = await query<Row & FundTotalsRow>(
    tx,
    Prisma.sql`
    SELECT ${LOAN_COLUMNS}, t."income", t."activity", t."out", t."repaidSince"
    FROM (${fundTotalsSql(clubId, since)}) t
    LEFT JOIN "Loan" l ON l."clubId" = ${clubId} AND l."status" = 'active'
    LEFT JOIN "Member" m ON m."id" = l."memberId" ${LEDGER}
    GROUP BY l."id", m."fullName", t."income", t."activity", t."out", t."repaidSince"
    ORDER BY l."disbursedAt"`,
  );
  return { loans: loansIn(rows), totals: fundTotalsOf(rows[0]) };
}

/** A member's active loans with their sums, and what they paid into the dues and income funds. */
export async function memberLoanSums(tx: Tx, memberId: string): Promise<{ loans: LoanSums[]; dues: bigint; savings: bigint }> {
  const paid = (fund: string) => Prisma.sql`(SELECT CAST(COALESCE(SUM(c."amount"), 0) AS BIGINT) FROM "LedgerEntry" c
    WHERE c."memberId" = ${memberId} AND c."fund" = ${fund} AND c."kind" IN ('contribution', 'reversal'))`;
  // One row even without loans (the left join from a single row), carrying the contributions.
  const rows = await query<Row & { dues: Int; savings: Int }>(
    tx,
    Prisma.sql`
    SELECT ${LOAN_COLUMNS}, ${paid("dues")} AS "dues", ${paid("income")} AS "savings"
    FROM (SELECT 1 AS "one") o
    LEFT JOIN "Loan" l ON l."memberId" = ${memberId} AND l."status" = 'active'
    LEFT JOIN "Member" m ON m."id" = l."memberId" ${LEDGER}
    GROUP BY l."id", m."fullName"
    ORDER BY l."disbursedAt"`,
  );
  const first = rows[0];
  return {
    loans: loansIn(rows),
    dues: BigInt(first?.dues ?? 0),
    savings: BigInt(first?.savings ?? 0),
  };
}
