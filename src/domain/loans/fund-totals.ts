// A club's fund totals as the treasurer reads them: the income fund, the activity fund with the dues
// it holds, what is lent out, and what was repaid since a day. One place for the chat's «Quỹ» and the
// workplace's ledger page; one raw statement, as the query builder needed an aggregate per total.
import { Prisma } from "../../../generated/prisma/client.ts";
import type { Tx } from "../../db/client.ts";
import { query } from "../../db/direct.ts";
import { sqlDate } from "../../db/raw.ts";

type Int = bigint | number;

export async function clubFundTotals(
  tx: Tx,
  clubId: string,
  since: Date,
): Promise<{ income: bigint; activity: bigint; out: bigint; repaidSince: bigint }> {
  const sum = (when: Prisma.Sql) => Prisma.sql`CAST(COALESCE(SUM(CASE WHEN ${when} THEN e."amount" ELSE 0 END), 0) AS BIGINT)`;
  const [row] = await query<{ income: Int; activity: Int; out: Int; repaidSince: Int }>(
    tx,
    Prisma.sql`
    SELECT ${sum(Prisma.sql`e."fund" = 'income'`)} AS "income",
           ${sum(Prisma.sql`e."fund" IN ('activity', 'dues')`)} AS "activity",
           ${sum(Prisma.sql`e."loanId" IS NOT NULL`)} AS "out",
           ${sum(Prisma.sql`e."kind" = 'repayment' AND e."at" >= ${sqlDate(since)} AND u."id" IS NULL`)} AS "repaidSince"
    FROM "LedgerEntry" e LEFT JOIN "LedgerEntry" u ON u."reversesId" = e."id"
    WHERE e."clubId" = ${clubId}`,
  );
  return {
    income: BigInt(row?.income ?? 0),
    activity: BigInt(row?.activity ?? 0),
    out: BigInt(row?.out ?? 0),
    // Repayments that still stand (an undone one no longer counts), as a positive sum.
    repaidSince: -BigInt(row?.repaidSince ?? 0),
  };
}
