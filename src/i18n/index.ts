// i18next setup: one JSON namespace per flow plus `common`, Vietnamese first, English second.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import i18next, { type i18n as I18nextInstance, type Resource } from "i18next";

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
  const resources: Resource = {};
  const flat = new Map<Language, Map<string, string>>();
  for (const lang of LANGUAGES) {
    resources[lang] = {};
    const keys = new Map<string, string>();
    for (const file of readdirSync(path.join(dir, lang)).filter((f) => f.endsWith(".json"))) {
      const ns = file.slice(0, -".json".length);
      const data = JSON.parse(readFileSync(path.join(dir, lang, file), "utf8")) as Record<string, unknown>;
      resources[lang][ns] = data;
      flatten(data, `${ns}:`, keys);
    }
    flat.set(lang, keys);
  }
  const instance: I18nextInstance = i18next.createInstance();
  void instance.init({
    resources,
    lng: "vi",
    fallbackLng: "vi",
    ns: Object.keys(resources.vi ?? {}),
    defaultNS: "common",
    initAsync: false,
    // Texts are plain: channels send no HTML, so nothing to escape.
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  // Texts without parameters never change: every menu and choice label is one lookup after the first.
  const plain = new Map<string, string>();
  return {
    t: (lang, key, params) => {
      const lng = asLanguage(lang);
      if (params) return instance.t(key, { ...params, lng }) as string;
      const id = `${lng}\u0000${key}`;
      let text = plain.get(id);
      if (text === undefined) {
        text = instance.t(key, { lng }) as string;
        plain.set(id, text);
      }
      return text;
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
