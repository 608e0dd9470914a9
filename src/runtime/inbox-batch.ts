// The inbox's own rows for a whole batch of events, read and written a few statements per batch
// instead of a few per event: which updates were seen before, the chats' sessions, then at the end
// the seen-marks, the sessions and the replies in one multi-row statement each. An event's rows
// enter the batch only when the event succeeded, so a failed event leaves nothing behind here.
// Raw SQL through the Prisma client: the query builder's compiler costs more CPU than the statement
// itself on this path (bench/statements-per-update.ts counts what the hot path runs).
import { Prisma } from "../../generated/prisma/client.ts";
import type { InboundEvent, OutboundMessage } from "../channels/types.ts";
import { insertRows, newId } from "../db/bulk.ts";
import type { Tx } from "../db/client.ts";
import { type ChatMessages, queueAll } from "../domain/outbox/queue.ts";
import { readSessions, type StoredSession, saveSessions } from "../domain/sessions/sessions.ts";

/** The session write of one event: its new state, or none (deleted after a failure). */
type SessionWrite = { accountId: string; previous?: StoredSession; next?: { state: string; version: number; expiresAt: Date } };

export class InboxBatch {
  private readonly seen = new Set<string>();
  private readonly sessions = new Map<string, StoredSession | null>();
  private readonly sessionWrites = new Map<string, SessionWrite>();
  private readonly processed: Array<{ channel: string; updateId: string }> = [];
  private readonly replies: ChatMessages[] = [];

  constructor(
    private readonly tx: Tx,
    private readonly now: Date,
  ) {}

  /** One statement per channel: which of these updates were handled in an earlier batch. */
  async loadSeen(events: InboundEvent[]): Promise<void> {
    for (const channel of new Set(events.map((e) => e.channel))) {
      const ids = events.filter((e) => e.channel === channel).map((e) => e.updateId);
      const rows = await this.tx.$queryRaw<Array<{ updateId: string }>>(
        Prisma.sql`SELECT "updateId" FROM "ProcessedUpdate" WHERE "channel" = ${channel} AND "updateId" IN (${Prisma.join(ids)})`,
      );
      for (const row of rows) this.seen.add(`${channel}:${row.updateId}`);
    }
  }

  /** True the first time an update is offered in this batch and it was never handled before. */
  isNew(event: InboundEvent): boolean {
    const key = `${event.channel}:${event.updateId}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  /** One statement: the sessions of accounts already known, before their events run. */
  async loadSessions(accountIds: string[]): Promise<void> {
    const wanted = accountIds.filter((id) => !this.sessions.has(id));
    if (wanted.length === 0) return;
    const found = await readSessions(this.tx, wanted);
    for (const id of wanted) this.sessions.set(id, found.get(id) ?? null);
  }

  /** The chat's session as this batch left it (loading it if the account was new to the batch). */
  async session(accountId: string): Promise<StoredSession | undefined> {
    if (!this.sessions.has(accountId)) await this.loadSessions([accountId]);
    return this.sessions.get(accountId) ?? undefined;
  }

  /** Record a successful event: its seen-mark, its session and its replies. */
  commitEvent(
    event: InboundEvent,
    accountId: string | undefined,
    next: { state: string; version: number; expiresAt: Date } | "delete" | undefined,
    messages: OutboundMessage[],
  ): void {
    this.processed.push({ channel: event.channel, updateId: event.updateId });
    // Keyed by the update, so a retried batch cannot double them.
    if (messages.length > 0) this.replies.push({ chat: event, messages, dedupe: `reply:${event.channel}:${event.updateId}` });
    if (!accountId || next === undefined) return;
    const current = this.sessions.get(accountId) ?? undefined;
    const write = this.sessionWrites.get(accountId) ?? { accountId, previous: current };
    if (next === "delete") {
      write.next = undefined;
      this.sessions.set(accountId, null);
    } else {
      write.next = next;
      this.sessions.set(accountId, { id: current?.id ?? newId(), ...next });
    }
    this.sessionWrites.set(accountId, write);
  }

  /** Write everything the batch's events produced: a handful of statements for the whole batch. */
  async flush(): Promise<void> {
    const at = this.now;
    await insertRows(
      this.tx,
      "ProcessedUpdate",
      this.processed.map((p) => ({ ...p, at })),
    );
    await queueAll(this.tx, this.replies, at);
    await this.flushSessions();
  }

  private async flushSessions(): Promise<void> {
    const writes = [...this.sessionWrites.values()];
    const gone = writes.filter((w) => !w.next && w.previous).map((w) => w.accountId);
    const kept = writes.flatMap((w) =>
      w.next ? [{ id: this.sessions.get(w.accountId)?.id, accountId: w.accountId, ...w.next }] : [],
    );
    await saveSessions(this.tx, gone, kept, this.now);
  }
}
