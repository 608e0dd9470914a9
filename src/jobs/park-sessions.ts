// Leave many chats waiting at one question (a reminder's or a meeting notice's answers), set-based:
// one update per state for the chats that have a session, one insert for those that don't.
import type { Tx } from "../db/client.ts";
import type { SessionState } from "../engine/types.ts";

/**
 * `groups`: account ids that take the same state (usually one group per language). Left without
 * `askVersion`, the state accepts any button of the notice. Returns each account's new session version.
 */
export async function parkSessions(
  tx: Tx,
  groups: Array<{ accountIds: string[]; state: SessionState }>,
  expiresAt: Date,
): Promise<Map<string, number>> {
  const all = groups.flatMap((g) => g.accountIds);
  const current = new Map(
    (await tx.session.findMany({ where: { accountId: { in: all } }, select: { accountId: true, version: true } })).map((s) => [
      s.accountId,
      s.version,
    ]),
  );
  for (const group of groups) {
    const state = JSON.stringify(group.state);
    await tx.session.updateMany({
      where: { accountId: { in: group.accountIds.filter((id) => current.has(id)) } },
      data: { state, version: { increment: 1 }, expiresAt },
    });
    await tx.session.createMany({
      data: group.accountIds.filter((id) => !current.has(id)).map((accountId) => ({ accountId, state, version: 1, expiresAt })),
    });
  }
  return new Map(all.map((id) => [id, (current.get(id) ?? 0) + 1]));
}

/** Pieces of at most `size` items, to stay under the database's bound-parameter limit. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
