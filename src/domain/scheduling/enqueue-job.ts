// Enqueue timed work; jobs/scheduler runs it. A dedupe key makes enqueueing idempotent. Inside an inbox
// batch the jobs wait for the batch's end and go in one statement (src/db/deferred-rows.ts).
import type { Prisma } from "../../../generated/prisma/client.ts";
import { insertIgnoringStatements } from "../../db/bulk.ts";
import type { Tx } from "../../db/client.ts";
import { deferRow } from "../../db/deferred-rows.ts";
import { writeTogether } from "../../db/together.ts";

type NewJob = { kind: string; runAt: Date; payload: unknown; dedupeKey?: string };

function jobStatements(jobs: NewJob[]): Prisma.Sql[] {
  const at = new Date();
  return insertIgnoringStatements(
    "Job",
    jobs.map((job) => ({
      kind: job.kind,
      runAt: job.runAt,
      payload: JSON.stringify(job.payload),
      status: "pending",
      attempts: 0,
      dedupeKey: job.dedupeKey ?? null,
      createdAt: at,
    })),
    "dedupeKey",
  );
}

export async function enqueueJob(tx: Tx, job: NewJob): Promise<void> {
  if (!deferRow(tx, jobStatements, job)) await writeTogether(tx, jobStatements([job]));
}
