// Several writes in one statement. PostgreSQL runs data-modifying statements as the parts of a WITH,
// in one round trip; they share a snapshot, so they must not touch the same rows (a batch's
// seen-marks, replies and sessions never do, nor the sender's claims and "sent" marks). SQLite has
// no such form, and its statements cost no round trip: it runs them one by one.
import { Prisma } from "../../generated/prisma/client.ts";
import { type Db, type Tx, write } from "./client.ts";
import { provider } from "./dialect.ts";
import { execute, query } from "./direct.ts";

export async function writeTogether(tx: Tx, statements: Prisma.Sql[]): Promise<void> {
  const last = statements.at(-1);
  if (!last) return;
  if (provider() !== "postgres" || statements.length === 1) {
    for (const statement of statements) await execute(tx, statement);
    return;
  }
  await execute(tx, withParts(statements, last));
}

/**
 * Writes that commit together, outside any transaction of the caller's, and the rows the last one
 * returns: on PostgreSQL one statement, which commits alone (no BEGIN, no COMMIT); on SQLite one transaction.
 */
export async function writeAtOnce<T>(db: Db, statements: Prisma.Sql[]): Promise<T[]> {
  const last = statements.at(-1);
  if (!last) return [];
  if (provider() === "postgres") return query<T>(db, withParts(statements, last));
  return write(db, async (tx) => {
    for (const statement of statements.slice(0, -1)) await execute(tx, statement);
    return query<T>(tx, last);
  });
}

/** The statements before `last` as the WITH parts of `last`. */
function withParts(statements: Prisma.Sql[], last: Prisma.Sql): Prisma.Sql {
  if (statements.length === 1) return last;
  const parts = statements.slice(0, -1).map((statement, i) => Prisma.sql`${Prisma.raw(`"w${i}"`)} AS (${statement})`);
  return Prisma.sql`WITH ${Prisma.join(parts)} ${last}`;
}
