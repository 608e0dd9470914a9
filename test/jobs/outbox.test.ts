// The outbox: per-chat order, retries with backoff, final failures, and other chats never held up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChannelAdapter, OutboundMessage, SendResult } from "../../src/channels/types.ts";
import { type Db, openDb } from "../../src/db/client.ts";
import { backoffMs, OutboxSender, type SenderChannels } from "../../src/jobs/outbox.ts";
import { createLogger } from "../../src/logger.ts";
import { freshDatabaseUrl } from "../support/db.ts";

/** A channel whose answers the test scripts: a queue of results per chat, then ok. */
class ScriptedChannel implements ChannelAdapter {
  readonly name = "webchat" as const;
  readonly sent: Array<{ chatId: string; text: string }> = [];
  readonly script = new Map<string, SendResult[]>();
  async send(chatId: string, message: OutboundMessage): Promise<SendResult> {
    const next = this.script.get(chatId)?.shift();
    if (next) return next;
    this.sent.push({ chatId, text: message.text });
    return { ok: true };
  }
}

/** The sender's view of one web chat adapter, never held. */
function only(adapter: ChannelAdapter): SenderChannels {
  return { adapter: (name) => (name === "webchat" ? adapter : undefined), held: () => false, tokenRefused: async () => {} };
}

let db: Db;
let now = new Date("2026-12-15T01:00:00Z");
const channel = new ScriptedChannel();
let sender: OutboxSender;

async function enqueue(chatId: string, texts: string[]) {
  await db.$transaction((tx) =>
    tx.outboxMessage.createMany({
      data: texts.map((text) => ({ channel: "webchat", chatId, payload: JSON.stringify({ text }), nextAttemptAt: now })),
    }),
  );
}

beforeAll(async () => {
  db = await openDb(await freshDatabaseUrl());
  sender = new OutboxSender(
    { db, channels: only(channel), logger: createLogger("silent"), clock: () => now },
    { maxAttempts: 3 },
  );
});
afterAll(() => db.$disconnect());

describe("outbox", () => {
  it("sends each chat's messages in order and retries after the backoff", async () => {
    channel.script.set("A", [{ ok: false, retryable: true, error: "network" }]);
    await enqueue("A", ["a1", "a2", "a3"]);
    await enqueue("B", ["b1", "b2"]);
    await sender.flush();
    // A's first send failed: A waits (order kept), B is not held up.
    expect(channel.sent.map((s) => s.text)).toEqual(["b1", "b2"]);
    now = new Date(now.getTime() + backoffMs(1) - 1);
    await sender.flush();
    expect(channel.sent).toHaveLength(2);
    now = new Date(now.getTime() + 1);
    await sender.flush();
    expect(channel.sent.filter((s) => s.chatId === "A").map((s) => s.text)).toEqual(["a1", "a2", "a3"]);
    const a1 = await db.outboxMessage.findFirstOrThrow({ where: { chatId: "A" }, orderBy: { id: "asc" } });
    expect(a1).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("honours retry-after and gives up after maxAttempts", async () => {
    channel.script.set("C", [
      { ok: false, retryable: true, retryAfterMs: 7000, error: "429" },
      { ok: false, retryable: true, error: "500" },
      { ok: false, retryable: true, error: "500" },
    ]);
    await enqueue("C", ["c1"]);
    await sender.flush();
    const row = await db.outboxMessage.findFirstOrThrow({ where: { chatId: "C" } });
    expect(row.nextAttemptAt.getTime() - now.getTime()).toBe(7000);
    now = new Date(now.getTime() + 7000);
    await sender.flush();
    now = new Date(now.getTime() + 60_000);
    await sender.flush();
    expect(await db.outboxMessage.findFirstOrThrow({ where: { chatId: "C" } })).toMatchObject({ status: "failed", attempts: 3 });
  });

  it("a gone chat fails its queue and marks the account blocked", async () => {
    await db.$transaction((tx) => tx.channelAccount.create({ data: { channel: "webchat", externalUserId: "D", chatId: "D" } }));
    channel.script.set("D", [{ ok: false, retryable: false, chatGone: true, error: "403 blocked" }]);
    await enqueue("D", ["d1", "d2"]);
    await sender.flush();
    const rows = await db.outboxMessage.findMany({ where: { chatId: "D" } });
    expect(rows.map((r) => r.status)).toEqual(["failed", "failed"]);
    expect((await db.channelAccount.findFirstOrThrow({ where: { externalUserId: "D" } })).blockedAt).not.toBeNull();
  });

  it("backoff doubles from 1 s and caps at 5 minutes", () => {
    expect([1, 2, 3, 10, 20].map((a) => backoffMs(a))).toEqual([1000, 2000, 4000, 300_000, 300_000]);
  });
});

describe("replies before bulk rows", () => {
  /** Each send takes a few milliseconds, as under a channel's rate limit. */
  class SlowChannel extends ScriptedChannel {
    override async send(chatId: string, message: OutboundMessage): Promise<SendResult> {
      await new Promise((r) => setTimeout(r, 5));
      return super.send(chatId, message);
    }
  }
  const slow = new SlowChannel();
  const bulkSender = (concurrency = 4) =>
    new OutboxSender(
      { db, channels: only(slow), logger: createLogger("silent"), clock: () => now },
      { concurrency, intervalMs: 60_000 },
    );
  async function enqueueBulk(count: number, tag: string) {
    await db.$transaction((tx) =>
      tx.outboxMessage.createMany({
        data: Array.from({ length: count }, (_, i) => ({
          channel: "webchat",
          chatId: `${tag}${i}`,
          payload: JSON.stringify({ text: `${tag}${i}` }),
          nextAttemptAt: now,
          priority: 1,
        })),
      }),
    );
  }

  it("claims and 'sent' marks of concurrent sends share transactions: far fewer than one per message", async () => {
    await enqueueBulk(60, "grouped-");
    // 16 sends in flight, so even a loaded machine (CI runs test files in parallel) groups them.
    const sender = bulkSender(16);
    await sender.flush();
    expect(await db.outboxMessage.count({ where: { chatId: { startsWith: "grouped-" }, status: "sent" } })).toBe(60);
    // Each message's claim and its "sent" mark.
    expect(sender.marks.stats.inputs).toBe(120);
    expect(sender.marks.stats.groups).toBeLessThan(60);
  });

  it("a reply queued after a broadcast's rows goes first", async () => {
    slow.sent.length = 0;
    await enqueueBulk(50, "bulk-a-");
    await enqueue("reply-a", ["reply a"]);
    await bulkSender().flush();
    expect(slow.sent[0]?.text).toBe("reply a");
    expect(slow.sent).toHaveLength(51);
  });

  it("a reply queued while a broadcast is being sent cuts in within the sends in flight", async () => {
    slow.sent.length = 0;
    await enqueueBulk(300, "bulk-b-");
    const sender = bulkSender();
    sender.start();
    while (slow.sent.length < 20) await new Promise((r) => setTimeout(r, 2));
    await enqueue("reply-b", ["reply b"]);
    sender.kick(true);
    while (slow.sent.length < 301) await new Promise((r) => setTimeout(r, 5));
    await sender.stop();
    const at = slow.sent.findIndex((s) => s.text === "reply b");
    // Without the cut it would wait for the whole pass (300 rows); with it, only for sends in flight.
    expect(at).toBeGreaterThanOrEqual(20);
    expect(at).toBeLessThan(20 + 4 * 3);
  });
});
