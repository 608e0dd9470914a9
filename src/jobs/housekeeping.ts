// What would grow without end is pruned by age: processed-update ids (kept longer than Telegram and
// Zalo redeliver), sent and failed outbox rows (the web chat's transcripts among them), finished jobs,
// report files past their day, used or expired sign-in links and ended web sessions. SQLite then
// hands the freed pages back to the disk; PostgreSQL's autovacuum does the same by itself.
import type { Logger } from "pino";
import type { KeepDays } from "../config.ts";
import { type Db, write } from "../db/client.ts";
import { provider } from "../db/dialect.ts";
import { reclaimFreePages } from "../db/vacuum.ts";
import { pruneMessages } from "../domain/outbox/queue.ts";

const DAY = 86_400_000;
/** Links and sessions are kept a day past their end, for the audit of a sign-in that just failed. */
const ENDED_GRACE_MS = DAY;

/** A sweep for the scheduler: the rows pruned. */
export function housekeeping(db: Db, databaseUrl: string, keep: KeepDays, logger: Logger): (now: Date) => Promise<number> {
  return async (now) => {
    const before = (days: number) => new Date(now.getTime() - days * DAY);
    const ended = new Date(now.getTime() - ENDED_GRACE_MS);
    const pruned = await write(db, async (tx) => ({
      processedUpdates: (await tx.processedUpdate.deleteMany({ where: { at: { lt: before(keep.processedUpdates) } } })).count,
      outboxMessages: await pruneMessages(tx, before(keep.sentMessages)),
      jobs: (
        await tx.job.deleteMany({
          where: {
            OR: [
              { status: "done", doneAt: { lt: before(keep.finishedJobs) } },
              { status: "failed", createdAt: { lt: before(keep.finishedJobs) } },
            ],
          },
        })
      ).count,
      reportFiles: (await tx.reportFile.deleteMany({ where: { expiresAt: { lt: now } } })).count,
      webLinks: (await tx.webLink.deleteMany({ where: { expiresAt: { lt: ended } } })).count,
      webSessions: (
        await tx.webSession.deleteMany({ where: { OR: [{ expiresAt: { lt: ended } }, { revokedAt: { lt: ended } }] } })
      ).count,
    }));
    const total = Object.values(pruned).reduce((a, b) => a + b, 0);
    if (total > 0) {
      if (provider() === "sqlite") reclaimFreePages(databaseUrl);
      logger.info({ pruned }, "housekeeping: old rows pruned");
    }
    return total;
  };
}
