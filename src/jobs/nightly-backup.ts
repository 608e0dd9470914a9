// The nightly backup: after 02:00 in Vietnam, once a day, a dated copy in BACKUP_DIR; copies older
// than BACKUP_KEEP days are removed.
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { backupDatabase } from "../db/backup.ts";
import { vietnamClock, vietnamDay } from "../domain/time/vietnam-time.ts";
import { addDays, isoDay } from "../engine/dates.ts";

const BACKUP_HOUR = 2;
const NAME = /^tuongtro-(\d{4}-\d{2}-\d{2})\.db$/;

function backupFileName(day: string): string {
  return `tuongtro-${day}.db`;
}

/** A sweep for the scheduler: 1 when it wrote today's backup, else 0. */
export function nightlyBackup(databaseUrl: string, dir: string, keepDays: number): (now: Date) => Promise<number> {
  return async (now) => {
    const hour = vietnamClock(now).getUTCHours();
    const today = vietnamDay(now);
    const file = path.join(dir, backupFileName(isoDay(today)));
    if (hour < BACKUP_HOUR || existsSync(file)) return 0;
    mkdirSync(dir, { recursive: true });
    await backupDatabase(databaseUrl, file);
    const oldest = isoDay(addDays(today, -(keepDays - 1)));
    for (const name of readdirSync(dir)) {
      const day = name.match(NAME)?.[1];
      if (day && day < oldest) rmSync(path.join(dir, name));
    }
    return 1;
  };
}
