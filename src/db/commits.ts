// Whether someone else committed since we last looked, for in-memory copies of database rows.
import { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "./client.ts";
import { sharedByInstances } from "./dialect.ts";
import { query } from "./direct.ts";

/**
 * A number that moves whenever another connection commits (SQLite's data_version), or undefined
 * when that cannot be known cheaply: with PostgreSQL other instances write all the time, so a
 * copy read before this transaction must be read again.
 */
export async function othersCommitMark(tx: Tx): Promise<number | undefined> {
  if (sharedByInstances()) return undefined;
  const [row] = await query<{ data_version: number | bigint }>(tx, Prisma.sql`PRAGMA data_version`);
  return Number(row?.data_version ?? 0);
}
