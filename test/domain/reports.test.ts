// Reports against the plans' targets: every indicator of a known fixture equals its value worked out by
// hand, for a month, a quarter and a year; the spreadsheet opens in two readers; plans are checked.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import { type Db, openDb } from "../../src/db/client.ts";
import { parsePeriod } from "../../src/domain/reports/period.ts";
import { loadPlan } from "../../src/domain/reports/targets.ts";
import { ROOT } from "../../src/root.ts";
import { cli } from "../support/cli.ts";
import { freshDatabaseUrl } from "../support/db.ts";
import { TMP } from "../support/global-setup.ts";
import { seedReportFixture } from "../support/report-fixture.ts";

const OUT = path.join(TMP, "reports");
const PLAN = loadPlan(path.join(ROOT, "targets", "langson-2025-2030.yaml")).plan;
const M = 1_000_000;

// Worked out from the fixture's rules (test/support/report-fixture.ts), club c = 0…11:
// women Σ(30 + c) = 426 of 720; aged 55+ 40 × 12 = 480; in hardship 10 × 12 = 120;
// present Σ(40 + c) = 546 of 720 a month; BP checks Σ(20 + c) = 306 a month;
// borrowers 3 + 20 + c % 4 → 12 × 23 + 3 × (0+1+2+3) = 294 (36 of them poor), all with a loan out in every period;
// good payers (258 loans) pay 1M a month Feb-Nov, the 36 poor 1M Feb-Jun → 5M each still owed, all of it overdue;
// income fund 5M × Σ(c + 1) = 390M, ≥ 30M for c ≥ 5 (7 clubs); activity fund 1M × 6 even clubs.
const SAME = {
  clubs: 12,
  members: 720,
  women: (100 * 426) / 720,
  aged55: (100 * 480) / 720,
  hardship: (100 * 120) / 720,
  attendance: (100 * 546) / 720,
  borrowers: (100 * 294) / 720,
  hardship_borrowers: (100 * 36) / 120,
  loans_outstanding: 36 * 5 * M,
  loans_overdue: 36 * 5 * M,
  income_fund: 390 * M,
  activity_fund: 6 * M,
  funds_total: 396 * M,
  income_fund_per_club: 32.5 * M,
  fund_threshold: (100 * 7) / 12,
  both_funds: 50,
  visits_escalated: 3,
};
const EXPECTED: Record<string, Record<string, number>> = {
  "2025-11": {
    ...SAME,
    meetings: 12,
    monthly_all8: (100 * 8) / 12, // c % 3 = 0 or 1
    loans_repaid: 258 * M,
    visits_requested: 24,
    visits_made: 12,
    reminders: 80, // 8 answered of 10 in each club
    bp_checks: 306,
  },
  "2025-Q4": {
    ...SAME,
    meetings: 36,
    monthly_all8: (100 * 8) / 12,
    loans_repaid: 2 * 258 * M, // October and November
    visits_requested: 24,
    visits_made: 12,
    reminders: 80,
    bp_checks: 3 * 306,
  },
  "2025": {
    ...SAME,
    meetings: 144,
    monthly_all8: (100 * 4) / 12, // c % 3 = 1 missed February
    loans_repaid: (10 * 258 + 5 * 36) * M,
    visits_requested: 36,
    visits_made: 24,
    reminders: (100 * 96) / 240, // March's 120 events were all missed
    bp_checks: 12 * 306,
  },
};
const MET: Record<string, Record<string, boolean>> = {
  "2025-11": {
    monthly_all8: true,
    borrowers: false,
    hardship_borrowers: false,
    fund_threshold: true,
    both_funds: false,
    funds_total: false,
  },
  "2025": { monthly_all8: false },
};

let db: Db;
const env: Record<string, string> = {};

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  env.DATABASE_URL = await freshDatabaseUrl();
  db = await openDb(env.DATABASE_URL);
  await seedReportFixture(db);
}, 120_000);
afterAll(async () => db?.$disconnect());

