// What a chat has been sent, from the outbox: the web chat simulator reads its messages here.
import type { ChannelName, OutboundMessage } from "../channels/types.ts";
import type { Db } from "../db/client.ts";

export type TranscriptEntry = { id: number; message: OutboundMessage };

export async function transcript(db: Db, channel: ChannelName, chatId: string, afterId: number): Promise<TranscriptEntry[]> {
  const rows = await db.outboxMessage.findMany({
    where: { channel, chatId, id: { gt: afterId } },
    orderBy: { id: "asc" },
    take: 200,
  });
  return rows.map((r) => ({ id: r.id, message: JSON.parse(r.payload) as OutboundMessage }));
}

/** The newest `limit` messages of a chat (before message `beforeId`, if given), oldest first; `more` if older remain. */
export async function latestMessages(
  db: Db,
  channel: ChannelName,
  chatId: string,
  limit: number,
  beforeId?: number,
): Promise<{ entries: TranscriptEntry[]; more: boolean }> {
  const rows = await db.outboxMessage.findMany({
    where: { channel, chatId, ...(beforeId !== undefined ? { id: { lt: beforeId } } : {}) },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const shown = rows.slice(0, limit).reverse();
  return {
    entries: shown.map((r) => ({ id: r.id, message: JSON.parse(r.payload) as OutboundMessage })),
    more: rows.length > limit,
  };
}

export async function lastMessageId(db: Db, channel: ChannelName, chatId: string): Promise<number> {
  const last = await db.outboxMessage.findFirst({ where: { channel, chatId }, orderBy: { id: "desc" }, select: { id: true } });
  return last?.id ?? 0;
}
