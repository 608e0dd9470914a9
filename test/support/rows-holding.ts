// The whole-database check an erasure must pass: every row of every table that still names the person.
import type { Db } from "../../src/db/client.ts";
import { onPostgres } from "./db.ts";

/** Every row of every table, as text, that holds any of `needles`. */
export async function rowsHolding(db: Db, needles: string[]): Promise<string[]> {
  const tables = await db.$queryRawUnsafe<Array<{ name: string }>>(
    onPostgres
      ? `SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public'`
      : `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
  );
  const found: string[] = [];
  for (const { name } of tables) {
    const rows = await db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${name}"`);
    for (const row of rows) {
      const text = JSON.stringify(row, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
      if (needles.some((n) => text.includes(n))) found.push(`${name}: ${text.slice(0, 160)}`);
    }
  }
  return found;
}
