import { describe, expect, it } from "vitest";
import { normalizePhone } from "../../src/domain/members/phone.ts";

describe("normalizePhone", () => {
  it.each([
    ["0912345678", "+84912345678"],
    ["0912 345 678", "+84912345678"],
    ["84912345678", "+84912345678"],
    ["+84912345678", "+84912345678"],
    ["+84 91.234.5678", "+84912345678"],
    ["(024) 3825 1234", "+842438251234"],
    ["024 3825 1234", "+842438251234"],
    ["12345", undefined],
    ["+1 202 555 0100", undefined],
    ["0012345678", undefined],
    ["abc", undefined],
  ])("%s → %s", (input, e164) => expect(normalizePhone(input)).toBe(e164));
});
