// The one writer of Session rows: the inbox's batch reads and saves the sessions of its chats here,
// jobs leave chats waiting at their notices' questions here, and erasure drops sessions here.
import { Prisma } from "../../../generated/prisma/client.ts";
import { insertRows, newId, upsertStatements } from "../../db/bulk.ts";
import type { Tx } from "../../db/client.ts";
import { type Cell, unionPart } from "../../db/union-read.ts";
import { decodeState, encodeState, idleForNotices } from "../../engine/session-codec.ts";
import type { SessionState } from "../../engine/types.ts";

export type StoredSession = { id: string; state: string; version: number; expiresAt: Date };

/** The union part (db/union-read.ts, kind `s`) that reads the sessions of these chats of one channel. */
export function sessionPart(channel: string, userIds: string[]): Prisma.Sql {
  return unionPart(
    "s",
    ['s."accountId"', 's."id"', 's."state"', 's."version"', 's."expiresAt"'].map((column) => Prisma.raw(column)),
    Prisma.sql`FROM "Session" s JOIN "ChannelAccount" a ON a."id" = s."accountId"
      WHERE a."channel" = ${channel} AND a."externalUserId" IN (${Prisma.join(userIds)})`,
  );
}

/** The sessions read by `sessionPart`, by account id. */
export function sessionsOf(rows: Map<string, Cell[][]>): Map<string, StoredSession> {
  return new Map(
    (rows.get("s") ?? []).map((r) => [
      r[0] as string,
      { id: r[1] as string, state: r[2] as string, version: Number(r[3]), expiresAt: new Date(r[4] as string) },
    ]),
  );
}

/**
 * The statements that delete sessions and insert or change others (to send with the batch's other
 * writes, db/together.ts). No version guard is needed: the caller read them inside this same
 * transaction, after locking their chats (PostgreSQL, db/chat-locks.ts); SQLite refuses to commit a
 * write transaction whose snapshot another connection has changed since (SQLITE_BUSY_SNAPSHOT).
 */
export function sessionWrites(
  gone: string[],
  kept: Array<{ id?: string; accountId: string; state: string; version: number; expiresAt: Date }>,
  now: Date,
): Prisma.Sql[] {
  const rows = kept.map(({ id, ...session }) => ({ id: id ?? newId(), ...session, updatedAt: now }));
  return [
    ...(gone.length > 0 ? [Prisma.sql`DELETE FROM "Session" WHERE "accountId" IN (${Prisma.join(gone)})`] : []),
    ...upsertStatements("Session", rows, "accountId", ["state", "version", "expiresAt", "updatedAt"]),
  ];
}

/**
 * Leave many chats waiting at one question (a reminder's or a meeting notice's answers), set-based:
 * one update per state for the chats that have a session, one insert for those that don't. A chat in
 * the middle of something else (a live question of another flow) is left alone: its next "2" belongs
 * to that question, not to the notice. `groups`: account ids that take the same state (usually one
 * group per language). Returns the new session version of each account that was parked.
 */
export async function parkSessions(
  tx: Tx,
  groups: Array<{ accountIds: string[]; state: SessionState }>,
  expiresAt: Date,
  now: Date,
): Promise<Map<string, number>> {
  const all = groups.flatMap((g) => g.accountIds);
  const sessions = await tx.session.findMany({
    where: { accountId: { in: all } },
    select: { accountId: true, version: true, state: true, expiresAt: true },
  });
  const current = new Map(sessions.map((s) => [s.accountId, s.version]));
  const busy = new Set(
    sessions.filter((s) => s.expiresAt > now && !idleForNotices(decodeState(s.state))).map((s) => s.accountId),
  );
  for (const group of groups) {
    const state = encodeState(group.state);
    await tx.session.updateMany({
      where: { accountId: { in: group.accountIds.filter((id) => current.has(id) && !busy.has(id)) } },
      data: { state, version: { increment: 1 }, expiresAt },
    });
    await insertRows(
      tx,
      "Session",
      group.accountIds
        .filter((id) => !current.has(id))
        .map((accountId) => ({ id: newId(), accountId, state, version: 1, expiresAt, updatedAt: now })),
    );
  }
  return new Map(all.filter((id) => !busy.has(id)).map((id) => [id, (current.get(id) ?? 0) + 1]));
}

/** Drop sessions: these accounts', or those quoting a text (an erased member's name in a list shown). */
export async function dropSessions(tx: Tx, which: { accountIds: string[] } | { quoting: string }): Promise<void> {
  await tx.session.deleteMany({
    where: "accountIds" in which ? { accountId: { in: which.accountIds } } : { state: { contains: which.quoting } },
  });
}
