// Many rows in one INSERT statement. Prisma's createMany spends CPU per row in its query compiler;
// a parameterised multi-row INSERT through the same client costs a fraction of that. For the
// transactions that write thousands of rows at once (a reminder tick, a broadcast).
import { randomUUID } from "node:crypto";
import { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "./client.ts";
import { execute, query } from "./direct.ts";
import { sqlValue } from "./raw.ts";

type Value = string | number | null | Date;
type Row = Record<string, Value>;

/** Rows per statement: 500 rows of up to 12 columns stay well under SQLite's parameter limit. */
const ROWS_PER_STATEMENT = 500;

/** Pieces of at most `size` items, to stay under the database's bound-parameter limit. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `INSERT INTO table (columns) VALUES (…), (…)`: names come from our code, values are parameters. */
function insert(table: string, rows: Row[]): Prisma.Sql {
  const columns = Object.keys(rows[0] as Row);
  const head = Prisma.raw(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `);
  const values = rows.map((row) => Prisma.sql`(${Prisma.join(columns.map((c) => sqlValue(row[c] ?? null)))})`);
  return Prisma.sql`${head}${Prisma.join(values)}`;
}

/** The statements that insert rows that all have the same columns (none for no rows), to send as a caller chooses. */
export function insertStatements(table: string, rows: Row[]): Prisma.Sql[] {
  return chunks(rows, ROWS_PER_STATEMENT).map((part) => insert(table, part));
}

/** The statements that insert rows, leaving out those whose `key` (a unique column) another row holds already, in the table or before them. */
export function insertIgnoringStatements(table: string, rows: Row[], key: string): Prisma.Sql[] {
  const skip = Prisma.raw(` ON CONFLICT ("${key}") DO NOTHING`);
  return insertStatements(table, rows).map((statement) => Prisma.sql`${statement}${skip}`);
}

/** The statements that insert rows, or update `update` columns of the row already holding the same `key` (a unique column). */
export function upsertStatements(table: string, rows: Row[], key: string, update: string[]): Prisma.Sql[] {
  const set = Prisma.raw(` ON CONFLICT ("${key}") DO UPDATE SET ${update.map((c) => `"${c}" = excluded."${c}"`).join(", ")}`);
  return insertStatements(table, rows).map((statement) => Prisma.sql`${statement}${set}`);
}

/** Insert rows that all have the same columns. Defaults Prisma fills in (ids, createdAt) must be given. */
export async function insertRows(tx: Tx, table: string, rows: Row[]): Promise<void> {
  for (const statement of insertStatements(table, rows)) await execute(tx, statement);
}

/** The same, returning each new row's integer id and one more integer column, in insertion order. */
export async function insertRowsReturningIds(
  tx: Tx,
  table: string,
  rows: Row[],
  key: string,
): Promise<Array<{ id: number; key: number }>> {
  const out: Array<{ id: number; key: number }> = [];
  for (const part of chunks(rows, ROWS_PER_STATEMENT)) {
    if (part.length === 0) continue;
    const returned = await query<{ id: number | bigint; key: number | bigint }>(
      tx,
      Prisma.sql`${insert(table, part)} RETURNING "id" AS "id", ${Prisma.raw(`"${key}"`)} AS "key"`,
    );
    out.push(...returned.map((r) => ({ id: Number(r.id), key: Number(r.key) })));
  }
  return out;
}

/** Insert one row of a table with an integer id, returning the id: one statement, without the query builder's compiler. */
export async function insertReturningId(tx: Tx, table: string, row: Row): Promise<number> {
  const [returned] = await query<{ id: number | bigint }>(tx, Prisma.sql`${insert(table, [row])} RETURNING "id"`);
  if (!returned) throw new Error(`no id returned by the insert into ${table}`);
  return Number(returned.id);
}

/** A fresh id for models whose id Prisma would generate (`@default(cuid())`). */
export const newId = () => randomUUID();
