// What is held about members as people, apart from the club's books: their chats (and what was sent
// to them), sessions, proxy links, reminders, readings, notice answers, invite codes and
// web sign-in links and sessions. Erasure and
// demo removal both take these out the same way.
import type { Tx } from "../../db/client.ts";
import { dropMessages } from "../outbox/queue.ts";
import { dropSessions } from "../sessions/sessions.ts";
import { dropLinksOf } from "../web-access/links.ts";
import { dropSessionsOf } from "../web-access/sessions.ts";

/** Delete members' personal records; returns their chats, so a last word can still reach them. */
export async function deletePersonalRecords(
  tx: Tx,
  memberIds: string[],
): Promise<Array<{ channel: string; chatId: string; linkedAt: Date | null; blockedAt: Date | null }>> {
  const memberId = { in: memberIds };
  const accounts = await tx.channelAccount.findMany({ where: { memberId } });
  const accountId = { in: accounts.map((a) => a.id) };
  for (const account of accounts) await dropMessages(tx, { chat: account });
  await dropSessions(tx, { accountIds: accountId.in });
  await tx.proxyLink.deleteMany({ where: { OR: [{ memberId }, { accountId }] } });
  await tx.channelAccount.deleteMany({ where: { id: accountId } });
  const reminders = (await tx.reminder.findMany({ where: { memberId }, select: { id: true } })).map((r) => r.id);
  await tx.reminderEvent.deleteMany({ where: { reminderId: { in: reminders } } });
  await tx.reminder.deleteMany({ where: { memberId } });
  await tx.healthReading.deleteMany({ where: { memberId } });
  await tx.broadcastRecipient.deleteMany({ where: { memberId } });
  await tx.inviteCode.deleteMany({ where: { memberId } });
  await dropLinksOf(tx, memberIds);
  await dropSessionsOf(tx, memberIds);
  return accounts;
}
