// Migrate one template database with the real migrations; each test copies it. SQLite by default
// (a file copied per test); with TEST_DATABASE=postgres (npm run test:pg) a real PostgreSQL cluster
// is started for the run and each test gets a database created from the migrated template.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { migrate } from "../../src/db/migrate.ts";
import { startPostgres } from "./postgres.ts";

export const TMP = path.resolve(import.meta.dirname, "..", "..", ".tmp");
export const TEMPLATE_DB = path.join(TMP, "template.db");
export const POSTGRES_TEMPLATE = "tuongtro_template";

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  mkdirSync(TMP, { recursive: true });
  if (process.env.TEST_DATABASE === "postgres") {
    const cluster = await startPostgres();
    await cluster.admin(`CREATE DATABASE ${POSTGRES_TEMPLATE}`);
    await migrate(cluster.url(POSTGRES_TEMPLATE));
    // Test workers start after this and inherit it.
    process.env.TEST_POSTGRES_ADMIN_URL = cluster.url("postgres");
    return () => cluster.stop();
  }
  rmSync(TEMPLATE_DB, { force: true });
  await migrate(`file:${TEMPLATE_DB}`);
  return undefined;
}
