// The job loop: claim due jobs with a lease, run each in one transaction together with marking it
// done, so a crash (kill -9) rolls back its effects and the job runs again after restart — once.
import type { Logger } from "pino";
import { type Db, type Tx, write } from "../db/client.ts";
import { backoffMs } from "./outbox.ts";

export type JobHandler = (tx: Tx, payload: unknown, now: Date) => Promise<void>;
/**
 * A job with slow reading (a report): `prepare` runs before the transaction, so the single writer is
 * not held while it works; `commit` writes what it made, in the transaction that marks the job done.
 */
export type PreparedJob<P> = {
  prepare(payload: unknown, now: Date): Promise<P>;
  commit(tx: Tx, payload: unknown, now: Date, prepared: P): Promise<void>;
};
type AnyJob = JobHandler | PreparedJob<unknown>;

export type SchedulerOptions = { intervalMs?: number; leaseMs?: number; maxAttempts?: number; batch?: number };

export class Scheduler {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private readonly intervalMs: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly batch: number;

  constructor(
    private readonly deps: {
      db: Db;
      handlers: Record<string, AnyJob>;
      /** Work found by its own index each pass (health reminders), besides Job rows. */
      sweeps?: Array<(now: Date) => Promise<number>>;
      /** Sweeps run only while this holds (the instance that leads); jobs are claimed by lease anywhere. */
      sweepsWhen?: () => boolean;
      logger: Logger;
      clock: () => Date;
      onDone: () => void;
    },
    options: SchedulerOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 1000;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.batch = options.batch ?? 100;
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running || this.stopped) return;
    this.running = this.runOnce()
      .then(() => undefined)
      .catch((error: Error) => this.deps.logger.error({ err: error.message }, "job pass failed"))
      .finally(() => {
        this.running = undefined;
      });
  }

  /** Wait for a pass in progress (the timer's), then run one more: all that is due now has run. */
  async flush(): Promise<number> {
    await this.running;
    const ran = await this.runOnce();
    await this.running; // a timer tick that started meanwhile may hold a job ours skipped
    return ran;
  }

  /** Run every due job (and sweep) once; returns how many ran. */
  async runOnce(): Promise<number> {
    const now = this.deps.clock();
    let swept = 0;
    if (this.deps.sweepsWhen?.() !== false) for (const sweep of this.deps.sweeps ?? []) swept += await sweep(now);
    const due = await this.deps.db.job.findMany({
      where: { status: "pending", runAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lte: now } }] },
      orderBy: { runAt: "asc" },
      take: this.batch,
    });
    let ran = 0;
    for (const job of due) {
      if (this.stopped) break;
      const lease = new Date(this.deps.clock().getTime() + this.leaseMs);
      const claimed = await write(this.deps.db, (tx) =>
        tx.job.updateMany({
          where: { id: job.id, status: "pending", OR: [{ leaseUntil: null }, { leaseUntil: { lte: now } }] },
          data: { leaseUntil: lease },
        }),
      );
      if (claimed.count !== 1) continue;
      ran += 1;
      await this.run(job, lease);
    }
    if (ran + swept > 0) this.deps.onDone();
    return ran + swept;
  }

  private async run(job: { id: number; kind: string; payload: string; attempts: number }, lease: Date): Promise<void> {
    const handler = this.deps.handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      const payload: unknown = JSON.parse(job.payload);
      const prepared = typeof handler === "function" ? undefined : await handler.prepare(payload, this.deps.clock());
      await write(this.deps.db, async (tx) => {
        const now = this.deps.clock();
        if (typeof handler === "function") await handler(tx, payload, now);
        else await handler.commit(tx, payload, now, prepared);
        // Only the holder of this lease may finish the job.
        const done = await tx.job.updateMany({
          where: { id: job.id, leaseUntil: lease },
          data: { status: "done", doneAt: now, leaseUntil: null },
        });
        if (done.count !== 1) throw new Error("lease lost");
      });
    } catch (error) {
      const attempts = job.attempts + 1;
      const final = attempts >= this.maxAttempts;
      this.deps.logger.warn({ job: job.id, kind: job.kind, attempts, final, err: (error as Error).message }, "job failed");
      await write(this.deps.db, (tx) =>
        tx.job.update({
          where: { id: job.id },
          data: final
            ? { status: "failed", attempts, leaseUntil: null, lastError: (error as Error).message.slice(0, 300) }
            : {
                attempts,
                leaseUntil: null,
                lastError: (error as Error).message.slice(0, 300),
                runAt: new Date(this.deps.clock().getTime() + backoffMs(attempts)),
              },
        }),
      );
    }
  }
}
