// A fresh database per test: a copy of the migrated template (a SQLite file, or a PostgreSQL
// database created from the template database when the run is on PostgreSQL).
import { randomUUID } from "node:crypto";
import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { POSTGRES_TEMPLATE, TEMPLATE_DB, TMP } from "./global-setup.ts";
import { adminQuery } from "./postgres.ts";

/** True when this test run is on PostgreSQL (npm run test:pg). */
export const onPostgres = process.env.TEST_DATABASE === "postgres";

export async function freshDatabaseUrl(): Promise<string> {
  if (onPostgres) return postgresDatabase(`t_${randomUUID().replaceAll("-", "")}`, POSTGRES_TEMPLATE);
  const dir = path.join(TMP, "db");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${randomUUID()}.db`);
  copyFileSync(TEMPLATE_DB, file);
  return `file:${file}`;
}

/** A new database on the run's PostgreSQL cluster: a copy of `template`, or empty (no migrations). */
export async function postgresDatabase(name: string, template?: string): Promise<string> {
  const admin = process.env.TEST_POSTGRES_ADMIN_URL;
  if (!admin) throw new Error("no PostgreSQL cluster: run with npm run test:pg");
  await adminQuery(admin, `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ""}`);
  return admin.replace(/\/postgres$/, `/${name}`);
}
