// The job loop on a real database: jobs due together run in one transaction with their "done" marks;
// one that throws is left out (its writes undone, its attempt counted and retried later) while the
// others' writes stand; a job held by another lease is not run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openDb, statementsSent } from "../../src/db/client.ts";
import { enqueueJob } from "../../src/domain/scheduling/enqueue-job.ts";
import { Scheduler } from "../../src/jobs/scheduler.ts";
import { createLogger } from "../../src/logger.ts";
import { freshDatabaseUrl } from "../support/db.ts";

let db: Db;
beforeAll(async () => {
  db = await openDb(await freshDatabaseUrl());
});
afterAll(() => db.$disconnect());

describe("the scheduler", () => {
  it("runs due jobs together; a throwing job undoes only its own writes and is tried again later", async () => {
    const now = new Date();
    await db.$transaction(async (tx) => {
      for (let i = 0; i < 30; i++) await enqueueJob(tx, { kind: "test.province", runAt: now, payload: { i } });
      // Held by another instance's lease: not this pass's.
      await enqueueJob(tx, { kind: "test.province", runAt: now, payload: { i: 99 }, dedupeKey: "held" });
    });
    await db.job.updateMany({ where: { dedupeKey: "held" }, data: { leaseUntil: new Date(now.getTime() + 60_000) } });
    const scheduler = new Scheduler({
      db,
      handlers: {
        "test.province": async (tx, payload) => {
          const { i } = payload as { i: number };
          // Every job writes before it may throw: the thrower's row must not stay.
          await tx.province.create({ data: { name: `Tỉnh ${i}` } });
          if (i === 7) throw new Error("job seven fails");
        },
      },
      logger: createLogger("silent"),
      clock: () => new Date(),
      onDone: () => {},
    });
    const before = statementsSent(db);
    expect(await scheduler.runOnce()).toBe(30);
    const after = statementsSent(db);
    // 30 jobs in two groups, a re-run of the group without the failed job, the claim, the failure mark.
    expect(after.transactions - before.transactions).toBeLessThanOrEqual(6);
    const names = (await db.province.findMany({ select: { name: true } })).map((p) => p.name);
    expect(names).toHaveLength(29);
    expect(names).not.toContain("Tỉnh 7");
    expect(await db.job.count({ where: { status: "done" } })).toBe(29);
    const seven = await db.job.findFirstOrThrow({ where: { status: "pending", dedupeKey: null } });
    expect(seven).toMatchObject({ attempts: 1, lastError: "job seven fails", leaseUntil: null });
    expect(JSON.parse(seven.payload)).toEqual({ i: 7 });
    expect(seven.runAt.getTime()).toBeGreaterThan(now.getTime());
    expect(await db.job.findFirstOrThrow({ where: { dedupeKey: "held" } })).toMatchObject({ status: "pending", attempts: 0 });
  });
});
