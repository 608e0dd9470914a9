// Prometheus metrics (prom-client), one registry per running app: what operators watch — updates
// and their processing time, queue depths, sends by result, job lag, broadcast progress. Never a
// phone, a name, an amount or a reading: labels are channels, outcomes and kinds only.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { botOf, channelKind } from "./channels/types.ts";
import { type Db, statementsSent } from "./db/client.ts";

export type UpdateOutcome = "handled" | "duplicate" | "rejected";
export type SendOutcome = "ok" | "retried" | "429" | "blocked" | "failed" | "refused";

export class Metrics {
  readonly registry = new Registry();
  readonly updates = new Counter({
    name: "tuongtro_updates_total",
    help: "Updates received, by channel, bot and outcome (handled, duplicate, rejected with 429)",
    labelNames: ["channel", "outcome", "bot"] as const,
    registers: [this.registry],
  });
  readonly processing = new Histogram({
    name: "tuongtro_update_processing_seconds",
    help: "From an update's arrival to its commit",
    labelNames: ["channel", "bot"] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly sends = new Counter({
    name: "tuongtro_sends_total",
    help: "Messages handed to a channel's API, by bot and result (ok, retried, 429, blocked, failed, refused: the token)",
    labelNames: ["channel", "result", "bot"] as const,
    registers: [this.registry],
  });

  /** An update's fate and, when it reached the database, how long it took. */
  update(channelName: string, outcome: UpdateOutcome, seconds?: number): void {
    const [channel, bot] = [channelKind(channelName), botOf(channelName)];
    this.updates.inc({ channel, outcome, bot });
    if (seconds !== undefined) this.processing.observe({ channel, bot }, seconds);
  }

  /** Gauges read when scraped: the inbox's backlog and what the database holds waiting. */
  watch(state: {
    db: Db;
    inboxBacklog: () => number;
    leads: () => boolean;
    clock: () => Date;
    /** The bots whose token the platform refused: their messages are held. */
    refusedBots: () => string[];
  }): void {
    const registers = [this.registry];
    // Counted at the driver adapter; read from there when scraped.
    for (const [name, help, kind] of [
      ["tuongtro_db_statements_total", "SQL statements sent to the database", "statements"],
      ["tuongtro_db_transactions_total", "Database transactions begun", "transactions"],
      ["tuongtro_db_update_statements_total", "SQL statements of the transactions that handle updates", "updateStatements"],
      ["tuongtro_db_update_transactions_total", "Transactions that handle updates", "updateTransactions"],
    ] as const) {
      new Counter({
        name,
        help,
        registers,
        collect() {
          this.reset();
          this.inc(statementsSent(state.db)[kind]);
        },
      });
    }
    // The main thread's delay since the last scrape (a long day's soak watches it stay flat).
    const loop = monitorEventLoopDelay({ resolution: 20 });
    loop.enable();
    new Gauge({
      name: "tuongtro_event_loop_delay_p99_seconds",
      help: "99th percentile of the event loop's delay since the last scrape",
      registers,
      collect() {
        this.set(loop.count > 0 ? loop.percentile(99) / 1e9 : 0);
        loop.reset();
      },
    });
    new Gauge({
      name: "process_resident_memory_bytes",
      help: "Resident memory of this process",
      registers,
      collect() {
        this.set(process.memoryUsage.rss());
      },
    });
    new Gauge({
      name: "tuongtro_leader",
      help: "1 on the instance that sends and sweeps (one per database), 0 on the others",
      registers,
      collect() {
        this.set(state.leads() ? 1 : 0);
      },
    });
    new Gauge({
      name: "tuongtro_inbox_backlog",
      help: "Updates waiting for the database",
      registers,
      collect() {
        this.set(state.inboxBacklog());
      },
    });
    new Gauge({
      name: "tuongtro_outbox_backlog",
      help: "Messages waiting to be sent, by channel, bot and priority (0 replies and notices, 1 broadcasts)",
      labelNames: ["channel", "priority", "bot"] as const,
      registers,
      async collect() {
        this.reset();
        const rows = await state.db.outboxMessage.groupBy({
          by: ["channel", "priority"],
          where: { status: "pending" },
          _count: true,
        });
        for (const r of rows)
          this.set({ channel: channelKind(r.channel), priority: String(r.priority), bot: botOf(r.channel) }, r._count);
      },
    });
    new Gauge({
      name: "tuongtro_bot_token_refused",
      help: "1 for a bot whose token the platform refused (401): its messages wait until the token is replaced",
      labelNames: ["channel", "bot"] as const,
      registers,
      collect() {
        this.reset();
        for (const channel of state.refusedBots()) this.set({ channel: channelKind(channel), bot: botOf(channel) }, 1);
      },
    });
    new Gauge({
      name: "tuongtro_job_lag_seconds",
      help: "How late the oldest due job of each kind is",
      labelNames: ["kind"] as const,
      registers,
      async collect() {
        this.reset();
        const now = state.clock();
        const rows = await state.db.job.groupBy({
          by: ["kind"],
          where: { status: "pending", runAt: { lte: now } },
          _min: { runAt: true },
        });
        for (const r of rows) this.set({ kind: r.kind }, (now.getTime() - (r._min.runAt?.getTime() ?? now.getTime())) / 1000);
      },
    });
    new Gauge({
      name: "tuongtro_broadcast_messages",
      help: "Messages of broadcasts being sent, by broadcast and state (sent, pending, failed)",
      labelNames: ["broadcast", "state"] as const,
      registers,
      async collect() {
        this.reset();
        const sending = await state.db.broadcast.findMany({ where: { status: "sending" }, select: { id: true } });
        const rows = await state.db.outboxMessage.groupBy({
          by: ["broadcastId", "status"],
          where: { broadcastId: { in: sending.map((b) => b.id) } },
          _count: { _all: true },
        });
        for (const r of rows) this.set({ broadcast: String(r.broadcastId), state: r.status }, r._count._all);
      },
    });
  }
}
