// Backups of the SQLite database: SQLite's online backup (no pause for members while the server
// runs), checked with `PRAGMA integrity_check`; a restore checks the file and its schema first.
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { ROOT } from "../root.ts";

const MIGRATIONS = path.join(ROOT, "prisma", "migrations");

export class BackupError extends Error {}

/** The file behind a `file:` DATABASE_URL; PostgreSQL is backed up with its own tools. */
export function sqliteFile(databaseUrl: string): string {
  if (databaseUrl.startsWith("file:")) return path.resolve(databaseUrl.slice("file:".length));
  throw new BackupError(
    'backup: DATABASE_URL is not SQLite. For PostgreSQL run: pg_dump --format=custom --file <out> "$DATABASE_URL" (restore with pg_restore)',
  );
}

/** Copy the live database to `out` with SQLite's online backup, then check the copy. */
export async function backupDatabase(databaseUrl: string, out: string): Promise<{ pages: number }> {
  const source = new Database(sqliteFile(databaseUrl), { readonly: true, fileMustExist: true });
  try {
    const { totalPages } = await source.backup(out);
    // One self-contained file: no -wal/-shm beside the copy.
    const copy = new Database(out);
    copy.pragma("journal_mode = DELETE");
    copy.close();
    const problem = integrityProblem(out);
    if (problem) throw new BackupError(`backup: the copy fails integrity_check: ${problem}`);
    return { pages: totalPages };
  } finally {
    source.close();
  }
}

/** undefined when the file is a sound SQLite database, else what is wrong. */
export function integrityProblem(file: string): string | undefined {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma("integrity_check") as Array<{ integrity_check: string }>;
    const result = rows.map((r) => r.integrity_check).join("; ");
    return result === "ok" ? undefined : result;
  } catch (error) {
    return (error as Error).message;
  } finally {
    db?.close();
  }
}

/** Migrations the backup has that this release does not know: it was made by a newer release. */
function unknownMigrations(file: string): string[] {
  const known = new Set(readdirSync(MIGRATIONS).filter((d) => /^\d/.test(d)));
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`).all() as Array<{
      migration_name: string;
    }>;
    return rows.map((r) => r.migration_name).filter((m) => !known.has(m));
  } catch {
    throw new BackupError("restore: the file has no migrations table: not a Tương Trợ database");
  } finally {
    db.close();
  }
}

/** The pid file a running server keeps beside its database. */
function serverPidFile(databaseUrl: string): string {
  return `${sqliteFile(databaseUrl)}.server.pid`;
}

export function markServerRunning(databaseUrl: string): () => void {
  const file = serverPidFile(databaseUrl);
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

/** The pid of a live server using the database, if any (a stale pid file is ignored). */
function runningServer(databaseUrl: string): number | undefined {
  const file = serverPidFile(databaseUrl);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, "utf8"));
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/** Put a checked backup in place of the database (the server must be stopped). */
export function restoreDatabase(databaseUrl: string, from: string): void {
  const target = sqliteFile(databaseUrl);
  const pid = runningServer(databaseUrl);
  if (pid !== undefined) throw new BackupError(`restore: a server (pid ${pid}) is using ${target}; stop it first`);
  if (!existsSync(from)) throw new BackupError(`restore: no file ${from}`);
  const problem = integrityProblem(from);
  if (problem) throw new BackupError(`restore: ${from} fails integrity_check: ${problem}`);
  const newer = unknownMigrations(from);
  if (newer.length > 0) throw new BackupError(`restore: ${from} was made by a newer release (migrations ${newer.join(", ")})`);
  for (const extra of [`${target}-wal`, `${target}-shm`]) if (existsSync(extra)) unlinkSync(extra);
  copyFileSync(from, target);
}
