// Two server processes on one PostgreSQL database (npm run test:pg): they start together on an
// empty database, share webhooks spread at random, and sweep reminders — each thing happens once.
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { telegramMessages } from "../../src/channels/telegram/render.ts";
import type { OutboundMessage } from "../../src/channels/types.ts";
import { type Db, openDb, write } from "../../src/db/client.ts";
import { loadLocales } from "../../src/i18n/index.ts";
import { sendDueReminders } from "../../src/jobs/reminders.ts";
import { ROOT } from "../../src/root.ts";
import { seedBigClub } from "../support/broadcast-load.ts";
import { chatsSend } from "../support/chat-load.ts";
import { leaderOf, startInstances } from "../support/cluster.ts";
import { freshDatabaseUrl, onPostgres, postgresDatabase } from "../support/db.ts";
import { fakeTelegram } from "../support/fake-bot-api.ts";
import { postJson } from "../support/keepalive.ts";
import { seedReminders } from "../support/reminder-load.ts";
import type { ServerProcess } from "../support/server-process.ts";

const SECRET = "cluster-secret";
let servers: ServerProcess[] = [];
let db: Db | undefined;

afterEach(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
  await db?.$disconnect();
  db = undefined;
});

describe.skipIf(!onPostgres)("two instances on one PostgreSQL database", () => {
  it("start at once on an empty database: each migration applied once, the demo seeded once, both serve", async () => {
    const url = await postgresDatabase(`empty_${randomUUID().replaceAll("-", "")}`);
    servers = await startInstances(2, { DATABASE_URL: url });
    for (const server of servers) expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    db = await openDb(url);
    const migrations = readdirSync(path.join(ROOT, "prisma", "postgres", "migrations")).filter((d) => /^\d/.test(d));
    const applied = await db.$queryRawUnsafe<Array<{ name: string }>>(`SELECT "name" FROM "_migrations" ORDER BY "name"`);
    expect(applied.map((r) => r.name)).toEqual(migrations.sort());
    expect(await db.club.count({ where: { code: "DEMO" } })).toBe(1);
    const names = (await db.member.findMany({ select: { fullName: true } })).map((m) => m.fullName);
    expect(new Set(names).size).toBe(names.length);
    // Both answer the web chat (the demo's channel).
    for (const server of servers) {
      const res = await fetch(`${server.url}/chat/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ user: "guest-both", messageId: randomUUID(), text: "xin chào" }),
      });
      expect(res.status).toBe(200);
    }
    // The page polls whichever instance the proxy picks: each shows the whole conversation.
    for (const server of servers) {
      const poll = await fetch(`${server.url}/chat/api/messages?user=guest-both&after=0`);
      const { messages } = (await poll.json()) as { messages: Array<{ text: string }> };
      expect(messages.length).toBeGreaterThanOrEqual(2);
    }
  }, 120_000);

  it("200 chats, each update sent to either at random, 5% twice to both: each once, replies in order, no session lost", async () => {
    const url = await freshDatabaseUrl();
    db = await openDb(url);
    const { clubId } = await seedBigClub(db, 200);
    await write(db, (tx) =>
      tx.meeting.create({ data: { clubId, startsAt: new Date(Date.now() + 30 * 60_000), place: "Nhà văn hóa", code: "TWO001" } }),
    );
    const api = fakeTelegram();
    await api.start();
    servers = await startInstances(2, {
      DATABASE_URL: url,
      TELEGRAM_BOT_TOKEN: "1:cluster",
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: api.url,
    });
    const post = (server: ServerProcess, update: unknown) =>
      postJson(`${server.url}/webhooks/telegram`, JSON.stringify(update), { "x-telegram-bot-api-secret-token": SECRET });
    const anyInstance = () => servers[Math.floor(Math.random() * servers.length)] as ServerProcess;
    let twice = 0;
    const { sent, statuses } = await chatsSend(200, ["menu", "điểm danh", "1", "menu", "xin chào"], async (update) => {
      // Telegram re-delivering: the same update to both instances at once.
      const both = Math.random() < 0.05;
      if (both) twice += 1;
      const answers = await Promise.all(both ? servers.map((s) => post(s, update)) : [post(anyInstance(), update)]);
      return answers.map((res) => res.status);
    });
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(twice).toBeGreaterThan(0);
    expect(await db.processedUpdate.count()).toBe(1000);
    expect(await db.attendance.count()).toBe(200);
    const expected = new Map<string, string[]>();
    for (const [chat, updates] of sent) {
      const rows = await db.outboxMessage.findMany({ where: { chatId: String(chat) }, orderBy: { id: "asc" } });
      const answered = rows.map((r) => Number(r.dedupeKey?.split(":")[2]));
      // Every update answered, none twice, in the order the chat sent them.
      expect([...new Set(answered)]).toEqual(updates);
      expected.set(
        String(chat),
        rows.flatMap((r) => telegramMessages(JSON.parse(r.payload) as OutboundMessage).map((m) => m.text)),
      );
      // No session lost: the chat's session counted every one of its five updates.
      const account = await db.channelAccount.findFirstOrThrow({ where: { externalUserId: String(chat) } });
      expect((await db.session.findUniqueOrThrow({ where: { accountId: account.id } })).version).toBe(5);
    }
    // At the fake Telegram: each chat got exactly its replies, in order (one instance sends).
    await api.waitFor(() => [...expected].every(([chat, texts]) => api.of("sendMessage", chat).length >= texts.length), 120_000);
    for (const [chat, texts] of expected) {
      expect(api.of("sendMessage", chat).map((c) => String(c.body.text))).toEqual(texts);
    }
    await api.stop();
  }, 300_000);

  it("10,000 reminders due in one minute: each queued exactly once; two sweeps at the same moment take different rows", async () => {
    const url = await freshDatabaseUrl();
    db = await openDb(url);
    const due = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const memberIds = await seedReminders(db, 10_000, due);
    servers = await startInstances(2, { DATABASE_URL: url });
    await leaderOf(servers);
    const sweptBy = async () => db?.reminderEvent.count();
    const until = Date.now() + 120_000;
    while ((await sweptBy()) !== 10_000 && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
    await new Promise((r) => setTimeout(r, 2_500)); // a few more scheduler passes on both instances
    expect(await db.reminderEvent.count()).toBe(10_000);
    const queued = await db.outboxMessage.findMany({
      where: { dedupeKey: { startsWith: "reminder:" } },
      select: { chatId: true },
    });
    expect(queued.length).toBe(10_000);
    expect(new Set(queued.map((q) => q.chatId)).size).toBe(10_000);
    await Promise.all(servers.map((s) => s.stop()));
    servers = [];

    // The same reminders due again; two sweeps run at once on two connections, as two leaders
    // would for a moment if one lost its lock mid-sweep: FOR UPDATE SKIP LOCKED splits them.
    const again = new Date(due.getTime() + 60_000);
    await db.reminder.updateMany({ where: { memberId: { in: memberIds } }, data: { nextAt: again } });
    const other = await openDb(url);
    const i18n = loadLocales(path.join(ROOT, "locales"));
    const [a, b] = await Promise.all([sendDueReminders(db, i18n, again, 500), sendDueReminders(other, i18n, again, 500)]);
    await other.$disconnect();
    expect(a + b).toBe(10_000);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(await db.reminderEvent.count()).toBe(20_000);
    expect(await db.outboxMessage.count({ where: { dedupeKey: { startsWith: "reminder:" } } })).toBe(20_000);
  }, 300_000);
});
