// Report charts: valid PNGs of the stated size, and Vietnamese labels drawn with their diacritics,
// compared with a checked-in picture (regenerate with UPDATE_CHART_REFERENCE=1 after a deliberate change).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { areaBarsPng, type Bar, CHART_WIDTH, PHONE_CHART_WIDTH, percentBarsPng } from "../../src/domain/reports/charts.ts";

const REFERENCE = path.resolve(import.meta.dirname, "..", "fixtures", "charts", "percent-bars.png");
const BARS: Bar[] = [
  { label: "Tỷ lệ thành viên nữ", value: 58, met: null },
  { label: "Tỷ lệ thành viên được vay vốn", value: 41, target: 50, met: false },
  { label: "Đủ 8 nội dung hoạt động", value: 67, target: 50, met: true },
];
const draw = (title: string) => percentBarsPng(title, "tháng 11/2026", BARS, "Mục tiêu");

/** Share of pixels whose colour differs by more than a small tolerance in any channel. */
function differingShare(a: PNG, b: PNG): number {
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if ([0, 1, 2].some((k) => Math.abs((a.data[i + k] ?? 0) - (b.data[i + k] ?? 0)) > 24)) differing += 1;
  }
  return differing / (a.width * a.height);
}

describe("report charts", () => {
  it("a PNG of the stated size: the phone picture 480 wide, 150 + 84 per bar high; the spreadsheet's 800 × 480", () => {
    const png = PNG.sync.read(draw("Báo cáo — Hữu Lũng"));
    expect([png.width, png.height]).toEqual([PHONE_CHART_WIDTH, 150 + 84 * BARS.length]);
    const area = PNG.sync.read(areaBarsPng("Vay vốn", BARS, "%", 50, "Mục tiêu"));
    expect([area.width, area.height]).toEqual([CHART_WIDTH, 480]);
  });

  it("Vietnamese labels render with their diacritics, as in the reference picture", () => {
    const rendered = draw("Báo cáo tháng 11 — Hữu Lũng, Lạng Sơn");
    if (process.env.UPDATE_CHART_REFERENCE === "1") writeFileSync(REFERENCE, rendered);
    const reference = PNG.sync.read(readFileSync(REFERENCE));
    const png = PNG.sync.read(rendered);
    expect([png.width, png.height]).toEqual([reference.width, reference.height]);
    expect(differingShare(png, reference)).toBeLessThan(0.002);
    // The comparison sees accents: the same title without them is clearly another picture.
    const plain = PNG.sync.read(draw("Bao cao thang 11 — Huu Lung, Lang Son"));
    expect(differingShare(plain, reference)).toBeGreaterThan(0.003);
  });
});
