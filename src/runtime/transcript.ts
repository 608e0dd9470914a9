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

export async function lastMessageId(db: Db, channel: ChannelName, chatId: string): Promise<number> {
  const last = await db.outboxMessage.findFirst({ where: { channel, chatId }, orderBy: { id: "desc" }, select: { id: true } });
  return last?.id ?? 0;
}
