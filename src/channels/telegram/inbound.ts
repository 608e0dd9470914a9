// Telegram Update → InboundEvent. Only the fields we read are validated; anything else is ignored.
import { z } from "zod";
import type { ChannelName, InboundEvent } from "../types.ts";
import { HOME_CALLBACK } from "./render.ts";

const user = z.object({
  id: z.number(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  language_code: z.string().optional(),
});
const chat = z.object({ id: z.number(), type: z.string() });
const message = z.object({
  message_id: z.number(),
  from: user.optional(),
  chat,
  date: z.number(),
  text: z.string().optional(),
  contact: z.object({ phone_number: z.string(), user_id: z.number().optional() }).optional(),
});
export const updateSchema = z.object({
  update_id: z.number().int(),
  message: message.optional(),
  callback_query: z
    .object({ id: z.string(), from: user, message: z.object({ chat }).optional(), data: z.string().optional() })
    .optional(),
  my_chat_member: z.object({ chat, from: user, date: z.number(), new_chat_member: z.object({ status: z.string() }) }).optional(),
});
export type TelegramUpdate = z.infer<typeof updateSchema>;

/** The event for an update, or undefined for updates we do not handle (edited messages, …). */
export function telegramEvent(update: TelegramUpdate, at: Date, channel: ChannelName = "telegram"): InboundEvent | undefined {
  const base = { channel, updateId: String(update.update_id), at };
  if (update.callback_query) {
    const q = update.callback_query;
    const [version, choiceId] = splitCallbackData(q.data ?? "");
    const chat = {
      ...base,
      ...who(q.from),
      chatId: String(q.message?.chat.id ?? q.from.id),
      chatType: chatType(q.message?.chat.type ?? "private"),
    };
    // «0. Menu chính» is the same as typing 0: it works under any message, old or new.
    if (q.data === HOME_CALLBACK) return { ...chat, kind: "text", text: "0" };
    return { ...chat, kind: "choice", choiceId, choiceVersion: version };
  }
  if (update.my_chat_member) {
    const m = update.my_chat_member;
    const status = m.new_chat_member.status;
    if (status !== "kicked" && status !== "member") return undefined;
    return { ...base, ...who(m.from), chatId: String(m.chat.id), kind: "chat_status", blocked: status === "kicked" };
  }
  const msg = update.message;
  if (!msg?.from) return undefined;
  const common = { ...base, ...who(msg.from), chatId: String(msg.chat.id), chatType: chatType(msg.chat.type) };
  if (msg.contact) {
    return { ...common, kind: "contact", phone: msg.contact.phone_number, ownContact: msg.contact.user_id === msg.from.id };
  }
  if (msg.text === undefined) return { ...common, kind: "unsupported" };
  const start = msg.text.match(/^\/start(?:@\w+)?(?:\s+(\S+))?\s*$/);
  if (start) return { ...common, kind: "start", startPayload: start[1] };
  return { ...common, kind: "text", text: msg.text.replace(/^\/menu@\w+/, "/menu") };
}

/** callback_data is "<session version>:<choice id>". */
export function splitCallbackData(data: string): [number | undefined, string] {
  const match = data.match(/^(\d+):(.+)$/);
  return match ? [Number(match[1]), match[2] as string] : [undefined, data];
}

function who(from: z.infer<typeof user>) {
  return {
    userId: String(from.id),
    displayName: [from.first_name, from.last_name].filter(Boolean).join(" ") || undefined,
    languageCode: from.language_code,
  };
}

function chatType(type: string): "private" | "group" {
  return type === "private" ? "private" : "group";
}
