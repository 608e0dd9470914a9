// Engine replies → channel-neutral outbound messages, in the member's language.
import { messageParts } from "../channels/choices.ts";
import type { OutboundMessage } from "../channels/types.ts";
import { question } from "../domain/outbox/compose.ts";
import type { Reply } from "../engine/types.ts";
import type { I18n } from "../i18n/index.ts";

/** One reply as the messages it is sent as; the last carries the choices. */
export function toOutbound(i18n: I18n, lang: string, reply: Reply, version: number): OutboundMessage[] {
  const parts = messageParts(reply.text);
  const last: OutboundMessage = { text: parts.pop() ?? "" };
  const message = reply.choices?.length ? question({ text: (key) => i18n.t(lang, key) }, last, reply.choices, version) : last;
  if (reply.requestContact) message.requestContact = { label: i18n.t(lang, "common:share_phone") };
  return [...parts.map((text) => ({ text })), message];
}
