// Applies pending migrations. SQLite: the Prisma CLI (`migrate deploy`), the same path operators
// use; it needs the database to itself, so it runs only when something is pending (operator commands
// work while the server has the database open). PostgreSQL: migrate-postgres.ts.
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { ROOT } from "../root.ts";
import { type Db, openDb } from "./client.ts";
import { provider, providerOf } from "./dialect.ts";
import { appliedPostgresMigrations, migratePostgres, postgresMigrationNames } from "./migrate-postgres.ts";
import { makeSpaceReclaimable } from "./vacuum.ts";

const run = promisify(execFile);
const MIGRATIONS = path.join(ROOT, "prisma", "migrations");

export async function migrate(databaseUrl: string): Promise<void> {
  if (providerOf(databaseUrl) === "postgres") {
    const db = await openDb(databaseUrl, { poolSize: 1 });
    try {
      await migratePostgres(db);
    } finally {
      await db.$disconnect();
    }
    return;
  }
  if ((await pendingMigrations(databaseUrl)).length > 0) {
    const prisma = path.join(ROOT, "node_modules", ".bin", "prisma");
    await run(prisma, ["migrate", "deploy"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl } });
  }
  makeSpaceReclaimable(databaseUrl);
}

/** Migration folders not yet recorded as finished in the database. */
export async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const db = await openDb(databaseUrl);
  try {
    return await pendingIn(db);
  } finally {
    await db.$disconnect();
  }
}

/** The same, on an open database (the server's readiness). */
export async function pendingIn(db: Db): Promise<string[]> {
  if (provider() === "postgres") {
    const applied = await appliedPostgresMigrations(db);
    return postgresMigrationNames().filter((d) => !applied.has(d));
  }
  const all = readdirSync(MIGRATIONS).filter((d) => /^\d/.test(d));
  try {
    const done = await db.$queryRawUnsafe<Array<{ migration_name: string }>>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Set(done.map((r) => r.migration_name));
    return all.filter((d) => !applied.has(d));
  } catch {
    return all; // no migrations table yet: a new database
  }
}
