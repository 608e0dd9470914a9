// Engine replies → channel-neutral outbound messages, in the member's language.
import { messageParts } from "../channels/choices.ts";
import type { OutboundMessage } from "../channels/types.ts";
import type { Reply } from "../engine/types.ts";
import type { I18n } from "../i18n/index.ts";

/** One reply as the messages it is sent as; the last carries the choices. */
export function toOutbound(i18n: I18n, lang: string, reply: Reply, version: number): OutboundMessage[] {
  const parts = messageParts(reply.text);
  const message: OutboundMessage = { text: parts.pop() ?? "" };
  if (reply.choices?.length) {
    message.choices = reply.choices.map((c, i) => ({ n: i + 1, id: c.id, label: c.label }));
    message.version = version;
    // "0. Menu chính" under every list: 0 always works, even where there are no buttons.
    message.footer = i18n.t(lang, "common:home_label");
  }
  if (reply.requestContact) message.requestContact = { label: i18n.t(lang, "common:share_phone") };
  return [...parts.map((text) => ({ text })), message];
}
