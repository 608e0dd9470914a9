// A data-protection erasure (Vietnam's Personal Data Protection Law, 2025): the person's name, phone,
// place, chats, readings, reminders and answers go; ledger amounts stay under a pseudonym so the
// club's books still add up; the erasure itself is recorded; the member, if a chat remains, is told.
import { type Db, type Tx, write } from "../../db/client.ts";
import { addressParams } from "../../i18n/address.ts";
import type { I18n } from "../../i18n/index.ts";
import { audit } from "../audit/audit.ts";
import { dropMessages, queueMessages } from "../outbox/queue.ts";
import { dropSessions } from "../sessions/sessions.ts";
import { deletePersonalRecords } from "./personal-records.ts";

export type EraseResult = { status: "erased"; pseudonym: string; chatsTold: number } | { status: "not_found" | "already" };

export async function eraseMember(db: Db, i18n: I18n, memberId: string, by: string, now: Date): Promise<EraseResult> {
  return write(db, async (tx) => {
    const member = await tx.member.findUnique({ where: { id: memberId } });
    if (!member) return { status: "not_found" };
    if (member.status === "erased") return { status: "already" };
    const pseudonym = `#${member.id.slice(-6).toUpperCase()}`;
    // What others were sent about them (a notice naming them and their phone) goes too.
    const traces = [member.fullName, ...(member.phone ? [member.phone, member.phone.replace(/^\+84/, "0")] : [])];
    await scrubMessages(tx, traces);
    const accounts = await deletePersonalRecords(tx, [memberId]);
    const chatsTold = await tellErased(tx, i18n, accounts, member, now);
    // Visit notes and reports may hold health details in someone's words.
    await tx.visitRequest.updateMany({ where: { memberId }, data: { note: null, report: null } });
    await tx.member.update({
      where: { id: memberId },
      data: {
        fullName: pseudonym,
        phone: null,
        hamlet: null,
        address: null,
        hardship: null,
        addressForm: null,
        status: "erased",
      },
    });
    await audit(tx, {
      actorId: `operator:${by}`,
      onBehalfOfId: memberId,
      action: "member.erase",
      subject: `member:${memberId}`,
      at: now,
    });
    return { status: "erased", pseudonym, chatsTold };
  });
}

/** Sessions and messages that quote the person (a list a treasurer was shown, a notice to the board). */
async function scrubMessages(tx: Tx, traces: string[]): Promise<void> {
  for (const trace of traces) {
    await dropMessages(tx, { quoting: trace });
    await dropSessions(tx, { quoting: trace });
  }
}

/** The last message to each of their chats: it is done. Sent after the commit, like any reply. */
async function tellErased(
  tx: Tx,
  i18n: I18n,
  accounts: Array<{ channel: string; chatId: string; blockedAt: Date | null; linkedAt: Date | null }>,
  member: { id: string; fullName: string; gender: string; birthYear: number; language: string; addressForm: string | null },
  now: Date,
): Promise<number> {
  let told = 0;
  for (const account of accounts.filter((a) => a.linkedAt && !a.blockedAt)) {
    const text = i18n.t(member.language, "settings:erased", {
      me: addressParams(i18n, member.language, member, now.getUTCFullYear()),
    });
    await queueMessages(tx, account, [{ text }], now, { dedupe: `erased:${member.id}:${account.channel}:${account.chatId}` });
    told += 1;
  }
  return told;
}
