// A fresh database per test: a copy of the migrated template (a SQLite file, or a PostgreSQL
// database created from the template database when the run is on PostgreSQL).
import { randomUUID } from "node:crypto";
import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { POSTGRES_TEMPLATE, TEMPLATE_DB, TMP } from "./global-setup.ts";

/** True when this test run is on PostgreSQL (npm run test:pg). */
export const onPostgres = process.env.TEST_DATABASE === "postgres";

export async function freshDatabaseUrl(): Promise<string> {
  const admin = process.env.TEST_POSTGRES_ADMIN_URL;
  if (onPostgres) {
    if (!admin) throw new Error("TEST_DATABASE=postgres but the global setup started no cluster");
    const name = `t_${randomUUID().replaceAll("-", "")}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name} TEMPLATE ${POSTGRES_TEMPLATE}`);
    } finally {
      await client.end();
    }
    return admin.replace(/\/postgres$/, `/${name}`);
  }
  const dir = path.join(TMP, "db");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${randomUUID()}.db`);
  copyFileSync(TEMPLATE_DB, file);
  return `file:${file}`;
}
