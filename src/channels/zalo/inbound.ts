// Zalo webhook/getUpdates event → InboundEvent. Unknown future events → undefined (ignored).
import type { ChannelName, InboundEvent } from "../types.ts";
import type { ZaloEvent } from "./client.ts";

const UNSUPPORTED = new Set([
  "message.image.received",
  "message.sticker.received",
  "message.voice.received",
  "message.unsupported.received",
]);

export function zaloEvent(event: ZaloEvent, at: Date, channel: ChannelName = "zalo"): InboundEvent | undefined {
  const msg = event.message;
  if (!msg || msg.from.is_bot) return undefined;
  const base = {
    channel,
    // Zalo has no update id: a message id is unique per delivery.
    updateId: msg.message_id,
    chatId: msg.chat.id,
    userId: msg.from.id,
    displayName: msg.from.display_name,
    chatType: msg.chat.chat_type === "PRIVATE" ? ("private" as const) : ("group" as const),
    at,
  };
  if (event.event_name === "message.text.received" && msg.text !== undefined) {
    return /^\/start\s*$/.test(msg.text) ? { ...base, kind: "start" } : { ...base, kind: "text", text: msg.text };
  }
  if (UNSUPPORTED.has(event.event_name)) return { ...base, kind: "unsupported" };
  return undefined;
}
