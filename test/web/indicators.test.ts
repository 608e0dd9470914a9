// The workplace's province page shows the same indicators as the `report` command, for the same area
// and period, on the reports fixture (whose every figure is worked out by hand in reports.test.ts).
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { write } from "../../src/db/client.ts";
import { issueWebLink } from "../../src/domain/web-access/links.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { cli } from "../support/cli.ts";
import { TMP } from "../support/global-setup.ts";
import { seedReportFixture } from "../support/report-fixture.ts";

let t: TestApp;
let cookie = "";
let provinceId = "";

beforeAll(async () => {
  t = await startTestApp({ seed: false });
  await seedReportFixture(t.app.db);
  const province = await t.app.db.province.findFirstOrThrow({ where: { name: "Lạng Sơn" } });
  provinceId = province.id;
  const club = await t.app.db.club.findFirstOrThrow({ where: { commune: { provinceId } } });
  const officer = await t.app.db.member.create({
    data: { clubId: club.id, fullName: "Cán Bộ Tỉnh", gender: "F", birthYear: 1970 },
  });
  await t.app.db.role.create({ data: { memberId: officer.id, role: "officer", provinceId } });
  const token = await write(t.app.db, (tx) => issueWebLink(tx, officer.id, t.now()));
  const res = await fetch(`${t.url}/web/login/${token}`, { redirect: "manual" });
  cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}, 120_000);
afterAll(() => t.close());

/** The page's figure as a number: «1.234», «59%», «390.000.000 đồng»; undefined for «chưa có số liệu». */
const asNumber = (text: string) => (/\d/.test(text) ? Number(text.replace(/[^\d,]/g, "").replace(",", ".")) : undefined);

describe("the province page and the report command", () => {
  for (const period of ["2025-11", "2025-Q4", "2025"]) {
    it(`${period}: every indicator on the page equals the command's`, async () => {
      const page = await (await fetch(`${t.url}/web/province/${provinceId}?period=${period}`, { headers: { cookie } })).text();
      const shown = new Map(
        [
          ...page.matchAll(/<tr data-indicator="([^"]+)"><td>[^<]*<\/td><td class="n">[^<]*<\/td><td class="n">([^<]*)<\/td>/g),
        ].map((m) => [m[1] as string, m[2] as string]),
      );
      // The command runs on the same database, the officer included: the same members on both sides.
      const out = path.join(TMP, `web-indicators-${period}.xlsx`);
      const result = await cli(["report", "--scope", "province:lang-son", "--period", period, "--out", out], {
        DATABASE_URL: t.app.config.databaseUrl,
      });
      expect(result.code).toBe(0);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(out);
      const fromFile = new Map<string, number | undefined>();
      const names = new Map<string, string>();
      for (const m of page.matchAll(/<tr data-indicator="([^"]+)"><td>([^<]*)<\/td>/g)) names.set(m[2] as string, m[1] as string);
      book.getWorksheet("Tổng hợp")?.eachRow((row, n) => {
        if (n <= 4) return;
        const values = row.values as unknown[];
        const id = names.get(String(values[1]));
        if (id) fromFile.set(id, typeof values[5] === "number" ? values[5] : undefined);
      });
      expect(shown.size).toBeGreaterThan(15);
      expect([...shown.keys()].sort()).toEqual([...fromFile.keys()].sort());
      for (const [id, text] of shown) {
        const value = fromFile.get(id);
        // The page rounds percentages and amounts to whole numbers; the file keeps them exact.
        const expected = value === undefined ? undefined : Math.round(value);
        expect({ id, value: asNumber(text) }).toEqual({ id, value: expected });
      }
    }, 60_000);
  }
});
