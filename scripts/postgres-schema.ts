// The PostgreSQL schema is generated from prisma/schema.prisma (the one data model): same models,
// the postgresql provider, and native types where they matter — times as timestamptz, so a raw
// comparison with an ISO date means the same instant whatever the server's time zone.
// Usage: npm run db:postgres-schema (writes prisma/postgres/schema.prisma; a test fails on drift).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
export const SQLITE_SCHEMA = path.join(root, "prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join(root, "prisma", "postgres", "schema.prisma");

const HEADER =
  "// GENERATED from prisma/schema.prisma by scripts/postgres-schema.ts: edit that file, then run\n// `npm run db:postgres-schema`. PostgreSQL provider, timestamptz times.\n";

/** The PostgreSQL twin of a SQLite schema text (the current schema or a migration's snapshot). */
export function postgresSchema(sqlite: string): string {
  const out = sqlite
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/url\s*=\s*"file:[^"]*"/, 'url      = "postgresql://localhost:5432/tuongtro"')
    .replace(/output\s*=\s*"\.\.\/generated\/prisma"/, 'output     = "../../generated/prisma-pg"')
    .replace(
      /^(\s+\w+\s+DateTime\??)([^\n]*?)(\s*\/\/[^\n]*)?$/gm,
      (_m, field: string, attrs: string, comment = "") => `${field}${attrs} @db.Timestamptz(3)${comment}`,
    );
  if (!out.includes('provider = "postgresql"') || !out.includes("generated/prisma-pg")) {
    throw new Error("prisma/schema.prisma: datasource or generator not in the expected form");
  }
  return HEADER + out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  writeFileSync(POSTGRES_SCHEMA, postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
  process.stdout.write(`wrote ${path.relative(root, POSTGRES_SCHEMA)}\n`);
}
