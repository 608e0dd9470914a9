// The inbox's own rows for a whole batch of events, read and written a few statements per batch
// instead of a few per event. First one statement: which updates were seen before, the chats'
// sessions, and the accounts of chats the actor cache does not hold. At the end the seen-marks, the
// sessions and the replies: one multi-row statement each on SQLite, all of them in one statement on
// PostgreSQL (db/together.ts). An event's rows enter the batch only when the event succeeded, so a
// failed event leaves nothing behind here. Raw SQL through the Prisma client: the query builder's
// compiler costs more CPU than the statement itself on this path (bench/statements-per-update.ts
// counts what the hot path runs).
import { Prisma } from "../../generated/prisma/client.ts";
import type { InboundEvent, OutboundMessage } from "../channels/types.ts";
import { insertStatements, newId } from "../db/bulk.ts";
import type { Tx } from "../db/client.ts";
import { writeTogether } from "../db/together.ts";
import { readUnion, unionPart } from "../db/union-read.ts";
import { type AccountsWhere, accountParts, accountsOf, type LoadedAccount } from "../domain/actors/actors.ts";
import { type ChatMessages, queueStatements } from "../domain/outbox/queue.ts";
import { type StoredSession, sessionPart, sessionsOf, sessionWrites } from "../domain/sessions/sessions.ts";

/** The session write of one event: its new state, or none (deleted after a failure). */
type SessionWrite = { accountId: string; previous?: StoredSession; next?: { state: string; version: number; expiresAt: Date } };

export class InboxBatch {
  private readonly seen = new Set<string>();
  /** The sessions of the batch's chats as read by `load` and left by the events since: a chat not here has none. */
  private readonly sessions = new Map<string, StoredSession>();
  private readonly sessionWrites = new Map<string, SessionWrite>();
  private readonly processed: Array<{ channel: string; updateId: string }> = [];
  private readonly replies: ChatMessages[] = [];

  constructor(
    private readonly tx: Tx,
    private readonly now: Date,
  ) {}

  /**
   * One statement for the batch's reads: which of these updates were handled in an earlier batch, the
   * sessions of the chats, and who is behind `unknownChats` (chats the actor cache does not hold).
   */
  async load(events: InboundEvent[], unknownChats: AccountsWhere[]): Promise<LoadedAccount[]> {
    const parts: Prisma.Sql[] = [];
    for (const channel of new Set(events.map((e) => e.channel))) {
      const mine = events.filter((e) => e.channel === channel);
      parts.push(
        unionPart(
          "u",
          [Prisma.raw('"channel"'), Prisma.raw('"updateId"')],
          Prisma.sql`FROM "ProcessedUpdate" WHERE "channel" = ${channel} AND "updateId" IN (${Prisma.join(mine.map((e) => e.updateId))})`,
        ),
        sessionPart(channel, [...new Set(mine.map((e) => e.userId))]),
      );
    }
    const rows = await readUnion(this.tx, [...parts, ...unknownChats.flatMap(accountParts)]);
    for (const [channel, updateId] of rows.get("u") ?? []) this.seen.add(`${channel}:${updateId}`);
    for (const [accountId, session] of sessionsOf(rows)) this.sessions.set(accountId, session);
    return accountsOf(rows);
  }

  /** True the first time an update is offered in this batch and it was never handled before. */
  isNew(event: InboundEvent): boolean {
    const key = `${event.channel}:${event.updateId}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  /**
   * The chat's session as this batch left it. `load` read the session of every chat of the batch, so
   * an account without one here has none (an account a turn of this batch created among them).
   */
  session(accountId: string): StoredSession | undefined {
    return this.sessions.get(accountId);
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
    const current = this.sessions.get(accountId);
    const write = this.sessionWrites.get(accountId) ?? { accountId, previous: current };
    if (next === "delete") {
      write.next = undefined;
      this.sessions.delete(accountId);
    } else {
      write.next = next;
      this.sessions.set(accountId, { id: current?.id ?? newId(), ...next });
    }
    this.sessionWrites.set(accountId, write);
  }

  /** Write everything the batch's events produced, and `deferred` (db/deferred-rows.ts): one statement on PostgreSQL, a few on SQLite. */
  async flush(deferred: Prisma.Sql[]): Promise<void> {
    const at = this.now;
    await writeTogether(this.tx, [
      ...deferred,
      ...insertStatements(
        "ProcessedUpdate",
        this.processed.map((p) => ({ ...p, at })),
      ),
      ...queueStatements(this.replies, at),
      ...this.sessionStatements(),
    ]);
  }

  private sessionStatements(): Prisma.Sql[] {
    const writes = [...this.sessionWrites.values()];
    const gone = writes.filter((w) => !w.next && w.previous).map((w) => w.accountId);
    const kept = writes.flatMap((w) =>
      w.next ? [{ id: this.sessions.get(w.accountId)?.id, accountId: w.accountId, ...w.next }] : [],
    );
    return sessionWrites(gone, kept, this.now);
  }
}
