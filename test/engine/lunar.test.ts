// Lunar dates checked against the published Vietnamese calendar (Tết, Rằm, Vu Lan, Giỗ Tổ, leap months).
import { describe, expect, it } from "vitest";
import { solarToLunar } from "../../src/engine/lunar.ts";

describe("solarToLunar", () => {
  it.each([
    // [solar d, m, y] → [lunar day, month, year, leap]
    [
      [21, 1, 1985],
      [1, 1, 1985, false],
    ], // Tết Ất Sửu: Vietnam 21/1, China 20/2 (UTC+7 vs +8)
    [
      [25, 1, 2020],
      [1, 1, 2020, false],
    ], // Tết Canh Tý
    [
      [23, 5, 2020],
      [1, 4, 2020, true],
    ], // tháng Tư nhuận 2020
    [
      [12, 2, 2021],
      [1, 1, 2021, false],
    ], // Tết Tân Sửu
    [
      [1, 2, 2022],
      [1, 1, 2022, false],
    ], // Tết Nhâm Dần
    [
      [22, 1, 2023],
      [1, 1, 2023, false],
    ], // Tết Quý Mão
    [
      [22, 3, 2023],
      [1, 2, 2023, true],
    ], // tháng Hai nhuận 2023
    [
      [29, 9, 2023],
      [15, 8, 2023, false],
    ], // Trung thu 2023
    [
      [10, 2, 2024],
      [1, 1, 2024, false],
    ], // Tết Giáp Thìn
    [
      [24, 2, 2024],
      [15, 1, 2024, false],
    ], // Rằm tháng Giêng 2024
    [
      [18, 4, 2024],
      [10, 3, 2024, false],
    ], // Giỗ Tổ Hùng Vương 2024
    [
      [18, 8, 2024],
      [15, 7, 2024, false],
    ], // Vu Lan 2024
    [
      [17, 9, 2024],
      [15, 8, 2024, false],
    ], // Trung thu 2024
    [
      [29, 1, 2025],
      [1, 1, 2025, false],
    ], // Tết Ất Tỵ
    [
      [25, 7, 2025],
      [1, 6, 2025, true],
    ], // tháng Sáu nhuận 2025
    [
      [6, 10, 2025],
      [15, 8, 2025, false],
    ], // Trung thu 2025
    [
      [17, 2, 2026],
      [1, 1, 2026, false],
    ], // Tết Bính Ngọ
    [
      [28, 1, 2025],
      [29, 12, 2024, false],
    ], // Giao thừa 2025: tháng Chạp had no 30th
  ])("%j → %j", ([d, m, y], [day, month, year, leap]) => {
    expect(solarToLunar(d as number, m as number, y as number)).toEqual({ day, month, year, leap });
  });
});
