// import-roster and invite-codes through the real CLI on a real SQLite file.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openDb } from "../../src/db/client.ts";
import { readTable } from "../../src/domain/roster/read-table.ts";
import { ROOT } from "../../src/root.ts";
import { cli } from "../support/cli.ts";
import { freshDatabaseUrl } from "../support/db.ts";
import { TMP } from "../support/global-setup.ts";

const FIXTURES = path.join(ROOT, "test", "fixtures", "roster");
const fixture = (name: string) => path.join(FIXTURES, name);

/** The same roster as an .xlsx, phones typed as numbers the way Excel users do. */
async function asXlsx(csv: string, out: string): Promise<string> {
  const table = await readTable(csv);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Danh sách");
  for (const [i, row] of table.entries()) {
    sheet.addRow(
      row.map((cell, c) => (i > 0 && c === 7 && /^0\d{9}$/.test(cell) ? Number(cell) : i > 0 && c === 6 ? Number(cell) : cell)),
    );
  }
  await workbook.xlsx.writeFile(out);
  return out;
}

describe("import-roster", () => {
  let env: Record<string, string>;
  let db: Db;
  beforeAll(async () => {
    env = { DATABASE_URL: await freshDatabaseUrl() };
    db = await openDb(env.DATABASE_URL as string);
  });
  afterAll(() => db.$disconnect());

  it("imports a realistic 60-member CSV; re-import changes nothing", async () => {
    const first = await cli(["import-roster", fixture("roster-60.csv")], env);
    expect(first).toMatchObject({ code: 0, stdout: "60 rows: 60 created, 0 updated, 0 unchanged\n" });
    const club = await db.club.findUniqueOrThrow({
      where: { code: "LS-HD-02" },
      include: { commune: { include: { province: true } } },
    });
    expect(club.commune.name).toBe("Xã Hoàng Đồng");
    expect(club.commune.province.name).toBe("Lạng Sơn");
    expect(await db.member.count({ where: { clubId: club.id } })).toBe(60);
    expect(await db.role.count({ where: { clubId: club.id, role: "board" } })).toBe(3);
    const spaced = await db.member.findFirstOrThrow({ where: { fullName: "Trần Thị Cúc", birthYear: 1953 } });
    expect(spaced.phone).toBe("+84912252353");
    const before = await db.member.findMany({ orderBy: { id: "asc" } });
    const again = await cli(["import-roster", fixture("roster-60.csv")], env);
    expect(again.stderr + again.stdout).toBe("60 rows: 0 created, 0 updated, 60 unchanged\n");
    expect(await db.member.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("the same roster as XLSX changes nothing either; a changed row updates that member only", async () => {
    const xlsx = await asXlsx(fixture("roster-60.csv"), path.join(TMP, "roster-60.xlsx"));
    expect((await cli(["import-roster", xlsx], env)).stdout).toBe("60 rows: 0 created, 0 updated, 60 unchanged\n");
    const changed = await cli(["import-roster", fixture("roster-60-changed.csv")], env);
    expect(changed.stdout).toBe("60 rows: 0 created, 2 updated, 58 unchanged\n");
    expect(await db.member.count({ where: { phone: "+84912999888" } })).toBe(1);
  });

  it("takes «Thôn» and «Địa chỉ» columns; a file without them still imports and keeps what is stored", async () => {
    const lines = readFileSync(fixture("roster-60-changed.csv"), "utf8").trim().split("\n");
    const withPlace = [
      `${lines[0]},Thôn,Địa chỉ`,
      `${lines[1]},Phai Luông,"Số 4, ngõ 2, cạnh nhà văn hóa"`,
      ...lines.slice(2).map((l) => `${l},,`),
    ].join("\n");
    const file = path.join(TMP, "roster-60-place.csv");
    writeFileSync(file, withPlace);
    expect((await cli(["import-roster", file], env)).stdout).toBe("60 rows: 0 created, 1 updated, 59 unchanged\n");
    const where = { clubId: (await db.club.findUniqueOrThrow({ where: { code: "LS-HD-02" } })).id, fullName: "Ngô Thị Xuân" };
    expect(await db.member.findFirstOrThrow({ where })).toMatchObject({
      hamlet: "Phai Luông",
      address: "Số 4, ngõ 2, cạnh nhà văn hóa",
    });
    expect((await cli(["import-roster", fixture("roster-60-changed.csv")], env)).stdout).toMatch(
      /^60 rows: 0 created, 0 updated/,
    );
    expect(await db.member.findFirstOrThrow({ where })).toMatchObject({ hamlet: "Phai Luông" });
  });

  it("takes a «Hoàn cảnh» (hardship) column in English or Vietnamese words; a bad word names its row", async () => {
    const lines = readFileSync(fixture("roster-60-changed.csv"), "utf8").trim().split("\n");
    const words = ["nghèo", "Cận nghèo", "khó khăn", "near_poor", ""];
    const file = path.join(TMP, "roster-60-hardship.csv");
    writeFileSync(file, [`${lines[0]},Hoàn cảnh`, ...lines.slice(1).map((l, i) => `${l},${words[i % words.length]}`)].join("\n"));
    expect((await cli(["import-roster", file], env)).stdout).toMatch(/^60 rows: 0 created, 48 updated/);
    const clubId = (await db.club.findUniqueOrThrow({ where: { code: "LS-HD-02" } })).id;
    const counts = await db.member.groupBy({ by: ["hardship"], where: { clubId }, _count: true });
    expect(Object.fromEntries(counts.map((c) => [String(c.hardship), c._count]))).toEqual({
      poor: 12,
      near_poor: 24,
      hardship: 12,
      null: 12,
    });
    writeFileSync(file, [`${lines[0]},hardship`, `${lines[1]},giàu`].join("\n"));
    const bad = await cli(["import-roster", file], env);
    expect(bad.stderr).toMatch(/^row 2: hardship "giàu" is not poor, near_poor, hardship/);
    // A file without the column keeps what is stored.
    await cli(["import-roster", fixture("roster-60-changed.csv")], env);
    expect(await db.member.count({ where: { clubId, hardship: "poor" } })).toBe(12);
  });

  it("an XLSX into an empty database imports all 60", async () => {
    const other = { DATABASE_URL: await freshDatabaseUrl() };
    const xlsx = await asXlsx(fixture("roster-60.csv"), path.join(TMP, "roster-60b.xlsx"));
    expect((await cli(["import-roster", xlsx], other)).stdout).toBe("60 rows: 60 created, 0 updated, 0 unchanged\n");
  });

  it("a file with 3 bad rows writes nothing and names the 3 rows with reasons", async () => {
    const other = { DATABASE_URL: await freshDatabaseUrl() };
    const result = await cli(["import-roster", fixture("roster-3-bad.csv")], other);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(/^row 4: birth_year "1890" is not a year from 1900 to \d{4}$/),
      "row 7: phone is not a Vietnamese phone number",
      'row 10: gender "X" is not F, M, Nữ or Nam',
      "import-roster: 3 bad row(s); nothing was written",
    ]);
    const check = await openDb(other.DATABASE_URL);
    expect(await check.member.count()).toBe(0);
    expect(await check.club.count()).toBe(0);
    await check.$disconnect();
  });

  it("refuses a file that is not CSV or XLSX, and a missing column, with one line", async () => {
    const wrong = await cli(["import-roster", path.join(ROOT, "README.md")], env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe("README.md: only .csv and .xlsx files are read\n");
    const noColumns = await cli(
      ["import-roster", path.join(ROOT, "test", "fixtures", "roster", "..", "..", "..", "package.json")],
      env,
    );
    expect(noColumns.code).toBe(1);
  });
});

describe("invite-codes", () => {
  it("prints a fresh one-time code for every member of the club not yet linked; old codes stop working", async () => {
    const env = { DATABASE_URL: await freshDatabaseUrl() };
    await cli(["import-roster", fixture("roster-60.csv")], env);
    const first = await cli(["invite-codes", "--club", "LS-HD-02"], env);
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split("\n");
    expect(lines[0]).toBe("member_id,full_name,phone,code");
    expect(lines).toHaveLength(61);
    const codes = lines.slice(1).map((l) => l.split(",").at(-1) as string);
    expect(codes.every((c) => /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(60);
    const db = await openDb(env.DATABASE_URL);
    expect(await db.inviteCode.count({ where: { usedAt: null, expiresAt: { gt: new Date() } } })).toBe(60);
    await cli(["invite-codes", "--club", "LS-HD-02"], env);
    expect(await db.inviteCode.count({ where: { usedAt: null, expiresAt: { gt: new Date() } } })).toBe(60);
    // Stored hashed: the clear code is nowhere in the database.
    expect(await db.inviteCode.count({ where: { codeHash: codes[0] } })).toBe(0);
    await db.$disconnect();
    const unknown = await cli(["invite-codes", "--club", "NOPE"], env);
    expect(unknown).toMatchObject({ code: 1, stderr: "no club with code NOPE\n" });
  });
});
