// The loans' facts of a chunk of clubs in one statement: each loan with its member's standing and its
// ledger's sums (balance at the start and end, repaid to the end and within the period), so a
// province's year needs no row per entry and no query per sum.
import { Prisma } from "../../../generated/prisma/client.ts";
import { query } from "../../db/direct.ts";
import { dateOf, sqlDate } from "../../db/raw.ts";
import { installments, standing } from "../loans/schedule.ts";
import type { Scope } from "./fact-types.ts";

type LoanRow = {
  id: string;
  clubId: string;
  memberId: string;
  principal: bigint | number;
  rateBp: number | bigint;
  termMonths: number | bigint;
  method: string;
  disbursedAt: string | Date;
  memberActive: number | bigint | boolean;
  memberInHardship: number | bigint | boolean;
  owedAtStart: bigint | number | null;
  owedAtEnd: bigint | number | null;
  repaidToEnd: bigint | number | null;
  repaidInPeriod: bigint | number | null;
};

/** Balances at the start and end, borrowers in the period (and those in hardship), repaid, overdue. */
export async function addLoans({ tx, clubIds, period, now, club }: Scope): Promise<void> {
  const start = sqlDate(period.start);
  const end = sqlDate(period.end);
  // A repayment, or the reversal of one: repaid sums are net of reversed repayments.
  const isRepayment = Prisma.sql`(e."kind" = 'repayment' OR (e."kind" = 'reversal' AND r."kind" = 'repayment'))`;
  const rows = await query<LoanRow>(
    tx,
    Prisma.sql`
    SELECT l."id", l."clubId", l."memberId", l."principal", l."rateBp", l."termMonths", l."method", l."disbursedAt",
           CASE WHEN m."status" = 'active' THEN 1 ELSE 0 END AS "memberActive",
           CASE WHEN m."hardship" IS NULL THEN 0 ELSE 1 END AS "memberInHardship",
           s."owedAtStart", s."owedAtEnd", s."repaidToEnd", s."repaidInPeriod"
    FROM "Loan" l
    JOIN "Member" m ON m."id" = l."memberId"
    LEFT JOIN (
      SELECT e."loanId",
             CAST(SUM(CASE WHEN e."at" < ${start} THEN e."amount" ELSE 0 END) AS BIGINT) AS "owedAtStart",
             CAST(SUM(e."amount") AS BIGINT) AS "owedAtEnd",
             CAST(SUM(CASE WHEN ${isRepayment} THEN -e."amount" ELSE 0 END) AS BIGINT) AS "repaidToEnd",
             CAST(SUM(CASE WHEN ${isRepayment} AND e."at" >= ${start} THEN -e."amount" ELSE 0 END) AS BIGINT) AS "repaidInPeriod"
      FROM "LedgerEntry" e LEFT JOIN "LedgerEntry" r ON r."id" = e."reversesId"
      WHERE e."clubId" IN (${Prisma.join(clubIds)}) AND e."loanId" IS NOT NULL AND e."at" < ${end}
      GROUP BY e."loanId"
    ) s ON s."loanId" = l."id"
    WHERE l."clubId" IN (${Prisma.join(clubIds)}) AND l."disbursedAt" < ${end}`,
  );
  const asOf = new Date(Math.min(period.end.getTime(), now.getTime()));
  const borrowers = new Map<string, Set<string>>();
  const inHardship = new Set<string>();
  for (const row of rows) {
    const f = club(row.clubId);
    const owedAtEnd = BigInt(row.owedAtEnd ?? 0);
    f.outstanding += owedAtEnd;
    f.repaid += BigInt(row.repaidInPeriod ?? 0);
    const disbursedAt = dateOf(row.disbursedAt);
    const outInPeriod = disbursedAt >= period.start || BigInt(row.owedAtStart ?? 0) > 0n;
    if (outInPeriod && Number(row.memberActive) === 1) {
      borrowers.set(row.clubId, (borrowers.get(row.clubId) ?? new Set<string>()).add(row.memberId));
      if (Number(row.memberInHardship) === 1) inHardship.add(row.memberId);
    }
    if (owedAtEnd > 0n) {
      const terms = {
        principal: BigInt(row.principal),
        rateBp: Number(row.rateBp),
        termMonths: Number(row.termMonths),
        method: row.method as "equal_principal" | "interest_only",
        disbursedAt,
      };
      f.overdue += standing(installments(terms), BigInt(row.repaidToEnd ?? 0), asOf).overdue;
    }
  }
  for (const [clubId, set] of borrowers) {
    club(clubId).borrowers = set.size;
    club(clubId).hardshipBorrowers = [...set].filter((id) => inHardship.has(id)).length;
  }
}
