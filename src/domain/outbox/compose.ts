// What a chat is sent, built the same way wherever it starts (a reply, a reminder, a notice): a
// question's numbered choices with the «0. Menu chính» footer, and a notice passed on by a relative.
import type { OutboundMessage } from "../../channels/types.ts";
import type { Formatter } from "../../i18n/format.ts";

type Texts = Pick<Formatter, "text">;

/**
 * A message that asks: its choices numbered from 1, the session version its buttons answer, and the
 * footer under every list (0 always works, even where there are no buttons).
 */
export function question(
  texts: Texts,
  message: OutboundMessage,
  choices: Array<{ id: string; label: string }>,
  version: number | undefined,
): OutboundMessage {
  return {
    ...message,
    choices: choices.map((c, i) => ({ n: i + 1, id: c.id, label: c.label })),
    version,
    footer: texts.text("common:home_label"),
  };
}

/** A notice for a member without a chat of their own, as the relative linked as their proxy reads it. */
export function passedOn(
  fmt: Pick<Formatter, "text" | "address">,
  relative: Parameters<Formatter["address"]>[0],
  memberName: string,
  notice: string,
  year: number,
): string {
  return fmt.text("common:via_proxy", { me: fmt.address(relative, year), name: memberName, notice });
}
