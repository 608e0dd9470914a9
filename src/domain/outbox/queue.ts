// The one writer of OutboxMessage rows besides the sender (jobs/outbox.ts, which leases and marks them):
// every reply, notice, reminder, report and broadcast is queued here, and every row that must go
// (a blocked chat's, an erased member's, old sent ones) is dropped here.

import type { Prisma } from "../../../generated/prisma/client.ts";
import type { OutboundMessage } from "../../channels/types.ts";
import { insertRows, insertStatements } from "../../db/bulk.ts";
import type { Tx } from "../../db/client.ts";

export type Chat = { channel: string; chatId: string };

/** Messages for one chat. The first keeps the dedupe key, the ones after it follow in order (`key:1`, …). */
export type ChatMessages = {
  chat: Chat;
  messages: OutboundMessage[];
  dedupe?: string;
  /** 1 for bulk (a broadcast): sent after every waiting reply. */
  priority?: number;
  broadcastId?: number;
};

function rows(list: ChatMessages[], now: Date) {
  return list.flatMap(({ chat, messages, dedupe, priority, broadcastId }) =>
    messages.map((message, i) => ({
      channel: chat.channel,
      chatId: chat.chatId,
      payload: JSON.stringify(message),
      dedupeKey: dedupe === undefined ? null : i === 0 ? dedupe : `${dedupe}:${i}`,
      status: "pending",
      attempts: 0,
      priority: priority ?? 0,
      broadcastId: broadcastId ?? null,
      nextAttemptAt: now,
      createdAt: now,
    })),
  );
}

/** Queue messages for many chats in as few statements as the rows allow. */
export async function queueAll(tx: Tx, list: ChatMessages[], now: Date): Promise<void> {
  await insertRows(tx, "OutboxMessage", rows(list, now));
}

/** The statements that queue these messages, to send with a batch's other writes (db/together.ts). */
export function queueStatements(list: ChatMessages[], now: Date): Prisma.Sql[] {
  return insertStatements("OutboxMessage", rows(list, now));
}

/** Queue one chat's messages. */
export async function queueMessages(
  tx: Tx,
  chat: Chat,
  messages: OutboundMessage[],
  now: Date,
  options: Omit<ChatMessages, "chat" | "messages"> = {},
): Promise<void> {
  await queueAll(tx, [{ chat, messages, ...options }], now);
}

/** Which of these dedupe keys were queued before (a re-run of the same job queues nothing new): one statement. */
export async function queuedKeys(tx: Tx, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await tx.outboxMessage.findMany({ where: { dedupeKey: { in: keys } }, select: { dedupeKey: true } });
  return new Set(rows.flatMap((row) => (row.dedupeKey ? [row.dedupeKey] : [])));
}

/** The chat blocked the bot: what waits for it is marked failed, not sent. */
export async function holdBackFromBlocked(tx: Tx, chat: Chat): Promise<void> {
  await tx.outboxMessage.updateMany({
    where: { channel: chat.channel, chatId: chat.chatId, status: "pending" },
    data: { status: "failed", lastError: "chat blocked the bot" },
  });
}

/** Drop messages: a chat's, those quoting a text (an erased member's name), or broadcasts'. */
export async function dropMessages(
  tx: Tx,
  which: { chat: Chat } | { quoting: string } | { broadcastIds: number[] },
): Promise<void> {
  const where =
    "chat" in which
      ? { channel: which.chat.channel, chatId: which.chat.chatId }
      : "quoting" in which
        ? { payload: { contains: which.quoting } }
        : { broadcastId: { in: which.broadcastIds } };
  await tx.outboxMessage.deleteMany({ where });
}

/** Sent and failed messages older than `before` (the web chat's transcripts among them). */
export async function pruneMessages(tx: Tx, before: Date): Promise<number> {
  const old = await tx.outboxMessage.deleteMany({
    where: {
      OR: [
        { status: "sent", sentAt: { lt: before } },
        { status: "failed", createdAt: { lt: before } },
      ],
    },
  });
  return old.count;
}
