import { describe, expect, it } from "vitest";
import { parseDate, parseTime } from "../../src/engine/dates.ts";

const today = { year: 2026, month: 11, day: 23 }; // Monday, Rằm tháng Mười

describe("parseDate", () => {
  it.each([
    ["hôm nay", "2026-11-23"],
    ["mai", "2026-11-24"],
    ["ngày kia", "2026-11-25"],
    ["15/12", "2026-12-15"],
    ["15-12", "2026-12-15"],
    ["1/1", "2027-01-01"],
    ["20/11", "2027-11-20"],
    ["15/12/2026", "2026-12-15"],
    ["thứ 7", "2026-11-28"],
    ["Thứ Bảy", "2026-11-28"],
    ["chủ nhật", "2026-11-29"],
    ["thu 2", "2026-11-23"],
    ["rằm", "2026-11-23"],
    ["mùng 1", "2026-12-09"],
    ["mùng 10", "2026-12-18"],
    ["rằm tháng này", "2026-11-23"],
    ["rằm tháng sau", "2026-12-23"],
    ["mùng 1 tết", "2027-02-06"],
    ["tết", "2027-02-06"],
    ["thứ bảy tuần sau", "2026-12-05"],
    ["thứ 2 tuần này", "2026-11-23"],
    ["chủ nhật tuần này", "2026-11-29"],
  ])("%s → %s", (input, iso) => expect(parseDate(input, today)).toBe(iso));
  it.each(["31/2", "xyz", "32/1", "15/12/2020", ""])("%s is not a date", (input) =>
    expect(parseDate(input, today)).toBeUndefined(),
  );
});

describe("a named day that has passed is not taken as another", () => {
  const dayAfterFullMoon = { year: 2026, month: 11, day: 24 }; // Tuesday
  it.each(["rằm tháng này", "thứ 2 tuần này", "mùng 31"])("%s", (input) =>
    expect(parseDate(input, dayAfterFullMoon)).toBeUndefined(),
  );
});

describe("parseTime", () => {
  it.each([
    ["8h", "08:00"],
    ["7h30", "07:30"],
    ["7 giờ 30", "07:30"],
    ["19:30", "19:30"],
    ["sáng", "07:00"],
    ["trưa", "11:30"],
    ["tối", "19:00"],
    ["2 giờ chiều", "14:00"],
    ["8", "08:00"],
  ])("%s → %s", (input, hhmm) => expect(parseTime(input)).toBe(hhmm));
  it.each(["25h", "8h75", "abc", ""])("%s is not a time", (input) => expect(parseTime(input)).toBeUndefined());
});
