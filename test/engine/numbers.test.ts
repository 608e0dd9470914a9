import { describe, expect, it } from "vitest";
import { parseBp } from "../../src/domain/health/bp.ts";
import { normalize, parseAmount } from "../../src/engine/match.ts";
import { parseCount } from "../../src/engine/numbers.ts";

describe("counts in digits or words", () => {
  it.each([
    ["15", 15],
    ["mười lăm", 15],
    ["mười hai người", 12],
    ["hai mươi mốt", 21],
    ["một trăm năm mươi", 150],
    ["hai trăm lẻ năm", 205],
    ["rằm", 15],
    ["mùng 1", 1],
    ["ngày 10", 10],
    ["ba", 3],
  ])("%s → %d", (input, value) => expect(parseCount(normalize(input))).toBe(value));
  it.each(["k", "mười mười", "hai ba", "năm sau", "abc", ""])("%s is not a number", (input) =>
    expect(parseCount(normalize(input))).toBeUndefined(),
  );
});

describe("amounts in words", () => {
  it.each([
    ["hai trăm nghìn", 200_000n],
    ["2 trăm nghìn", 200_000n],
    ["hai triệu rưỡi", 2_500_000n],
    ["hai triệu ba", 2_300_000n],
    ["một triệu hai trăm nghìn đồng", 1_200_000n],
    ["năm trăm ngàn", 500_000n],
  ])("%s → %d", (input, vnd) => expect(parseAmount(input)).toEqual({ ok: true, vnd }));
  it("a small number in words is too small, not misread", () =>
    expect(parseAmount("năm trăm")).toEqual({ ok: false, reason: "too_small" }));
  it("words that are not a number stay not a number", () =>
    expect(parseAmount("trăm nghìn triệu")).toEqual({ ok: false, reason: "not_a_number" }));
});

describe("readings as people say them", () => {
  it.each(["150/95", "150 trên 95", "huyết áp 150 trên 95", "150 tren 95", "150-95"])("%s", (input) =>
    expect(parseBp(input)).toEqual({ ok: true, systolic: 150, diastolic: 95 }),
  );
  it("300/200 is not a reading", () => expect(parseBp("300/200")).toEqual({ ok: false, reason: "range" }));
});