async function report(period: string, out: string, scope = "province:lang-son") {
  const result = await cli(["report", "--scope", scope, "--period", period, "--out", out], env);
  expect(result.stderr).toMatch(/report: 12 clubs|report: 4 clubs|report: 1 clubs/);
  expect(result.code).toBe(0);
  return result;
}

/** The summary sheet as indicator id → [target, target high, actual, result]. */
async function summary(file: string): Promise<Map<string, unknown[]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.getWorksheet("Tổng hợp");
  if (!sheet) throw new Error("no summary sheet");
  const byName = new Map(PLAN?.indicators.map((i) => [i.name_vi, i.id]));
  const rows = new Map<string, unknown[]>();
  sheet.eachRow((row, n) => {
    if (n <= 4) return;
    const values = row.values as unknown[];
    const id = byName.get(String(values[1]));
    if (id) rows.set(id, [values[3], values[4], values[5], values[6]]);
  });
  return rows;
}

describe("indicators on the fixture, by hand", () => {
  for (const period of Object.keys(EXPECTED)) {
    it(`${period}: every indicator equals its hand-worked value; targets met or not as expected`, async () => {
      const file = path.join(OUT, `province-${period}.xlsx`);
      await report(period, file);
      const rows = await summary(file);
      const expected = EXPECTED[period] as Record<string, number>;
      expect([...rows.keys()].sort()).toEqual(Object.keys(expected).sort());
      for (const [id, value] of Object.entries(expected)) {
        const actual = rows.get(id)?.[2];
        expect(typeof actual, id).toBe("number");
        expect(actual as number, id).toBeCloseTo(value, 6);
      }
      for (const [id, met] of Object.entries(MET[period] ?? {})) {
        expect(rows.get(id)?.[3], id).toBe(met ? "đạt" : "chưa đạt");
      }
      expect(rows.get("fund_threshold")?.slice(0, 2)).toEqual([40, 60]);
      expect(rows.get("borrowers")?.slice(0, 2)).toEqual([50, undefined]); // no upper bound: an empty cell
    }, 60_000);
  }

  it("a commune's and a club's rows: the same rules, their own members", async () => {
    const file = path.join(OUT, "province-2025-rows.xlsx");
    await report("2025", file);
    const book = XLSX.read(readFileSync(file));
    expect(book.SheetNames).toEqual(["Tổng hợp", "Theo xã", "Theo CLB", "Biểu đồ"]);
    const communes = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets["Theo xã"] as XLSX.WorkSheet);
    expect(communes.map((r) => r["Xã, phường"])).toEqual(["Cao Lộc", "Chi Lăng", "Hữu Lũng"]);
    const huuLung = communes.find((r) => r["Xã, phường"] === "Hữu Lũng") as Record<string, number>;
    expect(huuLung["Tỷ lệ thành viên nữ"]).toBeCloseTo((100 * (30 + 31 + 32 + 33)) / 240, 6);
    expect(huuLung["Tỷ lệ CLB sinh hoạt hằng tháng đủ 8 nội dung"]).toBe(50); // clubs 0 and 3
    expect(huuLung["Quỹ tăng thu nhập"]).toBe(50 * M);
    const clubs = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets["Theo CLB"] as XLSX.WorkSheet);
    expect(clubs).toHaveLength(12);
    const club5 = clubs.find((r) => r["Mã CLB"] === "LS-05") as Record<string, number>;
    expect(club5["Tỷ lệ thành viên nữ"]).toBeCloseTo((100 * 35) / 60, 6);
    expect(club5["Tỷ lệ dự sinh hoạt"]).toBe(75);
    expect(club5["Tỷ lệ thành viên được vay vốn"]).toBe(40); // 3 + 20 + 1 of 60
    expect(club5["Quỹ tăng thu nhập"]).toBe(30 * M);
    expect(club5).not.toHaveProperty("Tổng quỹ của các CLB trong tỉnh"); // a province indicator
  }, 60_000);

  it("a commune and a club can be reported alone; the commune's numbers are its four clubs'", async () => {
    const file = path.join(OUT, "commune.xlsx");
    await report("2025-11", file, "commune:Hữu Lũng");
    const rows = await summary(file);
    expect(rows.get("members")?.[2]).toBe(240);
    expect(rows.get("bp_checks")?.[2]).toBe(20 + 21 + 22 + 23);
    expect(rows.has("funds_total")).toBe(false);
    const club = path.join(OUT, "club.xlsx");
    await report("2025-11", club, "club:LS-07");
    expect((await summary(club)).get("members")?.[2]).toBe(60);
    expect((await summary(club)).has("clubs")).toBe(false); // set for communes and up
  }, 60_000);
});

