// SQLite keeps the adapter's prepared statements (db/statement-cache.ts): a statement is prepared
// once however often it runs, and each run gets its own arguments and rows.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../../generated/prisma/client.ts";
import { type Db, openDb, write } from "../../src/db/client.ts";
import { execute, query } from "../../src/db/direct.ts";
import { freshDatabaseUrl, onPostgres } from "../support/db.ts";

describe.skipIf(onPostgres)("prepared statements on SQLite", () => {
  const prepared = new Map<string, number>();
  const prepare = Database.prototype.prepare;
  let db: Db;
  beforeAll(async () => {
    // Count what the driver really prepares, by text.
    Database.prototype.prepare = function (this: Database.Database, sql: string) {
      prepared.set(sql, (prepared.get(sql) ?? 0) + 1);
      return prepare.call(this, sql);
    } as typeof prepare;
    db = await openDb(await freshDatabaseUrl());
  });
  afterAll(async () => {
    Database.prototype.prepare = prepare;
    await db.$disconnect();
  });

  it("prepares a statement once; each run reads and writes with its own arguments", async () => {
    const names = ["Tỉnh Một", "Tỉnh Hai", "Tỉnh Ba"];
    await write(db, async (tx) => {
      for (const [i, name] of names.entries())
        await execute(tx, Prisma.sql`INSERT INTO "Province" ("id", "name") VALUES (${`p${i}`}, ${name})`);
    });
    const read = (id: string) => Prisma.sql`SELECT "name" FROM "Province" WHERE "id" = ${id}`;
    const found = await write(db, async (tx) => {
      const rows = [];
      for (const i of [2, 0, 1, 2]) rows.push(...(await query<{ name: string }>(tx, read(`p${i}`))));
      return rows.map((r) => r.name);
    });
    expect(found).toEqual(["Tỉnh Ba", "Tỉnh Một", "Tỉnh Hai", "Tỉnh Ba"]);
    // The query builder's statements too.
    for (const i of [0, 1, 2]) expect((await db.province.findUnique({ where: { id: `p${i}` } }))?.name).toBe(names[i]);

    expect(prepared.get(read("").sql)).toBe(1);
    expect(prepared.get('INSERT INTO "Province" ("id", "name") VALUES (?, ?)')).toBe(1);
    expect(prepared.get("BEGIN")).toBe(1);
    const builder = [...prepared].filter(([sql]) => sql.includes("`Province`") && sql.startsWith("SELECT"));
    expect(builder).toEqual([[expect.any(String), 1]]);
  });
});
