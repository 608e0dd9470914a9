// Multi-row INSERTs through the Prisma client: rows read back exactly as Prisma's own, dates compare
// with Prisma's (same stored form), and returned ids match their rows across statement chunks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertRows, insertRowsReturningIds } from "../../src/db/bulk.ts";
import { type Db, openDb, write } from "../../src/db/client.ts";
import { freshDatabaseUrl } from "../support/db.ts";

let db: Db;
beforeAll(async () => {
  db = await openDb(await freshDatabaseUrl());
});
afterAll(() => db.$disconnect());

describe("bulk inserts", () => {
  it("1,200 rows in chunks read back like Prisma's own, and their dates compare with Prisma's", async () => {
    const at = new Date("2026-12-15T01:02:03.456Z");
    await write(db, (tx) =>
      insertRows(
        tx,
        "OutboxMessage",
        Array.from({ length: 1200 }, (_, i) => ({
          channel: "webchat",
          chatId: `c${i}`,
          payload: JSON.stringify({ text: `xin chào ${i}` }),
          dedupeKey: `bulk:${i}`,
          nextAttemptAt: at,
          createdAt: at,
        })),
      ),
    );
    await write(db, (tx) =>
      tx.outboxMessage.create({
        data: { channel: "webchat", chatId: "p", payload: "{}", dedupeKey: "prisma", nextAttemptAt: at },
      }),
    );
    expect(await db.outboxMessage.count({ where: { nextAttemptAt: { gte: at, lte: at } } })).toBe(1201);
    expect(await db.outboxMessage.count({ where: { nextAttemptAt: { gt: at } } })).toBe(0);
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: "bulk:1199" } });
    expect(row).toMatchObject({ chatId: "c1199", status: "pending", attempts: 0, priority: 0, nextAttemptAt: at, createdAt: at });
    expect(JSON.parse(row.payload)).toEqual({ text: "xin chào 1199" });
  });

  it("returns each new row's id with its key, in order, across chunks", async () => {
    const due = new Date("2026-12-15T00:00:00Z");
    const made = await write(db, (tx) =>
      insertRowsReturningIds(
        tx,
        "ReminderEvent",
        Array.from({ length: 700 }, (_, i) => ({ reminderId: 10_000 + i, dueAt: due, status: "sent" })),
        "reminderId",
      ),
    );
    expect(made.map((m) => m.key)).toEqual(Array.from({ length: 700 }, (_, i) => 10_000 + i));
    const stored = await db.reminderEvent.findMany({ where: { id: { in: made.map((m) => m.id) } } });
    expect(new Map(stored.map((e) => [e.id, e.reminderId]))).toEqual(new Map(made.map((m) => [m.id, m.key])));
  });

  it("a duplicate key fails the whole statement: nothing half-written", async () => {
    const rows = [
      { channel: "webchat", chatId: "d1", payload: "{}", dedupeKey: "dup:1", nextAttemptAt: new Date(), createdAt: new Date() },
      { channel: "webchat", chatId: "d2", payload: "{}", dedupeKey: "dup:1", nextAttemptAt: new Date(), createdAt: new Date() },
    ];
    await expect(write(db, (tx) => insertRows(tx, "OutboxMessage", rows))).rejects.toThrow();
    expect(await db.outboxMessage.count({ where: { chatId: { in: ["d1", "d2"] } } })).toBe(0);
  });
});