describe("the spreadsheet in a second reader (SheetJS)", () => {
  it("sheets, headers, frozen rows, numbers as numbers with VND and % formats, charts as pictures", async () => {
    const file = path.join(OUT, "province-2025-11.xlsx");
    await report("2025-11", file);
    const book = XLSX.read(readFileSync(file), { cellStyles: true });
    const sheet = book.Sheets["Tổng hợp"] as XLSX.WorkSheet;
    expect(sheet.A1?.v).toBe("Kế hoạch của tỉnh Lạng Sơn giai đoạn 2025–2030");
    expect(sheet.A2?.v).toBe("Lạng Sơn — tháng 11/2025");
    expect(["A4", "B4", "C4", "D4", "E4", "F4"].map((c) => sheet[c]?.v)).toEqual([
      "Chỉ tiêu",
      "Đơn vị",
      "Mục tiêu (từ)",
      "Mục tiêu (đến)",
      "Thực tế",
      "Kết quả",
    ]);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1 }).slice(4);
    const outstanding = rows.find((r) => r[0] === "Dư nợ") as unknown[];
    expect(outstanding[4]).toBe(180 * M);
    const cell = Object.entries(sheet).find(([, c]) => (c as XLSX.CellObject).v === 180 * M)?.[1] as XLSX.CellObject;
    expect(cell.t).toBe("n");
    expect(String(cell.z)).toMatch(/#,##0" đ"/);
    const women = rows.find((r) => r[0] === "Tỷ lệ thành viên nữ") as unknown[];
    expect(women[4]).toBeCloseTo(59.1667, 3);

    const excel = new ExcelJS.Workbook();
    await excel.xlsx.readFile(file);
    expect(excel.getWorksheet("Tổng hợp")?.views[0]).toMatchObject({ state: "frozen", ySplit: 4 });
    expect(excel.getWorksheet("Theo CLB")?.views[0]).toMatchObject({ state: "frozen", ySplit: 1, xSplit: 3 });
    const key = PLAN?.indicators.filter((i) => i.key).length ?? 0;
    expect(excel.getWorksheet("Biểu đồ")?.getImages()).toHaveLength(key);
    const png = Buffer.from(excel.model.media?.[0]?.buffer as unknown as Uint8Array);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
  }, 60_000);

  it("the same report as CSV, with a BOM so Excel reads Vietnamese", async () => {
    const file = path.join(OUT, "province-2025-11.csv");
    await report("2025-11", file);
    const text = readFileSync(file, "utf8");
    expect(text.startsWith("\uFEFFKế hoạch của tỉnh Lạng Sơn")).toBe(true);
    expect(text).toContain("\nDư nợ,đồng,,,180000000,\n");
    expect(text).toContain("\nTỷ lệ CLB sinh hoạt hằng tháng đủ 8 nội dung,%,50,,66.7,đạt\n");
    expect(text).toMatch(/\nMã CLB,Câu lạc bộ,Xã, phường|\nMã CLB,Câu lạc bộ,"Xã, phường"/);
  }, 60_000);
});

