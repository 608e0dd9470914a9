import path from "node:path";
import { describe, expect, it } from "vitest";
import { addressFormOf, addressParams, givenName } from "../../src/i18n/address.ts";
import { formatDate, formatLunar, formatMoney, formatTime } from "../../src/i18n/format.ts";
import { loadLocales } from "../../src/i18n/index.ts";
import { ROOT } from "../../src/root.ts";

const i18n = loadLocales(path.join(ROOT, "locales"));

describe("money", () => {
  it.each([
    [1_200_000n, "vi", "1.200.000 đồng"],
    [500n * 1000n, "vi", "500.000 đồng"],
    [999n, "vi", "999 đồng"],
    [3_000_000n, "en", "3,000,000 VND"],
    [-300_000n, "vi", "-300.000 đồng"],
  ])("%s in %s → %s", (vnd, lang, text) => expect(formatMoney(i18n, lang, vnd)).toBe(text));
});

describe("dates in Asia/Ho_Chi_Minh", () => {
  const at = new Date("2026-12-14T18:30:00Z"); // 01:30 on 15/12 in Vietnam
  it("uses the Vietnamese day and weekday", () => {
    expect(formatDate(i18n, "vi", at)).toBe("Thứ Ba, 15/12/2026");
    expect(formatDate(i18n, "en", at)).toBe("Tuesday 15/12/2026");
    expect(formatTime(at)).toBe("1:30");
  });
  it("shows the lunar date", () => {
    expect(formatLunar(i18n, "vi", new Date("2026-11-23T03:00:00Z"))).toBe("Rằm tháng Mười");
    expect(formatLunar(i18n, "vi", new Date("2026-02-17T03:00:00Z"))).toBe("Mùng 1 tháng Giêng");
    expect(formatLunar(i18n, "vi", new Date("2025-07-25T03:00:00Z"))).toBe("Mùng 1 tháng Sáu nhuận");
    expect(formatLunar(i18n, "vi", new Date("2026-12-15T03:00:00Z"))).toBe("Mùng 7 tháng Mười Một");
    expect(formatLunar(i18n, "vi", new Date("2026-12-28T03:00:00Z"))).toBe("Ngày 20 tháng Mười Một");
  });
});

describe("forms of address", () => {
  const year = 2026;
  it.each([
    [{ fullName: "Hoàng Thị Mận", gender: "F", birthYear: 1952 }, "ba", "Bà Mận"],
    [{ fullName: "Nguyễn Văn Tâm", gender: "M", birthYear: 1953 }, "ong", "Ông Tâm"],
    [{ fullName: "Phạm Thị Bình", gender: "F", birthYear: 1976 }, "co", "Cô Bình"],
    [{ fullName: "Trần Văn Hải", gender: "M", birthYear: 1980 }, "chu", "Chú Hải"],
    [{ fullName: "Nguyễn Thị Mai", gender: "F", birthYear: 1999 }, "chi", "Chị Mai"],
    [{ fullName: "Lý Văn Minh", gender: "M", birthYear: 2002 }, "anh", "Anh Minh"],
    [{ fullName: "Vũ Thị Nga", gender: "F", birthYear: 1948, addressForm: "bac" }, "bac", "Bác Nga"],
  ])("%j → %s", (member, form, named) => {
    expect(addressFormOf(member, year)).toBe(form);
    expect(addressParams(i18n, "vi", member, year).address).toBe(named);
  });
  it("takes the given name from the end", () => expect(givenName(" Ngô  Thị Hằng ")).toBe("Hằng"));
  it("a guest is Bác", () => expect(addressParams(i18n, "vi", undefined, year).you).toBe("Bác"));
});

describe("locales", () => {
  it("vi and en have exactly the same keys", () => {
    const vi = [...i18n.keys("vi").keys()].sort();
    const en = [...i18n.keys("en").keys()].sort();
    expect(en).toEqual(vi);
  });
});
