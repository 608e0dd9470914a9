import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLocales } from "../../src/i18n/index.ts";
import { ROOT } from "../../src/root.ts";

const i18n = loadLocales(path.join(ROOT, "test", "fixtures", "locales"));

describe("texts from locales/", () => {
  it("fills placeholders, nested paths and spaces inside the braces included", () => {
    expect(i18n.t("vi", "common:hello", { me: { you: "Bà" }, name: "Lan", count: 3, note: "hết" })).toBe(
      "Chào Bà, Lan: 3 tin, hết.",
    );
    expect(i18n.t("en", "hello", { me: { you: "you" }, name: "Lan", count: 0, note: "done" })).toBe(
      "Hello you, Lan: 0 messages, done.",
    );
  });

  it("a value not given keeps its placeholder; null leaves nothing", () => {
    expect(i18n.t("vi", "hello", { me: {}, name: null, count: 1 })).toBe("Chào {{me.you}}, : 1 tin, {{note}}.");
    expect(i18n.t("vi", "visit:asked")).toBe("Đã ghi yêu cầu #{{result.id}}.");
  });

  it("nested keys; English falls back to Vietnamese; an unknown key shows itself", () => {
    expect(i18n.t("en", "common:menu.title")).toBe("Main menu");
    expect(i18n.t("en", "only_vi")).toBe("Chỉ có tiếng Việt");
    expect(i18n.t("en", "visit:asked", { result: { id: 7 } })).toBe("Đã ghi yêu cầu #7.");
    expect(i18n.t("fr", "menu.title")).toBe("Menu chính");
    expect(i18n.t("vi", "visit:nothing")).toBe("nothing");
  });

  it("lists every text of a language, flattened", () => {
    expect(i18n.keys("vi").get("common:menu.title")).toBe("Menu chính");
    expect(i18n.keys("en").has("common:only_vi")).toBe(false);
  });
});
