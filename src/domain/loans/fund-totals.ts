// A club's fund totals as the treasurer reads them: the income fund, the activity fund with the dues
// it holds, what is lent out, and what was repaid since a day. One place for the chat's «Quỹ» and the
// workplace's ledger page (the chat's reads them with the club's loans, in loan-sums.ts); raw, as the
// query builder needed an aggregate per total.
import { Prisma } from "../../../generated/prisma/client.ts";
import type { Tx } from "../../db/client.ts";
import { query } from "../../db/direct.ts";
import { sqlDate } from "../../db/raw.ts";

type Int = bigint | number;
export type FundTotals = { income: bigint; activity: bigint; out: bigint; repaidSince: bigint };
export type FundTotalsRow = { income: Int; activity: Int; out: Int; repaidSince: Int };

/** The totals as one row of SQL (columns named as FundTotalsRow), for a statement that reads more beside them. */
export function fundTotalsSql(clubId: string, since: Date): Prisma.Sql {
  const sum = (when: Prisma.Sql) => Prisma.sql`CAST(COALESCE(SUM(CASE WHEN ${when} THEN e."amount" ELSE 0 END), 0) AS BIGINT)`;
  return Prisma.sql`
    SELECT ${sum(Prisma.sql`e."fund" = 'income'`)} AS "income",
           ${sum(Prisma.sql`e."fund" IN ('activity', 'dues')`)} AS "activity",
           ${sum(Prisma.sql`e."loanId" IS NOT NULL`)} AS "out",
           ${sum(Prisma.sql`e."kind" = 'repayment' AND e."at" >= ${sqlDate(since)} AND u."id" IS NULL`)} AS "repaidSince"
    FROM "LedgerEntry" e LEFT JOIN "LedgerEntry" u ON u."reversesId" = e."id"
    WHERE e."clubId" = ${clubId}`;
}

export function fundTotalsOf(row: FundTotalsRow | undefined): FundTotals {
  return {
    income: BigInt(row?.income ?? 0),
    activity: BigInt(row?.activity ?? 0),
    out: BigInt(row?.out ?? 0),
    // Repayments that still stand (an undone one no longer counts), as a positive sum.
    repaidSince: -BigInt(row?.repaidSince ?? 0),
  };
}

export async function clubFundTotals(tx: Tx, clubId: string, since: Date): Promise<FundTotals> {
  const [row] = await query<FundTotalsRow>(tx, fundTotalsSql(clubId, since));
  return fundTotalsOf(row);
}
