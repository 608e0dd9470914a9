// Real-shaped webhook payloads, kept in the repository (copied from the project's shared samples) so a
// clone tests on its own.
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../../src/root.ts";

export const SAMPLES = path.join(ROOT, "test", "fixtures", "samples");

export function sample<T = Record<string, unknown>>(channel: "telegram" | "zalo", name: string): T {
  return JSON.parse(readFileSync(path.join(SAMPLES, channel, `${name}.json`), "utf8")) as T;
}

/** contact.json, sharing the phone of the demo's Trần Thị Lan (demo phones are ones no subscriber holds). */
export function demoContact() {
  const update = sample<{ message: { contact: { phone_number: string } } }>("telegram", "contact");
  update.message.contact.phone_number = "841000000103";
  return update;
}

/** A private Telegram text message from a user (what the samples hold, with our own ids). */
export function telegramText(userId: number, text: string, updateId: number) {
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      from: { id: userId, is_bot: false, first_name: "Test", language_code: "vi" },
      chat: { id: userId, type: "private" },
      date: 1763880000,
      text,
    },
  };
}
