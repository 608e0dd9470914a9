// SQLite keeps the pages of deleted rows for reuse unless `auto_vacuum` is INCREMENTAL, which lets
// housekeeping hand them back to the disk. Both run on a connection of their own (better-sqlite3):
// Prisma's adapter steps a PRAGMA once, and `incremental_vacuum` frees one page per step.
import Database from "better-sqlite3";
import { sqliteFile } from "./backup.ts";

const INCREMENTAL = 2;

/** Switch a database to incremental auto-vacuum (one VACUUM, the first time only). */
export function makeSpaceReclaimable(databaseUrl: string): void {
  const db = new Database(sqliteFile(databaseUrl), { timeout: 5000 });
  try {
    if (Number(db.pragma("auto_vacuum", { simple: true })) === INCREMENTAL) return;
    db.pragma(`auto_vacuum = ${INCREMENTAL}`);
    db.exec("VACUUM");
  } finally {
    db.close();
  }
}

/** Give the free pages back to the disk; returns how many there were. */
export function reclaimFreePages(databaseUrl: string): number {
  const db = new Database(sqliteFile(databaseUrl), { timeout: 5000 });
  try {
    const free = Number(db.pragma("freelist_count", { simple: true }));
    if (free > 0) db.pragma("incremental_vacuum");
    return free;
  } finally {
    db.close();
  }
}
