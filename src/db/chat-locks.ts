// One chat's events are applied one at a time across instances: a batch first locks every chat it
// holds, for the length of its transaction. PostgreSQL: transaction-level advisory locks, taken in
// one statement in a fixed order (by hash) so two batches never wait for each other in a circle.
// SQLite needs none: one process, one writer.
import { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "./client.ts";
import { sharedByInstances } from "./dialect.ts";
import { query } from "./direct.ts";

/** Advisory locks in the (int, int) key space: 1 = chats (the migration lock is a single bigint key). */
const CHAT_LOCKS = 1;

export async function lockChats(tx: Tx, chatKeys: string[]): Promise<void> {
  if (!sharedByInstances() || chatKeys.length === 0) return;
  await query(
    tx,
    Prisma.sql`SELECT count(pg_advisory_xact_lock(${Prisma.raw(String(CHAT_LOCKS))}, h)) FROM
       (SELECT DISTINCT hashtext(k) AS h FROM unnest(ARRAY[${Prisma.join([...new Set(chatKeys)])}]::text[]) AS k ORDER BY h) AS keys`,
  );
}
