// A bench's database file under .tmp/: emptied before each run (with its -wal and -shm), and, when
// asked, migrated and opened.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { type Db, openDb } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { ROOT } from "../src/root.ts";

/** `.tmp/<folder>/<name>`, gone from disk, its folder made. */
export function freshFile(name: string, folder = "bench"): string {
  const dir = path.join(ROOT, ".tmp", folder);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  return file;
}

/** The same, migrated and open. */
export async function freshDatabase(name: string, folder?: string): Promise<{ url: string; db: Db }> {
  const url = `file:${freshFile(name, folder)}`;
  await migrate(url);
  return { url, db: await openDb(url) };
}