describe("the command's answers to bad input", () => {
  it("a bad scope, period, file type or plan gets one line naming it", async () => {
    const run = (args: string[]) => cli(["report", ...args], env);
    expect((await run(["--scope", "club:NOPE", "--period", "2025", "--out", "x.xlsx"])).stderr).toMatch(
      /--scope "club:NOPE" names no club/,
    );
    expect((await run(["--scope", "club:LS-01", "--period", "2025-13", "--out", "x.xlsx"])).stderr).toMatch(/--period "2025-13"/);
    expect((await run(["--scope", "club:LS-01", "--period", "2025", "--out", "x.pdf"])).stderr).toMatch(
      /must end in .xlsx or .csv/,
    );
    const bad = path.join(OUT, "bad-plan.yaml");
    writeFileSync(
      bad,
      readFileSync(path.join(ROOT, "targets", "hanoi-2026-2030.yaml"), "utf8").replace("formula: bp_checks", "formula: bp_check"),
    );
    const result = await run(["--scope", "club:LS-01", "--period", "2025", "--plan", bad, "--out", path.join(OUT, "x.xlsx")]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/bad-plan.yaml:\d+: unknown formula bp_check/);
  }, 60_000);

  it("flows:check names the file and line of an unknown formula in targets/", async () => {
    const dir = path.join(OUT, "targets");
    mkdirSync(dir, { recursive: true });
    const text = readFileSync(path.join(ROOT, "targets", "national-1648.yaml"), "utf8").replace(
      "formula: women_pct",
      "formula: woman_pct",
    );
    writeFileSync(path.join(dir, "national-1648.yaml"), text);
    const line = text.split("\n").findIndex((l) => l.includes("woman_pct")) + 1;
    const result = await cli(["flows:check", "--targets", dir], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`national-1648.yaml:${line}: unknown formula woman_pct`);
  }, 60_000);
});

describe("periods", () => {
  it("reads a month, quarter, half and year in Vietnam's calendar", () => {
    expect(parsePeriod("2026-11")?.start.toISOString()).toBe("2026-10-31T17:00:00.000Z");
    expect(parsePeriod("2026-Q4")?.end.toISOString()).toBe("2026-12-31T17:00:00.000Z");
    expect(parsePeriod("2026-H1")?.monthCount).toBe(6);
    expect(parsePeriod("2026")?.start.toISOString()).toBe("2025-12-31T17:00:00.000Z");
    expect(parsePeriod("2026-Q5")).toBeUndefined();
    expect(parsePeriod("26-11")).toBeUndefined();
  });
});

describe("the report counts what the treasurer and the members recorded", () => {
  it("dues are in the activity fund, as in the treasurer's totals; readings members typed are BP checks too", async () => {
    const club = await db.club.findUniqueOrThrow({ where: { code: "LS-07" } });
    const member = await db.member.findFirstOrThrow({ where: { clubId: club.id } });
    const at = new Date("2026-01-10T03:00:00Z");
    await db.ledgerEntry.create({
      data: {
        clubId: club.id,
        memberId: member.id,
        fund: "dues",
        kind: "contribution",
        amount: 60_000n,
        idempotencyKey: "dues-jan",
        at,
      },
    });
    await db.healthReading.createMany({
      data: [
        { memberId: member.id, systolic: 135, diastolic: 85, recordedById: member.id, at },
        { memberId: member.id, systolic: 128, diastolic: 80, recordedById: member.id, at },
      ],
    });
    const file = path.join(OUT, "club-dues.xlsx");
    await report("2026-01", file, "club:LS-07");
    const rows = await summary(file);
    expect(rows.get("activity_fund")?.[2]).toBe(60_000); // LS-07 has no other activity money
    expect(rows.get("bp_checks")?.[2]).toBe(2); // no meeting that month: the two typed readings
  }, 60_000);
});
