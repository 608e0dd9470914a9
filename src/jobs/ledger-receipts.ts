// A receipt to the member for each entry the treasurer records, and word when one is undone
// (only with their loan consent).
import type { Tx } from "../db/client.ts";
import { hasConsent } from "../domain/consent/consent.ts";
import type { I18n } from "../i18n/index.ts";
import { notifyMembers } from "./notify.ts";
import type { JobHandler } from "./scheduler.ts";

async function receipt(tx: Tx, i18n: I18n, entryId: number, now: Date): Promise<void> {
  const entry = await tx.ledgerEntry.findUnique({ where: { id: entryId } });
  if (!entry?.memberId || !(await hasConsent(tx, entry.memberId, "loans"))) return;
  const cancelled = entry.kind === "reversal";
  await notifyMembers(
    tx,
    i18n,
    { id: entry.memberId },
    cancelled ? "ledger:receipt_cancelled" : "ledger:receipt",
    (fmt) => ({
      amount: fmt.money(entry.amount < 0n ? -entry.amount : entry.amount),
      what: fmt.text(entry.kind === "repayment" ? "ledger:receipt_repayment" : `ledger:fund.${entry.fund ?? "dues"}`),
      day: fmt.day(entry.at),
      number: cancelled ? entry.reversesId : entry.id,
    }),
    `receipt:${entry.id}`,
    now,
  );
}

export function ledgerJobHandlers(i18n: I18n): Record<string, JobHandler> {
  return { "ledger.receipt": (tx, payload, now) => receipt(tx, i18n, (payload as { entryId: number }).entryId, now) };
}
