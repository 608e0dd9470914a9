// kill -9 of the server in the middle of a webhook burst: every update answered 200 has its effects
// and replies after the restart, and when Telegram sends again what was not acknowledged (and, for
// good measure, everything), nothing is applied twice.
import { beforeAll, describe, expect, it } from "vitest";
import { write } from "../../src/db/client.ts";
import { FIRST_CHAT, seedBigClub } from "../support/broadcast-load.ts";
import { useDbAndTelegram } from "../support/db-and-telegram.ts";
import { postJson } from "../support/keepalive.ts";
import { telegramText } from "../support/samples.ts";
import { startServer } from "../support/server-process.ts";

const CHATS = 100;
const SECRET = "kill-secret";
const context = useDbAndTelegram();

beforeAll(async () => {
  const { clubId } = await seedBigClub(context.db, CHATS);
  await write(context.db, (tx) =>
    tx.meeting.create({ data: { clubId, startsAt: new Date(Date.now() + 30 * 60_000), place: "Nhà văn hóa", code: "KILL01" } }),
  );
});

describe("kill -9 during a webhook burst", () => {
  it("keeps every acknowledged update; re-sent updates are applied once", async () => {
    const { api, db, url } = context;
    const env = { DATABASE_URL: url, TELEGRAM_BOT_TOKEN: "1:kill", TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: api.url };
    let server = await startServer(env);
    const updates = Array.from({ length: CHATS }, (_, c) =>
      ["menu", "điểm danh", "1", "menu"].map((text, i) => telegramText(FIRST_CHAT + c, text, 1 + c * 10 + i)),
    );
    const acknowledged = new Set<number>();
    const send = async (base: string, update: { update_id: number }) => {
      const res = await postJson(`${base}/webhooks/telegram`, JSON.stringify(update), {
        "x-telegram-bot-api-secret-token": SECRET,
      });
      if (res.status === 200) acknowledged.add(update.update_id);
      return res.status === 200;
    };
    const firstUrl = server.url;
    const burst = Promise.all(
      updates.map(async (chat) => {
        for (const update of chat) if (!(await send(firstUrl, update).catch(() => false))) return;
      }),
    );
    // Kill once part of the burst is acknowledged.
    while (acknowledged.size < CHATS) await new Promise((r) => setTimeout(r, 5));
    await server.kill();
    await burst;
    const before = acknowledged.size;
    expect(before).toBeLessThan(CHATS * 4);

    // Every acknowledged update survived with its replies.
    const stored = new Set((await db.processedUpdate.findMany()).map((p) => Number(p.updateId)));
    for (const id of acknowledged) expect(stored.has(id)).toBe(true);
    const replies = await db.outboxMessage.findMany({ where: { dedupeKey: { startsWith: "reply:" } } });
    const answered = new Set(replies.map((r) => Number(r.dedupeKey?.split(":")[2])));
    for (const id of acknowledged) expect(answered.has(id)).toBe(true);

    // Telegram sends everything again, in each chat's order.
    server = await startServer(env);
    const again = server.url;
    await Promise.all(
      updates.map(async (chat) => {
        for (const update of chat) expect(await send(again, update)).toBe(true);
      }),
    );
    await server.stop();

    expect(await db.processedUpdate.count()).toBe(CHATS * 4);
    // Each member checked in exactly once; each update answered with one set of replies.
    expect(await db.attendance.count()).toBe(CHATS);
    const all = await db.outboxMessage.findMany({ where: { dedupeKey: { startsWith: "reply:" } } });
    const firstReplies = all.filter((r) => r.dedupeKey?.split(":").length === 3).map((r) => r.dedupeKey);
    expect(firstReplies.length).toBe(CHATS * 4);
    expect(new Set(firstReplies).size).toBe(CHATS * 4);
  }, 120_000);
});
