// The inbox's own rows for a whole batch of events, read and written a few statements per batch
// instead of a few per event: which updates were seen before, the chats' sessions, then at the end
// the seen-marks, the sessions and the replies in one multi-row statement each. An event's rows
// enter the batch only when the event succeeded, so a failed event leaves nothing behind here.
// Raw SQL through the Prisma client: the query builder's compiler costs more CPU than the statement
// itself on this path (bench/statements-per-update.ts counts what the hot path runs).
import { Prisma } from "../../generated/prisma/client.ts";
import type { InboundEvent, OutboundMessage } from "../channels/types.ts";
import { insertRows, newId, upsertRows } from "../db/bulk.ts";
import type { Tx } from "../db/client.ts";

export type StoredSession = { id: string; state: string; version: number; expiresAt: Date };

/** The session write of one event: its new state, or none (deleted after a failure). */
type SessionWrite = { accountId: string; previous?: StoredSession; next?: { state: string; version: number; expiresAt: Date } };

export class InboxBatch {
  private readonly seen = new Set<string>();
  private readonly sessions = new Map<string, StoredSession | null>();
  private readonly sessionWrites = new Map<string, SessionWrite>();
  private readonly processed: Array<{ channel: string; updateId: string }> = [];
  private readonly outbox: Array<{ channel: string; chatId: string; payload: string; dedupeKey: string }> = [];

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
    const rows = await this.tx.$queryRaw<
      Array<{ id: string; accountId: string; state: string; version: number | bigint; expiresAt: string }>
    >(
      Prisma.sql`SELECT "id", "accountId", "state", "version", "expiresAt" FROM "Session" WHERE "accountId" IN (${Prisma.join(wanted)})`,
    );
    for (const id of wanted) this.sessions.set(id, null);
    for (const row of rows) {
      this.sessions.set(row.accountId, {
        id: row.id,
        state: row.state,
        version: Number(row.version),
        expiresAt: new Date(row.expiresAt),
      });
    }
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
    messages: Array<{ message: OutboundMessage | { text: string }; dedupeKey: string }>,
  ): void {
    this.processed.push({ channel: event.channel, updateId: event.updateId });
    for (const { message, dedupeKey } of messages) {
      this.outbox.push({ channel: event.channel, chatId: event.chatId, payload: JSON.stringify(message), dedupeKey });
    }
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
    await insertRows(
      this.tx,
      "OutboxMessage",
      this.outbox.map((m) => ({ ...m, status: "pending", attempts: 0, priority: 0, nextAttemptAt: at, createdAt: at })),
    );
    await this.flushSessions();
  }

  /**
   * Deleted sessions in one statement, new and changed ones in one upsert. No version guard is needed
   * here: the batch read them inside this same transaction, after locking its chats (PostgreSQL,
   * db/chat-locks.ts); SQLite refuses to commit a write transaction whose snapshot another
   * connection has changed since (SQLITE_BUSY_SNAPSHOT).
   */
  private async flushSessions(): Promise<void> {
    const writes = [...this.sessionWrites.values()];
    const gone = writes.filter((w) => !w.next && w.previous).map((w) => w.accountId);
    if (gone.length > 0) {
      await this.tx.$executeRaw(Prisma.sql`DELETE FROM "Session" WHERE "accountId" IN (${Prisma.join(gone)})`);
    }
    const rows = writes.flatMap((w) =>
      w.next
        ? [{ id: this.sessions.get(w.accountId)?.id ?? newId(), accountId: w.accountId, ...w.next, updatedAt: this.now }]
        : [],
    );
    await upsertRows(this.tx, "Session", rows, "accountId", ["state", "version", "expiresAt", "updatedAt"]);
  }
}
