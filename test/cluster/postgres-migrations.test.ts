// The PostgreSQL migrations, applied in order, build exactly the database the PostgreSQL schema
// describes (npm run test:pg): same tables, columns, types, defaults and indexes. A failing
// migration changes nothing and says which one failed.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { POSTGRES_SCHEMA } from "../../scripts/postgres-schema.ts";
import { type Db, openDb } from "../../src/db/client.ts";
import { migrate } from "../../src/db/migrate.ts";
import { MigrationFailed, migratePostgres, POSTGRES_MIGRATIONS } from "../../src/db/migrate-postgres.ts";
import { ROOT } from "../../src/root.ts";

import { onPostgres, postgresDatabase } from "../support/db.ts";

const open: Db[] = [];
afterAll(async () => {
  for (const db of open) await db.$disconnect();
});

async function shape(db: Db): Promise<string[]> {
  const columns = await db.$queryRawUnsafe<Array<{ line: string }>>(`
    SELECT (table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, ''))::text AS line
    FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_migrations'`);
  const indexes = await db.$queryRawUnsafe<Array<{ line: string }>>(`
    SELECT indexdef::text AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_migrations'`);
  const keys = await db.$queryRawUnsafe<Array<{ line: string }>>(`
    SELECT (conrelid::regclass::text || ' ' || pg_get_constraintdef(oid))::text AS line
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype = 'f'`);
  return [...columns, ...indexes, ...keys].map((r) => r.line).sort();
}

describe.skipIf(!onPostgres)("PostgreSQL migrations", () => {
  it("applied in order, they build what prisma/postgres/schema.prisma describes", async () => {
    const migrated = await postgresDatabase(`m_${randomUUID().replaceAll("-", "")}`);
    await migrate(migrated);
    const direct = await postgresDatabase(`d_${randomUUID().replaceAll("-", "")}`);
    const sql = execFileSync(
      path.join(ROOT, "node_modules", ".bin", "prisma"),
      ["migrate", "diff", "--from-empty", "--to-schema-datamodel", POSTGRES_SCHEMA, "--script"],
      { cwd: ROOT, encoding: "utf8" },
    );
    const a = await openDb(migrated);
    const b = await openDb(direct);
    open.push(a, b);
    await b.$executeRawUnsafe(sql);
    expect(await shape(a)).toEqual(await shape(b));
  }, 120_000);

  it("a migration that fails is rolled back whole, names itself, and stops the next ones", async () => {
    const url = await postgresDatabase(`f_${randomUUID().replaceAll("-", "")}`);
    // The real migrations, then a broken one and one after it, in a folder of the test's own.
    const dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
    cpSync(POSTGRES_MIGRATIONS, dir, { recursive: true });
    for (const [name, sql] of [
      ["29991231000000_test_broken", `CREATE TABLE "Half" ("id" TEXT);\nALTER TABLE "NoSuchTable" ADD COLUMN "x" TEXT;\n`],
      ["29991231000001_test_after", `CREATE TABLE "After" ("id" TEXT);\n`],
    ]) {
      mkdirSync(path.join(dir, name as string));
      writeFileSync(path.join(dir, name as string, "migration.sql"), sql as string);
    }
    const db = await openDb(url);
    open.push(db);
    const error = await migratePostgres(db, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationFailed);
    expect(String((error as Error).message)).toMatch(/29991231000000_test_broken failed and was rolled back/);
    const exists = async (table: string) =>
      (await db.$queryRawUnsafe<Array<{ t: string | null }>>(`SELECT to_regclass('"${table}"')::text AS t`))[0]?.t ?? null;
    expect(await exists("Half")).toBeNull();
    expect(await exists("After")).toBeNull();
    expect(await exists("Member")).toBe('"Member"');
    const recorded = await db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "_migrations" WHERE "name" LIKE '2999%'`);
    expect(recorded).toEqual([]);
  }, 120_000);
});
