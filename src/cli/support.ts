// What every operator command shares: the database for one command, options, CSV lines, bad rows.
import path from "node:path";
import { loadConfig } from "../config.ts";
import { type Db, openDb } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import { problemsText, type RowError } from "../domain/roster/row-errors.ts";
import { formatMoney } from "../i18n/format.ts";
import { loadLocales } from "../i18n/index.ts";
import { ROOT } from "../root.ts";

/** A roster or ledger file's rows; the spreadsheet reader loads only for the commands that read one. */
export async function readTable(file: string) {
  return (await import("../domain/roster/read-table.ts")).readTable(file);
}

/** Open the configured database (migrated) for one command, and close it after. */
export async function withDb(work: (db: Db) => Promise<number>): Promise<number> {
  const config = loadConfig();
  await migrate(config.databaseUrl);
  const db = await openDb(config.databaseUrl);
  try {
    return await work(db);
  } finally {
    await db.$disconnect();
  }
}

export function csvLine(cells: string[]): string {
  return cells.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(",");
}

/** The options a command cannot do without, in order: their values, or the one-line reason one is missing. */
export function requiredOptions<W extends [name: string, what: string][]>(
  args: string[],
  command: string,
  ...wanted: W
): { [K in keyof W]: string } {
  return wanted.map(([name, what]) => {
    const value = option(args, name);
    if (!value) throw new Error(`${command}: ${name} <${what}> is required`);
    return value;
  }) as { [K in keyof W]: string };
}

/** Every value given to a repeatable option: `--province A --province B`, or `--province A B`. */
export function optionValues(args: string[], name: string): string[] {
  const values: string[] = [];
  args.forEach((arg, i) => {
    if (arg !== name) return;
    for (let j = i + 1; j < args.length && !(args[j] as string).startsWith("--"); j++) values.push(args[j] as string);
  });
  return values;
}

export function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** An upload's bad rows on stderr, one line each in English, and the command's failure. */
export function reportBadRows(command: string, errors: RowError[]): number {
  const i18n = loadLocales(path.join(ROOT, "locales"));
  const t = (key: string, values?: Record<string, unknown>) => i18n.t("en", key, values);
  for (const e of errors) process.stderr.write(`row ${e.row}: ${problemsText(e, t, (vnd) => formatMoney(i18n, "en", vnd))}\n`);
  process.stderr.write(`${command}: ${errors.length} bad row(s); nothing was written\n`);
  return 1;
}
