// The outbox sender: after commit, deliver queued replies through each channel adapter.
// One lane per channel name (a bot): bots send side by side, each at its own rate, and a bot whose
// token was refused holds only its own rows. Within a lane: per chat strictly in order; across chats
// concurrently; retries with backoff; a lease so two senders (or a restarted one) never send the
// same row at once. Replies go before bulk rows (broadcasts): a reply queued during a broadcast
// stops the lane's pass from taking more chats, so the next pass starts with it. The pass's read, the
// claims and the "sent" marks are raw SQL: they run for every message sent, the query builder's
// compiler cost more than the statements.
import type { Logger } from "pino";
import { Prisma } from "../../generated/prisma/client.ts";
import { botOf, type ChannelAdapter, channelKind, type OutboundMessage, type SendResult } from "../channels/types.ts";
import { type Db, write } from "../db/client.ts";
import { Coalesced } from "../db/coalesce.ts";
import { query } from "../db/direct.ts";
import { dateOf, intOf, sqlDate } from "../db/raw.ts";
import { writeAtOnce } from "../db/together.ts";
import type { Metrics, SendOutcome } from "../metrics.ts";

export type OutboxOptions = {
  leaseMs?: number;
  maxAttempts?: number;
  batch?: number;
  concurrency?: number;
  intervalMs?: number;
};

/** What the sender needs of the bots: each one's adapter, and whether its token was refused. */
export type SenderChannels = {
  adapter(channel: string): ChannelAdapter | undefined;
  held(channel: string): boolean;
  tokenRefused(channel: string): Promise<void>;
};

type Row = { id: number; channel: string; chatId: string; payload: string; attempts: number };
/** A row to lease before it goes (`claim`), or to mark sent after. */
type Mark = { id: number; claim: boolean };
type PendingRow = Omit<Row, "id" | "attempts"> & {
  id: number | bigint;
  attempts: number | bigint;
  nextAttemptAt: string | Date;
  leaseUntil: string | Date | null;
};

/** One channel's sending: passes never overlap; `preempt` cuts the current pass short for a reply. */
type Lane = { running?: Promise<void>; again: boolean; preempt: boolean };

export class OutboxSender {
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly batch: number;
  private readonly concurrency: number;
  private readonly intervalMs: number;
  private readonly lanes = new Map<string, Lane>();
  private timer?: NodeJS.Timeout;
  private finding?: Promise<void>;
  private findAgain = false;
  /** Until start(): an instance that does not send (not the leader, jobs off) ignores kicks. */
  private stopped = true;
  /**
   * Claims and "sent" marks of the concurrent workers, a group at a time instead of one per row: on
   * PostgreSQL one statement, on SQLite one transaction.
   */
  readonly marks = new Coalesced<Mark, boolean>((marks) => this.markAll(marks));

