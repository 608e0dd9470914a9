// The PostgreSQL schema and migrations are generated from the SQLite ones: they must not drift.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { POSTGRES_SCHEMA, postgresSchema, SQLITE_SCHEMA } from "../../scripts/postgres-schema.ts";
import { ROOT } from "../../src/root.ts";

const folders = (dir: string) =>
  readdirSync(path.join(ROOT, dir))
    .filter((d) => /^\d/.test(d))
    .sort();

describe("the PostgreSQL schema", () => {
  it("is prisma/schema.prisma turned into PostgreSQL, as checked in (npm run db:postgres-schema)", () => {
    expect(readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
  });

  it("stores every time as timestamptz and keeps money as BigInt", () => {
    const schema = readFileSync(POSTGRES_SCHEMA, "utf8");
    const times = schema.split("\n").filter((line) => /^\s+\w+\s+DateTime\??\s/.test(line));
    expect(times.length).toBeGreaterThan(30);
    for (const line of times) expect(line).toContain("@db.Timestamptz(3)");
    expect(schema).toMatch(/amount\s+BigInt/);
  });

  it("has a migration for each SQLite migration, under the same name", () => {
    expect(folders("prisma/postgres/migrations")).toEqual(folders("prisma/migrations"));
  });

  it("no schema change waits for a migration: the last snapshot, as PostgreSQL, diffs to nothing", () => {
    const work = mkdtempSync(path.join(tmpdir(), "pg-drift-"));
    const snapshot = path.join(work, "snapshot.prisma");
    writeFileSync(snapshot, postgresSchema(readFileSync(path.join(ROOT, "prisma", "schema.last-migration.prisma"), "utf8")));
    const sql = execFileSync(
      path.join(ROOT, "node_modules", ".bin", "prisma"),
      ["migrate", "diff", "--from-schema-datamodel", snapshot, "--to-schema-datamodel", POSTGRES_SCHEMA, "--script"],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(sql).toMatch(/^-- This is an empty migration/m);
  });
});
