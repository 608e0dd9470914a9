// Money, dates and lunar dates the way members say them.

import { solarToLunar } from "../engine/lunar.ts";
import { type Addressable, addressParams } from "./address.ts";
import type { I18n } from "./index.ts";

/** Dates and money in the actor's language, for labels an action builds (meeting choices, …). */
export type Formatter = {
  /** "Thứ Ba, 15/12/2026 (Mùng 7 tháng Mười Một), 8:00" */
  when(at: Date): string;
  time(at: Date): string;
  /** "15/12 (Rằm tháng Mười Một)" */
  day(at: Date): string;
  money(vnd: bigint): string;
  /** A text from locales/, for labels built from data. */
  text(key: string, params?: Record<string, unknown>): string;
  /** The same formatting in another language: texts built for someone else (a broadcast preview). */
  inLanguage(lang: string): Formatter;
  /** How a text addresses this person (`me.you`, `me.You`, `me.address`), by age and gender or their choice. */
  address(
    person: { fullName: string; gender: string; birthYear: number; addressForm?: string | null } | undefined,
    year: number,
  ): Record<string, string>;
};

export const TIME_ZONE = "Asia/Ho_Chi_Minh";

/** 1200000n → "1.200.000 đồng" (vi) / "1,200,000 VND" (en). Integer VND only, never floats. */
export function formatMoney(i18n: I18n, lang: string, vnd: bigint): string {
  const negative = vnd < 0n;
  const digits = (negative ? -vnd : vnd).toString();
  const separator = i18n.t(lang, "common:format.thousands");
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  return i18n.t(lang, "common:format.money", { amount: `${negative ? "-" : ""}${grouped}` });
}

// Built once: constructing an Intl.DateTimeFormat costs far more than using it (it was 5% of the webhook path).
const VIETNAM_PARTS = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "numeric",
  day: "numeric",
  weekday: "short",
  hour: "numeric",
  minute: "numeric",
  hourCycle: "h23",
});

type LocalParts = { day: number; month: number; year: number; weekday: number; hour: number; minute: number };
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
/** The last minute asked for: a burst of updates all ask about the same minute. */
let lastMinute: { minute: number; parts: LocalParts } | undefined;

/** The calendar day and clock time of an instant in Vietnam. */
export function localParts(at: Date): LocalParts {
  const minute = Math.floor(at.getTime() / 60_000);
  if (lastMinute?.minute === minute) return { ...lastMinute.parts };
  const parts = VIETNAM_PARTS.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const local = {
    day: Number(get("day")),
    month: Number(get("month")),
    year: Number(get("year")),
    weekday: WEEKDAYS.indexOf(get("weekday")),
    hour: Number(get("hour")),
    minute: Number(get("minute")),
  };
  lastMinute = { minute, parts: local };
  return { ...local };
}

/** "Thứ Ba, 15/12/2026" */
export function formatDate(i18n: I18n, lang: string, at: Date): string {
  const p = localParts(at);
  return i18n.t(lang, "common:format.date", {
    weekday: i18n.t(lang, `common:weekday.${p.weekday}`),
    day: String(p.day).padStart(2, "0"),
    month: String(p.month).padStart(2, "0"),
    year: p.year,
  });
}

/** "8:05" */
export function formatTime(at: Date): string {
  const p = localParts(at);
  return `${p.hour}:${String(p.minute).padStart(2, "0")}`;
}

/** "Rằm tháng Mười", "Mùng 1 tháng Giêng", "Ngày 20 tháng Tư nhuận". */
export function formatLunar(i18n: I18n, lang: string, at: Date): string {
  const p = localParts(at);
  const lunar = solarToLunar(p.day, p.month, p.year);
  const dayKey = lunar.day === 15 ? "full" : lunar.day <= 10 ? "early" : "other";
  return i18n.t(lang, "common:lunar.format", {
    day: i18n.t(lang, `common:lunar.day.${dayKey}`, { day: lunar.day }),
    month: i18n.t(lang, `common:lunar.month.${lunar.month}`),
    leap: lunar.leap ? i18n.t(lang, "common:lunar.leap") : "",
  });
}

/** Formatting bound to one language, handed to domain actions. */
export function formatterFor(i18n: I18n, lang: string): Formatter {
  return {
    when: (at: Date) =>
      i18n.t(lang, "common:format.when", {
        date: formatDate(i18n, lang, at),
        lunar: formatLunar(i18n, lang, at),
        time: formatTime(at),
      }),
    time: formatTime,
    day: (at: Date) => {
      const p = localParts(at);
      return i18n.t(lang, "common:format.day", {
        day: String(p.day).padStart(2, "0"),
        month: String(p.month).padStart(2, "0"),
        lunar: formatLunar(i18n, lang, at),
      });
    },
    money: (vnd: bigint) => formatMoney(i18n, lang, vnd),
    text: (key: string, params?: Record<string, unknown>) => i18n.t(lang, key, params),
    inLanguage: (other: string) => formatterFor(i18n, other),
    address: (person: Addressable | undefined, year: number) => addressParams(i18n, lang, person, year),
  };
}