  constructor(
    private readonly deps: {
      db: Db;
      channels: SenderChannels;
      logger: Logger;
      clock: () => Date;
      /** Counts sends by result. */
      metrics?: Metrics;
    },
    options: OutboxOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 15_000;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.batch = options.batch ?? 500;
    this.concurrency = options.concurrency ?? 32;
    this.intervalMs = options.intervalMs ?? 1000;
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.intervalMs);
    this.kick();
  }

  /** Stop the loop and wait for sends in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.idle();
  }

  /** Ask for a pass soon on every channel with rows waiting. `urgent`: a reply waits, cut passes short. */
  kick(urgent = false): void {
    if (this.stopped) return;
    for (const lane of this.lanes.values()) {
      if (!lane.running) continue;
      lane.again = true;
      if (urgent) lane.preempt = true;
    }
    if (this.finding) {
      this.findAgain = true;
      return;
    }
    this.finding = this.findChannels().finally(() => {
      this.finding = undefined;
    });
  }

  /** Passes until nothing is due, for tests and shutdown. */
  async flush(): Promise<void> {
    // A timer pass may start while ours runs and hold a row we then skip: wait for it too.
    for (;;) {
      await this.idle();
      let attempted = 0;
      for (const channel of await this.waitingChannels()) {
        if (!this.deps.channels.held(channel)) attempted += await this.runOnce(channel, this.lane(channel));
      }
      if (attempted === 0 && !this.busy()) return;
    }
  }

  private busy(): boolean {
    return this.finding !== undefined || [...this.lanes.values()].some((lane) => lane.running);
  }

  private async idle(): Promise<void> {
    while (this.busy()) await Promise.all([this.finding, ...[...this.lanes.values()].map((lane) => lane.running)]);
  }

  /** Start a lane for each channel with rows waiting. */
  private async findChannels(): Promise<void> {
    do {
      this.findAgain = false;
      try {
        for (const channel of await this.waitingChannels()) this.startLane(channel);
      } catch (error) {
        this.deps.logger.error({ err: (error as Error).message }, "outbox pass failed");
      }
    } while (this.findAgain && !this.stopped);
  }

  private async waitingChannels(): Promise<string[]> {
    // Raw: asked at every wake-up; the (status, channel) index answers it alone.
    const rows = await query<{ channel: string }>(
      this.deps.db,
      Prisma.sql`
      SELECT DISTINCT "channel" FROM "OutboxMessage" WHERE "status" = 'pending'`,
    );
    return rows.map((row) => row.channel);
  }

  private lane(channel: string): Lane {
    let lane = this.lanes.get(channel);
    if (!lane) {
      lane = { again: false, preempt: false };
      this.lanes.set(channel, lane);
    }
    return lane;
  }

  private startLane(channel: string): void {
    if (this.stopped || this.deps.channels.held(channel)) return;
    const lane = this.lane(channel);
    if (lane.running) {
      lane.again = true;
      return;
    }
    lane.running = this.laneLoop(channel, lane).finally(() => {
      lane.running = undefined;
    });
  }

  private async laneLoop(channel: string, lane: Lane): Promise<void> {
    const go = () => !this.stopped && !this.deps.channels.held(channel);
    do {
      lane.again = false;
      try {
        while (go() && (await this.runOnce(channel, lane)) > 0) {}
      } catch (error) {
        this.deps.logger.error({ err: (error as Error).message, bot: botOf(channel) }, "outbox pass failed");
      }
    } while (lane.again && go());
  }

  /** Send what is due now on one channel; returns how many rows were attempted. */
  private async runOnce(channel: string, lane: Lane): Promise<number> {
    const now = this.deps.clock();
    lane.preempt = false;
    const pending = await query<PendingRow>(
      this.deps.db,
      Prisma.sql`
      SELECT "id", "channel", "chatId", "payload", "attempts", "nextAttemptAt", "leaseUntil" FROM "OutboxMessage"
      WHERE "status" = 'pending' AND "channel" = ${channel}
      ORDER BY "priority" ASC, "id" ASC LIMIT ${this.batch}`,
    );
    // Only a chat's oldest pending row may go; if it is not due or leased, the chat waits.
    const byChat = new Map<string, Row[]>();
    const blockedChats = new Set<string>();
    for (const { nextAttemptAt, leaseUntil, ...raw } of pending) {
      const row = { ...raw, id: intOf(raw.id), attempts: intOf(raw.attempts) };
      if (blockedChats.has(row.chatId)) continue;
      const due = dateOf(nextAttemptAt) <= now && (!leaseUntil || dateOf(leaseUntil) <= now);
      if (!due) {
        blockedChats.add(row.chatId);
        continue;
      }
      byChat.set(row.chatId, [...(byChat.get(row.chatId) ?? []), row]);
    }
    const chats = [...byChat.values()];
    let attempted = 0;
    const going = () => !lane.preempt && !this.deps.channels.held(channel);
    const workers = Array.from({ length: Math.min(this.concurrency, chats.length) }, async () => {
      for (let rows = chats.shift(); rows && going(); rows = chats.shift()) attempted += await this.sendChat(rows);
    });
    await Promise.all(workers);
    return attempted;
  }

  /** Send a chat's rows in order, stopping at the first that fails. */
  private async sendChat(rows: Row[]): Promise<number> {
    let attempted = 0;
    for (const row of rows) {
      if (!(await this.claim(row))) return attempted;
      attempted += 1;
      const ok = await this.deliver(row);
      if (!ok) return attempted;
    }
    return attempted;
  }

  private claim(row: Row): Promise<boolean> {
    return this.marks.submit({ id: row.id, claim: true });
  }

  /**
   * Mark the sent rows sent, and lease the claimed rows no one else holds: true for each claimed row
   * now ours (and for each sent row). A row is claimed before it goes and marked after, never both at once.
   */
  private async markAll(marks: Mark[]): Promise<boolean[]> {
    const now = this.deps.clock();
    const claims = marks.flatMap((m) => (m.claim ? [m.id] : []));
    const sent = marks.flatMap((m) => (m.claim ? [] : [m.id]));
    const statements: Prisma.Sql[] = [];
    if (sent.length > 0)
      statements.push(Prisma.sql`
        UPDATE "OutboxMessage" SET "status" = 'sent', "sentAt" = ${sqlDate(now)}, "leaseUntil" = NULL, "attempts" = "attempts" + 1
        WHERE "id" IN (${Prisma.join(sent)})`);
    if (claims.length > 0)
      statements.push(Prisma.sql`
        UPDATE "OutboxMessage" SET "leaseUntil" = ${sqlDate(new Date(now.getTime() + this.leaseMs))}
        WHERE "id" IN (${Prisma.join(claims)}) AND "status" = 'pending' AND ("leaseUntil" IS NULL OR "leaseUntil" <= ${sqlDate(now)})
        RETURNING "id"`);
    // Only the claim returns rows: the ids now leased to us.
    const ours = new Set((await writeAtOnce<{ id: number | bigint }>(this.deps.db, statements)).map((row) => intOf(row.id)));
    return marks.map((m) => !m.claim || ours.has(m.id));
  }

  private async deliver(row: Row): Promise<boolean> {
    const adapter = this.deps.channels.adapter(row.channel);
    const result: SendResult = adapter
      ? await adapter.send(row.chatId, JSON.parse(row.payload) as OutboundMessage).catch((error: unknown) => ({
          ok: false as const,
          retryable: true,
          error: (error as Error).message,
        }))
      : noAdapter(row.channel);
    const labels = (result: SendOutcome) => ({ channel: channelKind(row.channel), result, bot: botOf(row.channel) });
    if (result.ok) {
      this.deps.metrics?.sends.inc(labels("ok"));
      await this.marks.submit({ id: row.id, claim: false });
      return true;
    }
    const db = this.deps.db;
    if (result.tokenRefused) {
      // Not this row's fault: it waits, untried, with every other row of the bot, for a new token.
      this.deps.metrics?.sends.inc(labels("refused"));
      await this.deps.channels.tokenRefused(row.channel);
      await write(db, (tx) => tx.outboxMessage.updateMany({ where: { id: row.id }, data: { leaseUntil: null } }));
      return false;
    }
    const now = this.deps.clock();
    const attempts = row.attempts + 1;
    const final = !result.retryable || attempts >= this.maxAttempts;
    this.deps.metrics?.sends.inc(labels(sendOutcome(result, final)));
    this.deps.logger.warn({ outbox: row.id, bot: botOf(row.channel), attempts, final, error: result.error }, "send failed");
    await write(db, async (tx) => {
      await tx.outboxMessage.update({
        where: { id: row.id },
        data: final
          ? { status: "failed", attempts, leaseUntil: null, lastError: result.error }
          : {
              attempts,
              leaseUntil: null,
              lastError: result.error,
              nextAttemptAt: new Date(now.getTime() + backoffMs(attempts, result.retryAfterMs)),
            },
      });
      if (result.chatGone) {
        // Blocked or unknown chat: stop sending to it until it writes again.
        await tx.channelAccount.updateMany({ where: { channel: row.channel, chatId: row.chatId }, data: { blockedAt: now } });
        await tx.outboxMessage.updateMany({
          where: { channel: row.channel, chatId: row.chatId, status: "pending" },
          data: { status: "failed", lastError: "chat gone" },
        });
      }
    });
    return false;
  }
}

/** A default channel that is off never comes back; a stored bot not read yet (or removed) is tried again. */
function noAdapter(channel: string): SendResult {
  const stored = botOf(channel) !== "default";
  return {
    ok: false,
    retryable: stored,
    error: stored ? `bot ${botOf(channel)} is not known here` : `channel ${channel} is off`,
  };
}

/** How a failed send is counted: a channel's 429, a chat that is gone, the last try, or one to retry. */
function sendOutcome(result: { retryAfterMs?: number; chatGone?: boolean }, final: boolean): SendOutcome {
  if (result.chatGone) return "blocked";
  if (final) return "failed";
  return result.retryAfterMs !== undefined ? "429" : "retried";
}

/** Exponential backoff from 1 s, capped at 5 minutes; a channel's retry-after wins. */
export function backoffMs(attempts: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  return Math.min(1000 * 2 ** (attempts - 1), 300_000);
}
