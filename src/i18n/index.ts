// Texts: one JSON namespace per flow plus `common`, Vietnamese first, English second, flattened
// once at startup so a text is one map lookup (i18next's lookup was a visible share of an update's CPU).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fillText } from "./fill.ts";

export const LANGUAGES = ["vi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

export type I18n = {
  t(lang: string, key: string, params?: Record<string, unknown>): string;
  /** Every key of a language, flattened as `namespace:a.b`, with its text. */
  keys(lang: Language): Map<string, string>;
};

export function asLanguage(value: string | null | undefined): Language {
  return value === "en" ? "en" : "vi";
}

export function loadLocales(dir: string): I18n {
  const flat = new Map<Language, Map<string, string>>();
  for (const lang of LANGUAGES) {
    const keys = new Map<string, string>();
    for (const file of readdirSync(path.join(dir, lang)).filter((f) => f.endsWith(".json"))) {
      const ns = file.slice(0, -".json".length);
      const data = JSON.parse(readFileSync(path.join(dir, lang, file), "utf8")) as Record<string, unknown>;
      flatten(data, `${ns}:`, keys);
    }
    flat.set(lang, keys);
  }
  const vi = flat.get("vi") ?? new Map<string, string>();
  return {
    // A key without a namespace is in `common`; a text missing in English is said in Vietnamese;
    // a key missing everywhere shows itself (flows:check keeps that from happening).
    t: (lang, key, params) => {
      const full = key.includes(":") ? key : `common:${key}`;
      const text = flat.get(asLanguage(lang))?.get(full) ?? vi.get(full);
      if (text === undefined) return key.slice(key.indexOf(":") + 1);
      return params ? fillText(text, params) : text;
    },
    keys: (lang) => flat.get(lang) ?? new Map(),
  };
}

function flatten(data: Record<string, unknown>, prefix: string, out: Map<string, string>): void {
  for (const [k, v] of Object.entries(data)) {
    const key = prefix.endsWith(":") ? `${prefix}${k}` : `${prefix}.${k}`;
    if (typeof v === "string") out.set(key, v);
    else if (v && typeof v === "object") flatten(v as Record<string, unknown>, key, out);
  }
}
