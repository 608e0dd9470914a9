import { describe, expect, it } from "vitest";
import { matchChoice, normalize, normalizeCode, parseAmount } from "../../src/engine/match.ts";

describe("normalize", () => {
  it.each([
    ["Menu Chính", "menu chinh"],
    ["  ĐIỂM   danh ", "diem danh"],
    ["Đồng ý!", "dong y"],
    ["Hướng dẫn.", "huong dan"],
  ])("%s → %s", (input, output) => expect(normalize(input)).toBe(output));
});

describe("matchChoice", () => {
  const choices = [
    { id: "checkin", label: "Điểm danh" },
    { id: "loans", label: "Khoản vay của tôi", keywords: ["vay", "no"] },
    { id: "help", label: "Hướng dẫn" },
  ];
  it.each([
    ["1", 0],
    ["3", 2],
    ["số 2", 1],
    ["diem danh", 0],
    ["ĐIỂM DANH", 0],
    ["help", 2],
    ["vay", 1],
    ["khoan vay", 1],
    ["huong", 2],
  ])("%s picks %i", (input, index) => expect(matchChoice(input, choices)).toBe(index));
  it.each(["0", "4", "xyz", "", "d"])("%s picks nothing", (input) => expect(matchChoice(input, choices)).toBeUndefined());
  it("spelled numbers count as digits, after a choice's own words; one small typo is forgiven in longer words", () => {
    const genders = [
      { id: "F", label: "Nữ" },
      { id: "M", label: "Nam" },
    ];
    expect(matchChoice("Nam", genders)).toBe(1);
    expect(matchChoice("hai", choices)).toBe(1);
    expect(matchChoice("số ba", choices)).toBe(2);
    expect(matchChoice("mười chín", choices)).toBeUndefined();
    const menu = [
      { id: "checkin", label: "Điểm danh" },
      { id: "loans", label: "Khoản vay của tôi" },
    ];
    expect(matchChoice("diem dah", menu)).toBe(0);
    expect(matchChoice("khoang vay cua toi", menu)).toBe(1);
    expect(matchChoice("xyz abc", menu)).toBeUndefined();
  });

  it("a code that starts with the letter of a short word («n» for no) is not that answer", () => {
    const yesNo = [
      { id: "yes", label: "Có", keywords: ["co", "y"] },
      { id: "no", label: "Không", keywords: ["khong", "n"] },
    ];
    expect(matchChoice("NGA234", yesNo)).toBeUndefined();
    expect(matchChoice("co chu", yesNo)).toBe(0);
  });
});

describe("parseAmount", () => {
  it.each([
    ["500k", 500_000n],
    ["500K", 500_000n],
    ["500.000", 500_000n],
    ["500,000", 500_000n],
    ["500000", 500_000n],
    ["1tr2", 1_200_000n],
    ["1tr25", 1_250_000n],
    ["1,2 triệu", 1_200_000n],
    ["1.5tr", 1_500_000n],
    ["2 triệu rưỡi", 2_500_000n],
    ["2 trieu ruoi", 2_500_000n],
    ["1 triệu 200 nghìn", 1_200_000n],
    ["3 triệu", 3_000_000n],
    ["1.200.000 đồng", 1_200_000n],
    ["300 nghìn", 300_000n],
    ["1 tỷ", 1_000_000_000n],
  ])("%s → %s VND", (input, vnd) => expect(parseAmount(input)).toEqual({ ok: true, vnd }));

  it.each([
    ["", "empty"],
    ["abc", "not_a_number"],
    ["5x", "not_a_number"],
    ["1,2", "not_a_number"],
    ["-500k", "not_a_number"],
    ["500", "too_small"],
    ["0k", "too_small"],
    ["999 tỷ", "too_large"],
    ["1tr2345", "not_a_number"],
    ["500k 200k", "not_a_number"],
  ])("%s is refused: %s", (input, reason) => expect(parseAmount(input)).toEqual({ ok: false, reason }));

  it("returns BigInt, never a float", () => {
    const result = parseAmount("1,3 triệu");
    expect(result.ok && typeof result.vnd).toBe("bigint");
  });
});

describe("normalizeCode", () => {
  it("drops spaces and dashes, upper-cases", () => expect(normalizeCode(" nga-234 ")).toBe("NGA234"));
});
