// OutboundMessage → Telegram sendMessage calls: numbered text, one big inline button per row,
// the share-phone keyboard while linking. Long texts are split on line breaks.
import { numberedText, splitText } from "../choices.ts";
import type { OutboundMessage } from "../types.ts";

export const TELEGRAM_TEXT_LIMIT = 4096;
const CALLBACK_DATA_BYTES = 64;
/** The callback data of the «0. Menu chính» button: read back as the member typing 0. */
export const HOME_CALLBACK = "home";

export type TelegramSend = { text: string; reply_markup?: Record<string, unknown> };

export function telegramMessages(message: OutboundMessage): TelegramSend[] {
  const parts = splitText(numberedText(message), TELEGRAM_TEXT_LIMIT);
  const markup = replyMarkup(message);
  return parts.map((text, i) => (i === parts.length - 1 && markup ? { text, reply_markup: markup } : { text }));
}

function replyMarkup(message: OutboundMessage): Record<string, unknown> | undefined {
  if (message.choices?.length) {
    const rows = message.choices.map((c) => [{ text: `${c.n}. ${c.label}`, callback_data: `${message.version ?? 0}:${c.id}` }]);
    if (message.footer) rows.push([{ text: `0. ${message.footer}`, callback_data: HOME_CALLBACK }]);
    // Buttons are a convenience: if an id would not fit, the numbered text still works.
    if (rows.every(([b]) => Buffer.byteLength(b?.callback_data ?? "") <= CALLBACK_DATA_BYTES)) return { inline_keyboard: rows };
    return undefined;
  }
  if (message.requestContact) {
    return {
      keyboard: [[{ text: message.requestContact.label, request_contact: true }]],
      resize_keyboard: true,
      one_time_keyboard: true,
    };
  }
  if (message.removeKeyboard) return { remove_keyboard: true };
  return undefined;
}
