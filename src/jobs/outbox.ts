// The outbox sender: after commit, deliver queued replies through each channel adapter.
// Per chat strictly in order; across chats concurrently; retries with backoff; a lease so two
// senders (or a restarted one) never send the same row at once. Replies go before bulk rows
// (broadcasts): a reply queued during a broadcast stops the pass from taking more chats, so the
// next pass starts with it.
import type { Logger } from "pino";
import type { ChannelAdapter, ChannelName, OutboundMessage, SendResult } from "../channels/types.ts";
import { type Db, write } from "../db/client.ts";
import { Coalesced } from "../db/coalesce.ts";
import type { Metrics, SendOutcome } from "../metrics.ts";

export type OutboxOptions = {
  leaseMs?: number;
  maxAttempts?: number;
  batch?: number;
  concurrency?: number;
  intervalMs?: number;
};

type Row = { id: number; channel: string; chatId: string; payload: string; attempts: number };

export class OutboxSender {
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly batch: number;
  private readonly concurrency: number;
  private readonly intervalMs: number;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private preempt = false;
  private stopped = false;
  /** Claims and "sent" marks of the concurrent workers, one transaction per group instead of one per row. */
  readonly claims = new Coalesced<number, boolean>((ids) => this.claimAll(ids));
  readonly sent = new Coalesced<number, true>((ids) => this.markSent(ids));

  constructor(
    private readonly deps: {
      db: Db;
      adapters: ReadonlyMap<ChannelName, ChannelAdapter>;
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
    await this.running;
  }

  /** Ask for a pass soon; passes never overlap. `urgent`: a reply waits, cut the current pass short. */
  kick(urgent = false): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      if (urgent) this.preempt = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
  }

  /** One pass until nothing is due, for tests and shutdown. */
  async flush(): Promise<void> {
    // A timer pass may start while ours runs and hold a row we then skip: wait for it too.
    for (;;) {
      await this.running;
      if ((await this.runOnce()) === 0 && !this.running) return;
    }
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        while (!this.stopped && (await this.runOnce()) > 0) {}
      } catch (error) {
        this.deps.logger.error({ err: (error as Error).message }, "outbox pass failed");
      }
    } while (this.again && !this.stopped);
  }

  /** Send what is due now; returns how many rows were attempted. */
  async runOnce(): Promise<number> {
    const now = this.deps.clock();
    this.preempt = false;
    const pending = await this.deps.db.outboxMessage.findMany({
      where: { status: "pending" },
      orderBy: [{ priority: "asc" }, { id: "asc" }],
      take: this.batch,
      select: { id: true, channel: true, chatId: true, payload: true, attempts: true, nextAttemptAt: true, leaseUntil: true },
    });
    // Only a chat's oldest pending row may go; if it is not due or leased, the chat waits.
    const byChat = new Map<string, Row[]>();
    const blockedChats = new Set<string>();
    for (const row of pending) {
      const chat = `${row.channel}:${row.chatId}`;
      if (blockedChats.has(chat)) continue;
      const due = row.nextAttemptAt <= now && (!row.leaseUntil || row.leaseUntil <= now);
      if (!due) {
        blockedChats.add(chat);
        continue;
      }
      byChat.set(chat, [...(byChat.get(chat) ?? []), row]);
    }
    const chats = [...byChat.values()];
    let attempted = 0;
    const workers = Array.from({ length: Math.min(this.concurrency, chats.length) }, async () => {
      for (let rows = chats.shift(); rows && !this.preempt; rows = chats.shift()) attempted += await this.sendChat(rows);
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
    return this.claims.submit(row.id);
  }

  /** Lease the rows no one else holds; true for each row now ours. */
  private async claimAll(ids: number[]): Promise<boolean[]> {
    const now = this.deps.clock();
    const claimed = await write(this.deps.db, (tx) =>
      tx.outboxMessage.updateManyAndReturn({
        where: { id: { in: ids }, status: "pending", OR: [{ leaseUntil: null }, { leaseUntil: { lte: now } }] },
        data: { leaseUntil: new Date(now.getTime() + this.leaseMs) },
        select: { id: true },
      }),
    );
    const ours = new Set(claimed.map((row) => row.id));
    return ids.map((id) => ours.has(id));
  }

  private async markSent(ids: number[]): Promise<true[]> {
    const now = this.deps.clock();
    await write(this.deps.db, (tx) =>
      tx.outboxMessage.updateMany({
        where: { id: { in: ids } },
        data: { status: "sent", sentAt: now, leaseUntil: null, attempts: { increment: 1 } },
      }),
    );
    return ids.map(() => true);
  }

  private async deliver(row: Row): Promise<boolean> {
    const adapter = this.deps.adapters.get(row.channel as ChannelName);
    const result: SendResult = adapter
      ? await adapter.send(row.chatId, JSON.parse(row.payload) as OutboundMessage).catch((error: unknown) => ({
          ok: false as const,
          retryable: true,
          error: (error as Error).message,
        }))
      : { ok: false, retryable: false, error: `channel ${row.channel} is off` };
    if (result.ok) {
      this.deps.metrics?.sends.inc({ channel: row.channel, result: "ok" });
      await this.sent.submit(row.id);
      return true;
    }
    const now = this.deps.clock();
    const db = this.deps.db;
    const attempts = row.attempts + 1;
    const final = !result.retryable || attempts >= this.maxAttempts;
    this.deps.metrics?.sends.inc({ channel: row.channel, result: sendOutcome(result, final) });
    this.deps.logger.warn({ outbox: row.id, channel: row.channel, attempts, final, error: result.error }, "send failed");
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
