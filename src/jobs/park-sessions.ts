// Leave many chats waiting at one question (a reminder's or a meeting notice's answers), set-based:
// one update per state for the chats that have a session, one insert for those that don't.
// A chat in the middle of something else (a live question of another flow) is left alone: its next
// "2" belongs to that question, not to the notice.
import { insertRows, newId } from "../db/bulk.ts";
import type { Tx } from "../db/client.ts";
import type { SessionState } from "../engine/types.ts";

/** Questions a notice may take the place of: the main menu and other notices' answers. */
const IDLE_FLOWS = new Set(["main", "rsvp", "reminder_answer"]);

/**
 * `groups`: account ids that take the same state (usually one group per language). Left without
 * `askVersion`, the state accepts any button of the notice. Returns the new session version of each
 * account that was parked; busy accounts are not in it.
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
    sessions
      .filter((s) => {
        if (s.expiresAt <= now) return false;
        const state = JSON.parse(s.state) as SessionState;
        return state.waiting && !IDLE_FLOWS.has(state.flow);
      })
      .map((s) => s.accountId),
  );
  for (const group of groups) {
    const state = JSON.stringify(group.state);
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
