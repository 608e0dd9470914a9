// A receipt to the member for each entry the treasurer records (only with their loan consent).
import type { Tx } from "../db/client.ts";
import { hasConsent } from "../domain/consent.ts";
import { addressParams } from "../i18n/address.ts";
import { formatterFor } from "../i18n/format.ts";
import type { I18n } from "../i18n/index.ts";
import type { JobHandler } from "./scheduler.ts";

async function receipt(tx: Tx, i18n: I18n, entryId: number, now: Date): Promise<void> {
  const entry = await tx.ledgerEntry.findUnique({ where: { id: entryId } });
  if (!entry?.memberId || !(await hasConsent(tx, entry.memberId, "loans"))) return;
  const member = await tx.member.findUniqueOrThrow({
    where: { id: entry.memberId },
    include: { accounts: { where: { linkedAt: { not: null }, blockedAt: null } } },
  });
  const lang = member.language;
  const fmt = formatterFor(i18n, lang);
  const amount = fmt.money(entry.amount < 0n ? -entry.amount : entry.amount);
  const what =
    entry.kind === "repayment" ? i18n.t(lang, "ledger:receipt_repayment") : i18n.t(lang, `ledger:fund.${entry.fund ?? "dues"}`);
  const text = i18n.t(lang, "ledger:receipt", {
    me: addressParams(i18n, lang, member, now.getUTCFullYear()),
    amount,
    what,
    day: fmt.day(entry.at),
    number: entry.id,
  });
  for (const account of member.accounts) {
    await tx.outboxMessage.create({
      data: {
        channel: account.channel,
        chatId: account.chatId,
        payload: JSON.stringify({ text }),
        dedupeKey: `receipt:${entry.id}:${account.id}`,
        nextAttemptAt: now,
      },
    });
  }
}

export function ledgerJobHandlers(i18n: I18n): Record<string, JobHandler> {
  return { "ledger.receipt": (tx, payload, now) => receipt(tx, i18n, (payload as { entryId: number }).entryId, now) };
}
