// Short messages for small phones: every text in the bot's own words fits 160 characters once filled
// with realistic values; texts that list data or quote a notice go out in parts of at most 600.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { messageParts, READABLE_PART } from "../../src/channels/choices.ts";
import { ROOT } from "../../src/root.ts";

const SHORT = 160;
/** Texts that list data (names, figures, what is held about someone) or quote a board's notice. */
const DATA_KEYS = new Set([
  "broadcast:status",
  "broadcast:status_rsvp",
  "broadcast:preview",
  ...["meeting", "general", "urgent"].map((t) => `broadcast:notice.${t}`),
  "settings:my_data_text",
  "ledger:summary",
]);

const person = "Hoàng Thị Mận (01000000105)";
/** Realistic values by placeholder name: the longest a real club gives, not the shortest. */
const SAMPLES: Record<string, string> = {
  you: "Bà",
  You: "Bà",
  address: "Bà Mận",
  name: "Hoàng Thị Mận",
  person,
  helper: "Nguyễn Văn Tâm (01000000101)",
  volunteer: "Nguyễn Thị Mai",
  when: "Thứ Ba, 15/12/2026 (Mùng 7 tháng Mười Một), 8:00",
  day: "15/12 (Mùng 7 tháng Mười Một)",
  next: "Thứ Ba, 15/12/2026 (Mùng 7 tháng Mười Một), 8:00",
  amount: "1.800.000 đồng",
  place: "Nhà văn hóa thôn Bản Ngõ",
  club: "CLB Liên thế hệ tự giúp nhau thôn Bản Ngõ",
  area: "CLB Liên thế hệ tự giúp nhau thôn Bản Ngõ",
  from: "CLB Liên thế hệ tự giúp nhau thôn Bản Ngõ",
  where: `${person}, Thôn Bản Ngõ, số 4 ngõ 2`,
  text: "Tuần sau khám sức khỏe miễn phí tại trạm y tế xã, mang theo thẻ bảo hiểm y tế.",
  preview:
    "Kính mời Bà Mận dự buổi sinh hoạt của CLB Liên thế hệ tự giúp nhau thôn Bản Ngõ:\nNgày giờ: Thứ Ba, 15/12/2026 (Mùng 7 tháng Mười Một), 8:00\nĐịa điểm: Nhà văn hóa thôn Bản Ngõ",
  notice: "Thông báo từ CLB Liên thế hệ tự giúp nhau thôn Bản Ngõ:\nChủ nhật này dọn vệ sinh nhà văn hóa, 7h sáng.",
};
const list = Array.from({ length: 15 }, () => person).join(", ");

function fill(text: string): string {
  return text.replace(/\{\{([\w.]+)\}\}/g, (_, ref: string) => {
    const key = ref.split(".").at(-1) ?? ref;
    if (/Names$|List$/.test(key)) return list;
    return SAMPLES[key] ?? "x".repeat(12);
  });
}

function texts(): Array<{ key: string; lang: string; text: string }> {
  const out: Array<{ key: string; lang: string; text: string }> = [];
  for (const lang of ["vi", "en"]) {
    for (const file of readdirSync(path.join(ROOT, "locales", lang))) {
      const ns = file.replace(/\.json$/, "");
      const walk = (value: unknown, at: string) => {
        if (typeof value === "string") out.push({ key: `${ns}:${at}`, lang, text: value });
        else for (const [k, v] of Object.entries(value as object)) walk(v, at ? `${at}.${k}` : k);
      };
      walk(JSON.parse(readFileSync(path.join(ROOT, "locales", lang, file), "utf8")), "");
    }
  }
  return out;
}

describe("message length", () => {
  const all = texts();
  it("reads every locale text", () => expect(all.length).toBeGreaterThan(400));

  it("every text in the bot's own words is at most 160 characters per message once filled", () => {
    const long = all
      .filter((t) => !DATA_KEYS.has(t.key))
      .flatMap((t) => messageParts(fill(t.text)).map((part) => ({ ...t, length: part.length })))
      .filter((p) => p.length > SHORT)
      .map((p) => `${p.lang}/${p.key}: ${p.length}`);
    expect(long).toEqual([]);
  });

  it("texts that list data or quote a notice go out in parts of at most 600, split at line breaks", () => {
    for (const t of all.filter((x) => DATA_KEYS.has(x.key))) {
      const filled = fill(t.text);
      const parts = messageParts(filled);
      for (const part of parts) expect(part.length, `${t.lang}/${t.key}`).toBeLessThanOrEqual(READABLE_PART);
      // Split at line breaks: nothing lost, no line cut.
      expect(parts.join("\n").replace(/\n+/g, "\n")).toBe(filled.replace(/\n+/g, "\n"));
    }
    const status = messageParts(fill(all.find((t) => t.key === "broadcast:status" && t.lang === "vi")?.text ?? ""));
    expect(status.length).toBeGreaterThan(1);
  });
});
