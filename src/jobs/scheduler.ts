// The job loop: claim due jobs with a lease, run them in one transaction together with marking them
// done, so a crash (kill -9) rolls back their effects and they run again after restart — once. Jobs
// due together share a transaction (a burst of visit requests or readings sets off one job each); one
// that throws rolls the group back and the group runs again without it, as the inbox does with events.
import type { Logger } from "pino";
import { Prisma } from "../../generated/prisma/client.ts";
import { type Db, type Tx, write } from "../db/client.ts";
import { failsTheBatch, isWriteConflict } from "../db/dialect.ts";
import { query } from "../db/direct.ts";
import { sqlDate } from "../db/raw.ts";
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
type DueJob = { id: number; kind: string; payload: string; attempts: number };

/** Runs of a group that lost a deadlock to another instance, before its jobs count a failed attempt. */
const MAX_CONFLICT_RETRIES = 3;

/** Jobs run in one transaction at most: bounds how long a group holds the (SQLite) writer. */
const GROUP = 25;

/** One job of a group threw: the group is rolled back and runs again without it. */
class JobFailed extends Error {
  constructor(
    readonly job: DueJob,
    readonly error: unknown,
  ) {
    super("job failed");
  }
}

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
      select: { id: true, kind: true, payload: true, attempts: true },
    });
    let ran = 0;
    if (due.length > 0 && !this.stopped) {
      const lease = new Date(this.deps.clock().getTime() + this.leaseMs);
      const claimed = await this.claim(due, now, lease);
      ran = claimed.length;
      const plain = (job: DueJob) => typeof this.deps.handlers[job.kind] === "function";
      const grouped = claimed.filter(plain);
      for (let i = 0; i < grouped.length && !this.stopped; i += GROUP) await this.runGroup(grouped.slice(i, i + GROUP), lease);
      for (const job of claimed.filter((j) => !plain(j))) {
        if (this.stopped) break;
        await this.run(job, lease);
      }
    }
    if (ran + swept > 0) this.deps.onDone();
    return ran + swept;
  }

  /** One statement: lease every due job no one else holds; the ones this instance now holds. */
  private async claim(due: DueJob[], now: Date, lease: Date): Promise<DueJob[]> {
    const held = await write(this.deps.db, (tx) =>
      query<{ id: number | bigint }>(
        tx,
        Prisma.sql`
        UPDATE "Job" SET "leaseUntil" = ${sqlDate(lease)}
        WHERE "id" IN (${Prisma.join(due.map((j) => j.id))}) AND "status" = 'pending'
          AND ("leaseUntil" IS NULL OR "leaseUntil" <= ${sqlDate(now)})
        RETURNING "id"`,
      ),
    );
    const ids = new Set(held.map((row) => Number(row.id)));
    return due.filter((job) => ids.has(job.id));
  }

  /** Plain jobs in one transaction with their "done" marks; a job that throws is left out and its failure recorded. */
  private async runGroup(jobs: DueJob[], lease: Date): Promise<void> {
    const failed = new Map<DueJob, unknown>();
    for (let conflicts = 1; ; ) {
      const ok = jobs.filter((job) => !failed.has(job));
      if (ok.length === 0) break;
      try {
        await write(this.deps.db, async (tx) => {
          const now = this.deps.clock();
          for (const job of ok) {
            try {
              await (this.deps.handlers[job.kind] as JobHandler)(tx, JSON.parse(job.payload), now);
            } catch (error) {
              if (failsTheBatch(error)) throw error;
              throw new JobFailed(job, error);
            }
          }
          await this.markDone(tx, ok, lease, now);
        });
        break;
      } catch (error) {
        if (error instanceof JobFailed) {
          failed.set(error.job, error.error);
          continue;
        }
        if (isWriteConflict(error) && conflicts++ < MAX_CONFLICT_RETRIES) continue;
        // The group as a whole could not commit: each of its jobs counts a failed attempt.
        for (const job of ok) failed.set(job, error);
        break;
      }
    }
    for (const [job, error] of failed) await this.failed(job, error);
  }

  /** Only the holder of this lease may finish a job. */
  private async markDone(tx: Tx, jobs: DueJob[], lease: Date, now: Date): Promise<void> {
    const done = await tx.job.updateMany({
      where: { id: { in: jobs.map((j) => j.id) }, leaseUntil: lease },
      data: { status: "done", doneAt: now, leaseUntil: null },
    });
    if (done.count !== jobs.length) throw new Error("lease lost");
  }

  /** A job with slow reading: prepared before its own transaction, committed with its "done" mark. */
  private async run(job: DueJob, lease: Date): Promise<void> {
    const handler = this.deps.handlers[job.kind];
    try {
      if (!handler || typeof handler === "function") throw new Error(`no handler for job kind ${job.kind}`);
      const payload: unknown = JSON.parse(job.payload);
      const prepared = await handler.prepare(payload, this.deps.clock());
      await write(this.deps.db, async (tx) => {
        const now = this.deps.clock();
        await handler.commit(tx, payload, now, prepared);
        await this.markDone(tx, [job], lease, now);
      });
    } catch (error) {
      await this.failed(job, error);
    }
  }

  /** A failed attempt: tried again later, or failed for good after the last. */
  private async failed(job: DueJob, error: unknown): Promise<void> {
    const attempts = job.attempts + 1;
    const final = attempts >= this.maxAttempts;
    const message = error instanceof Error ? error.message : String(error);
    this.deps.logger.warn({ job: job.id, kind: job.kind, attempts, final, err: message }, "job failed");
    await write(this.deps.db, (tx) =>
      tx.job.update({
        where: { id: job.id },
        data: final
          ? { status: "failed", attempts, leaseUntil: null, lastError: message.slice(0, 300) }
          : {
              attempts,
              leaseUntil: null,
              lastError: message.slice(0, 300),
              runAt: new Date(this.deps.clock().getTime() + backoffMs(attempts)),
            },
      }),
    );
  }
}
