// How a choice list looks as text: numbered lines every channel shows, so digits always work.
import type { OutboundMessage } from "./types.ts";

/** The message text with "1. …" lines and, where given, the "0. Menu chính" line. */
export function numberedText(message: OutboundMessage): string {
  const lines = [message.text];
  if (message.choices?.length) {
    lines.push("", ...message.choices.map((c) => `${c.n}. ${c.label}`));
    if (message.footer) lines.push(`0. ${message.footer}`);
  }
  return lines.join("\n");
}

/** The longest message that lists data or quotes a notice; texts in the bot's own words stay within 160. */
export const READABLE_PART = 600;

/**
 * A text as the messages it goes out as: a blank line in a text starts a new message (short messages
 * read better on a small phone), and a part longer than 600 characters is split at line breaks.
 */
export function messageParts(text: string): string[] {
  const parts = text
    .split(/\n{2,}/)
    .flatMap((p) => splitText(p.trim(), READABLE_PART))
    .filter((p) => p !== "");
  return parts.length > 0 ? parts : [text];
}

/** Split a long text on line breaks into parts of at most `limit` characters, in order. */
export function splitText(text: string, limit: number): string[] {
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    for (const piece of chunk(line, limit)) {
      const candidate = current === "" ? piece : `${current}\n${piece}`;
      if (candidate.length <= limit) {
        current = candidate;
      } else {
        if (current !== "") parts.push(current);
        current = piece;
      }
    }
  }
  if (current !== "") parts.push(current);
  return parts;
}

/** A single line longer than the limit is cut at spaces where possible. */
function chunk(line: string, limit: number): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > limit) {
    const cut = rest.lastIndexOf(" ", limit);
    const at = cut > limit / 2 ? cut : limit;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  out.push(rest);
  return out;
}
