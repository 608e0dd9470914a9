// Enqueue timed work; jobs/scheduler runs it. A dedupe key makes enqueueing idempotent.
import type { Tx } from "../../db/client.ts";

export async function enqueueJob(
  tx: Tx,
  job: { kind: string; runAt: Date; payload: unknown; dedupeKey?: string },
): Promise<void> {
  if (job.dedupeKey && (await tx.job.findUnique({ where: { dedupeKey: job.dedupeKey } }))) return;
  await tx.job.create({
    data: { kind: job.kind, runAt: job.runAt, payload: JSON.stringify(job.payload), dedupeKey: job.dedupeKey },
  });
}
