// A club's fund totals as the treasurer reads them: the income fund, the activity fund with the dues
// it holds, and what is lent out. One place for the chat's «Quỹ» and the workplace's ledger page.
import type { Tx } from "../../db/client.ts";

export async function clubFundTotals(tx: Tx, clubId: string): Promise<{ income: bigint; activity: bigint; out: bigint }> {
  const sum = async (where: object) =>
    (await tx.ledgerEntry.aggregate({ where: { clubId, ...where }, _sum: { amount: true } }))._sum.amount ?? 0n;
  return {
    income: await sum({ fund: "income" }),
    activity: (await sum({ fund: "activity" })) + (await sum({ fund: "dues" })),
    out: await sum({ loanId: { not: null } }),
  };
}
