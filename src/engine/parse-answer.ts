// A typed answer to a question that is not a choice (a date, an amount, a code, free text), or why it does not fit.
import { parseDate, parseTime } from "./dates.ts";
import { normalizeCode, parseAmount } from "./match.ts";
import { parseCount } from "./numbers.ts";
import type { AskDef } from "./schema.ts";
import type { EngineContext } from "./types.ts";

const MAX_TEXT_ANSWER = 500;

export type Parsed = { ok: true; value: unknown } | { ok: false; reason?: string };

/** `raw` as typed, `text` normalized (no accents, lower case). */
export function parseAnswer(ask: AskDef, raw: string, text: string, today: EngineContext["today"]): Parsed {
  switch (ask.type) {
    case "date": {
      const date = parseDate(raw, today);
      return date ? { ok: true, value: date } : { ok: false };
    }
    case "time": {
      const time = parseTime(raw);
      return time ? { ok: true, value: time } : { ok: false };
    }
    case "number": {
      const count = parseCount(text);
      return count === undefined ? { ok: false } : { ok: true, value: count };
    }
    case "amount": {
      const amount = parseAmount(raw);
      // JSON has no BigInt: amounts travel as decimal strings of VND.
      return amount.ok ? { ok: true, value: amount.vnd.toString() } : { ok: false, reason: `common:amount.${amount.reason}` };
    }
    case "code": {
      const code = normalizeCode(raw);
      return /^[A-Z0-9]{4,12}$/.test(code) ? { ok: true, value: code } : { ok: false };
    }
    default: {
      const value = raw.trim();
      const fits = value !== "" && value.length <= MAX_TEXT_ANSWER && (!ask.pattern || new RegExp(ask.pattern).test(text));
      return fits ? { ok: true, value } : { ok: false };
    }
  }
}
