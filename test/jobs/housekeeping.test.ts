// Housekeeping on a real database (SQLite, and PostgreSQL under test:pg): rows past their age are
// pruned, newer ones and everything still pending are kept, and on SQLite the freed pages go back to
// the disk.
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openDb } from "../../src/db/client.ts";
import { housekeeping } from "../../src/jobs/housekeeping.ts";
import { createLogger } from "../../src/logger.ts";
import { freshDatabaseUrl, onPostgres } from "../support/db.ts";

const NOW = new Date("2026-12-15T03:00:00Z");
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const KEEP = { processedUpdates: 7, sentMessages: 30, finishedJobs: 30 };

let db: Db;
let url: string;
const logs: string[] = [];
const logger = createLogger(
  "info",
  new Writable({
    write(chunk, _e, done) {
      logs.push(String(chunk));
      done();
    },
  }),
);
beforeAll(async () => {
  url = await freshDatabaseUrl();
  db = await openDb(url);
});
afterAll(() => db?.$disconnect());

async function pages(): Promise<number> {
  const [row] = await db.$queryRawUnsafe<Array<{ page_count: number | bigint }>>("PRAGMA page_count");
  return Number(row?.page_count);
}

describe("housekeeping", () => {
  it("prunes what is past its age and keeps the rest", async () => {
    await db.processedUpdate.createMany({
      data: [
        { channel: "telegram", updateId: "old", at: ago(8) },
        { channel: "telegram", updateId: "recent", at: ago(6) },
      ],
    });
    const message = (status: string, createdAt: Date, sentAt: Date | null, chatId: string) => ({
      channel: "webchat",
      chatId,
      payload: "{}",
      status,
      createdAt,
      sentAt,
    });
    await db.outboxMessage.createMany({
      data: [
        message("sent", ago(40), ago(31), "old-sent"),
        message("sent", ago(40), ago(29), "recent-sent"),
        message("failed", ago(31), null, "old-failed"),
        message("pending", ago(60), null, "still-pending"),
      ],
    });
    const job = (status: string, createdAt: Date, doneAt: Date | null, dedupeKey: string) => ({
      kind: "test",
      runAt: createdAt,
      payload: "{}",
      status,
      createdAt,
      doneAt,
      dedupeKey,
    });
    await db.job.createMany({
      data: [
        job("done", ago(40), ago(31), "old-done"),
        job("done", ago(40), ago(29), "recent-done"),
        job("failed", ago(31), null, "old-failed"),
        job("pending", ago(60), null, "still-pending"),
      ],
    });
    const file = (id: string, expiresAt: Date) => ({
      id,
      accountId: "a",
      filename: "f",
      mime: "image/png",
      bytes: new Uint8Array(4),
      expiresAt,
    });
    await db.reportFile.createMany({ data: [file("expired", ago(0.01)), file("live", new Date(NOW.getTime() + DAY))] });
    await db.webLink.createMany({
      data: [
        { tokenHash: "old-link", memberId: "m", expiresAt: ago(2) },
        { tokenHash: "fresh-link", memberId: "m", expiresAt: ago(0.5) },
      ],
    });
    await db.webSession.createMany({
      data: [
        { tokenHash: "expired", memberId: "m", csrf: "c", expiresAt: ago(2) },
        { tokenHash: "revoked", memberId: "m", csrf: "c", expiresAt: new Date(NOW.getTime() + DAY), revokedAt: ago(2) },
        { tokenHash: "open", memberId: "m", csrf: "c", expiresAt: new Date(NOW.getTime() + DAY) },
      ],
    });

    expect(await housekeeping(db, url, KEEP, logger)(NOW)).toBe(9);
    expect((await db.processedUpdate.findMany()).map((r) => r.updateId)).toEqual(["recent"]);
    expect((await db.outboxMessage.findMany({ orderBy: { id: "asc" } })).map((r) => r.chatId)).toEqual([
      "recent-sent",
      "still-pending",
    ]);
    expect((await db.job.findMany({ orderBy: { id: "asc" } })).map((r) => r.dedupeKey)).toEqual(["recent-done", "still-pending"]);
    expect((await db.reportFile.findMany()).map((r) => r.id)).toEqual(["live"]);
    expect((await db.webLink.findMany()).map((r) => r.tokenHash)).toEqual(["fresh-link"]);
    expect((await db.webSession.findMany()).map((r) => r.tokenHash)).toEqual(["open"]);
    // The log line names tables and counts, nothing of the rows.
    expect(logs.join("")).toMatch(/"processedUpdates":1/);
    // Nothing left to prune: a second pass deletes nothing.
    expect(await housekeeping(db, url, KEEP, logger)(NOW)).toBe(0);
  });

  it.runIf(!onPostgres)("on SQLite, the space of pruned rows goes back to the disk", async () => {
    const big = "x".repeat(8_000);
    await db.outboxMessage.createMany({
      data: Array.from({ length: 2_000 }, (_, i) => ({
        channel: "webchat",
        chatId: `bulk-${i}`,
        payload: big,
        status: "sent",
        sentAt: ago(31),
      })),
    });
    const full = await pages();
    expect(await housekeeping(db, url, KEEP, logger)(NOW)).toBe(2_000);
    expect(await pages()).toBeLessThan(full / 4);
  });
});
