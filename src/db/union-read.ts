// Several small reads in one statement: each part selects up to WIDTH columns as text, tagged with a
// kind, and the parts are joined with UNION ALL. A batch's reads of different tables then cost one
// round trip instead of one each; each owner module still writes its own part and reads its own rows.
// Dates come back with their zone: ISO text as SQLite stores it, timestamptz's text on PostgreSQL.
import { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "./client.ts";
import { query } from "./direct.ts";

/** Columns of every part after its kind. */
const WIDTH = 15;

export type Cell = string | null;

/** `SELECT '<kind>', <columns as text, padded with NULL> <from>`: one part of a union read. */
export function unionPart(kind: string, columns: Prisma.Sql[], from: Prisma.Sql): Prisma.Sql {
  if (columns.length > WIDTH) throw new Error(`a union part has at most ${WIDTH} columns`);
  const cells = Array.from({ length: WIDTH }, (_, i) => {
    const column = columns[i];
    return column ? Prisma.sql`CAST(${column} AS TEXT) AS ${Prisma.raw(`"c${i + 1}"`)}` : Prisma.raw(`NULL AS "c${i + 1}"`);
  });
  return Prisma.sql`SELECT ${Prisma.raw(`'${kind.replace(/'/g, "")}'`)} AS "k", ${Prisma.join(cells)} ${from}`;
}

/** Run the parts as one statement; each kind's rows as arrays of cells (c1 at index 0). */
export async function readUnion(tx: Tx, parts: Prisma.Sql[]): Promise<Map<string, Cell[][]>> {
  const byKind = new Map<string, Cell[][]>();
  if (parts.length === 0) return byKind;
  const rows = await query<Record<string, Cell>>(tx, Prisma.join(parts, " UNION ALL "));
  for (const row of rows) {
    const cells = Array.from({ length: WIDTH }, (_, i) => row[`c${i + 1}`] ?? null);
    const kind = row.k as string;
    const list = byKind.get(kind);
    if (list) list.push(cells);
    else byKind.set(kind, [cells]);
  }
  return byKind;
}
