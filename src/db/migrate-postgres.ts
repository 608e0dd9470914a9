// PostgreSQL migrations: the SQL in prisma/postgres/migrations (made offline from the same schema
// snapshots as SQLite's), applied through the Prisma client because `prisma migrate deploy` fails
// through the driver adapter. Each migration runs in one transaction with its record in
// "_migrations", under an advisory lock: instances starting together apply each migration once,
// and a failing migration is rolled back whole (PostgreSQL DDL is transactional).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../root.ts";
import type { Db } from "./client.ts";
import { MIGRATIONS_TABLES } from "./dialect.ts";

export const POSTGRES_MIGRATIONS = path.join(ROOT, "prisma", "postgres", "migrations");
/** Which migrations ran, with their checksums (ours: `prisma migrate deploy` does not run here). */
const MIGRATIONS_TABLE = MIGRATIONS_TABLES.postgres;
/** Any constant: the key every instance locks while it migrates. */
const MIGRATION_LOCK = 72_010_019;

export class MigrationFailed extends Error {
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(`migration ${migration} failed and was rolled back; the database is unchanged by it: ${(cause as Error).message}`);
  }
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (
  "name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now())`;

export function postgresMigrationNames(dir = POSTGRES_MIGRATIONS): string[] {
  return readdirSync(dir)
    .filter((d) => /^\d/.test(d))
    .sort();
}

/** Apply every migration of `dir` not yet recorded; returns the names applied by this call. */
export async function migratePostgres(db: Db, dir = POSTGRES_MIGRATIONS): Promise<string[]> {
  const applied: string[] = [];
  for (const name of postgresMigrationNames(dir)) {
    const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
    const ran = await db
      .$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
          await tx.$executeRawUnsafe(CREATE_TABLE);
          const done = await tx.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "${MIGRATIONS_TABLE}" WHERE "name" = $1`, name);
          if (done.length > 0) return false;
          await tx.$executeRawUnsafe(sql);
          await tx.$executeRawUnsafe(
            `INSERT INTO "${MIGRATIONS_TABLE}" ("name", "checksum") VALUES ($1, $2)`,
            name,
            createHash("sha256").update(sql).digest("hex"),
          );
          return true;
        },
        { maxWait: 60_000, timeout: 600_000 },
      )
      .catch((error: unknown) => {
        throw new MigrationFailed(name, error);
      });
    if (ran) applied.push(name);
  }
  return applied;
}

/** Names recorded as applied (none on a new database). */
export async function appliedPostgresMigrations(db: Db): Promise<Set<string>> {
  const exists = await db.$queryRawUnsafe<Array<{ t: string | null }>>(`SELECT to_regclass('"${MIGRATIONS_TABLE}"')::text AS t`);
  if (!exists[0]?.t) return new Set();
  const rows = await db.$queryRawUnsafe<Array<{ name: string }>>(`SELECT "name" FROM "${MIGRATIONS_TABLE}"`);
  return new Set(rows.map((r) => r.name));
}
