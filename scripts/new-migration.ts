// Makes a new migration offline, for both providers from the same snapshots: `prisma migrate dev`
// needs a shadow database, which the driver-adapter setup can't give, so the schema is diffed
// against the snapshot of the last migration — as SQLite (prisma/migrations) and, through the
// generated PostgreSQL twin of both, as PostgreSQL (prisma/postgres/migrations, same folder name).
// Usage: npm run db:new-migration -- <name>
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { POSTGRES_SCHEMA, postgresSchema, SQLITE_SCHEMA } from "./postgres-schema.ts";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  process.stderr.write("usage: npm run db:new-migration -- <name in snake_case>\n");
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, "..");
const snapshot = path.join(root, "prisma", "schema.last-migration.prisma");
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);

/** `prisma migrate diff` from the snapshot (or nothing) to the schema, as SQL. */
function diff(from: string | undefined, to: string): string {
  const source = from ? ["--from-schema-datamodel", from] : ["--from-empty"];
  return execFileSync(
    path.join(root, "node_modules", ".bin", "prisma"),
    ["migrate", "diff", ...source, "--to-schema-datamodel", to, "--script"],
    { cwd: root, encoding: "utf8" },
  );
}

const sqliteDir = path.join(root, "prisma", "migrations");
const hasMigrations = existsSync(sqliteDir) && readdirSync(sqliteDir).some((d) => /^\d/.test(d));
const sqlite = diff(hasMigrations ? snapshot : undefined, SQLITE_SCHEMA);
if (/^-- This is an empty migration/m.test(sqlite)) {
  process.stderr.write("schema unchanged: no migration written\n");
  process.exit(1);
}
// The PostgreSQL twins of the snapshot and of the schema, diffed the same way.
const work = mkdtempSync(path.join(tmpdir(), "migration-"));
const pgSnapshot = path.join(work, "snapshot.prisma");
if (hasMigrations) writeFileSync(pgSnapshot, postgresSchema(readFileSync(snapshot, "utf8")));
writeFileSync(POSTGRES_SCHEMA, postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
const postgres = diff(hasMigrations ? pgSnapshot : undefined, POSTGRES_SCHEMA);

for (const [dir, sql] of [
  [sqliteDir, sqlite],
  [path.join(root, "prisma", "postgres", "migrations"), postgres],
] as const) {
  const folder = path.join(dir, `${stamp}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "migration.sql"), sql);
  process.stdout.write(`wrote ${path.relative(root, folder)}/migration.sql\n`);
}
const lock = path.join(sqliteDir, "migration_lock.toml");
if (!existsSync(lock)) writeFileSync(lock, 'provider = "sqlite"\n');
copyFileSync(SQLITE_SCHEMA, snapshot);
process.stdout.write("then: npx prisma generate && npx prisma generate --schema prisma/postgres/schema.prisma\n");
