// Several writes to different tables in one statement. PostgreSQL runs data-modifying statements as
// the parts of a WITH, in one round trip; they share a snapshot, so they must not touch the same
// rows (a batch's seen-marks, replies and sessions never do). SQLite has no such form, and its
// statements cost no round trip: it runs them one by one.
import { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "./client.ts";
import { provider } from "./dialect.ts";
import { execute } from "./direct.ts";

export async function writeTogether(tx: Tx, statements: Prisma.Sql[]): Promise<void> {
  const last = statements.at(-1);
  if (!last) return;
  if (provider() !== "postgres" || statements.length === 1) {
    for (const statement of statements) await execute(tx, statement);
    return;
  }
  const parts = statements.slice(0, -1).map((statement, i) => Prisma.sql`${Prisma.raw(`"w${i}"`)} AS (${statement})`);
  await execute(tx, Prisma.sql`WITH ${Prisma.join(parts)} ${last}`);
}
