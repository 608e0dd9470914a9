// The inbox under a burst, through real HTTP to the Telegram webhook: batches (group commit) keep
// exactly-once and per-chat order, one failing event spoils nothing else, and past the backlog
// limit the webhook answers 429 with Retry-After instead of queueing without bound.
import { afterEach, describe, expect, it } from "vitest";
import { statementsSent, write } from "../../src/db/client.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { FIRST_CHAT, seedBigClub } from "../support/broadcast-load.ts";
import { chatsSend } from "../support/chat-load.ts";
import { onPostgres } from "../support/db.ts";
import { fakeTelegram } from "../support/fake-bot-api.ts";
import { postJson, warm } from "../support/keepalive.ts";
import { telegramText } from "../support/samples.ts";

const SECRET = "burst-secret";
const api = fakeTelegram();
let t: TestApp | undefined;

afterEach(async () => {
  await t?.close();
  await api.stop();
  t = undefined;
});

async function start(members: number, env: Record<string, string> = {}): Promise<TestApp> {
  await api.start();
  t = await startTestApp({
    seed: false,
    realClock: true,
    env: { TELEGRAM_BOT_TOKEN: "1:burst", TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: api.url, ...env },
  });
  const { clubId } = await seedBigClub(t.app.db, members);
  await write(t.app.db, (tx) =>
    tx.meeting.create({ data: { clubId, startsAt: new Date(Date.now() + 30 * 60_000), place: "Nhà văn hóa", code: "BURST1" } }),
  );
  return t;
}

/** A real database failure: every insert into `table` whose `column` is `value` is refused by a trigger. */
async function failInserts(app: TestApp, table: string, column: string, value: string): Promise<void> {
  const db = app.app.db;
  if (onPostgres) {
    await db.$executeRawUnsafe(
      `CREATE FUNCTION fail_${table}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
         IF NEW."${column}" = '${value}' THEN RAISE EXCEPTION 'disk says no'; END IF; RETURN NEW; END $$`,
    );
    await db.$executeRawUnsafe(
      `CREATE TRIGGER fail_${table} BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION fail_${table}()`,
    );
  } else {
    await db.$executeRawUnsafe(
      `CREATE TRIGGER fail_${table} BEFORE INSERT ON "${table}" WHEN NEW."${column}" = '${value}'
       BEGIN SELECT RAISE(ABORT, 'disk says no'); END`,
    );
  }
}

async function post(app: TestApp, update: unknown): Promise<Response> {
  const res = await fetch(`${app.url}/webhooks/telegram`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
    body: JSON.stringify(update),
  });
  await res.arrayBuffer();
  return res;
}

/** `chats` chats' updates handed to the inbox in one tick (update ids from `first`), as a burst arrives. */
function handOver(app: TestApp, chats: number, text: string, first: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: chats }, (_, c) =>
      app.app.inbox.handle({
        channel: "telegram",
        updateId: String(first + c),
        chatId: String(FIRST_CHAT + c),
        userId: String(FIRST_CHAT + c),
        chatType: "private",
        kind: "text",
        text,
        at: new Date(),
      }),
    ),
  );
}

/** Reply rows of a chat in the order they were queued, as the update ids they answer. */
async function answeredUpdates(app: TestApp, chat: number): Promise<number[]> {
  const rows = await app.app.db.outboxMessage.findMany({ where: { chatId: String(chat) }, orderBy: { id: "asc" } });
  return rows.map((r) => Number(r.dedupeKey?.split(":")[2]));
}

describe("inbox under a burst", () => {
  it("1,000 events from 200 chats at once, 5% sent twice: each handled once, each chat answered in its own order", async () => {
    const app = await start(200);
    const { sent, statuses } = await chatsSend(200, ["menu", "điểm danh", "1", "menu", "xin chào"], async (update, c, text) => {
      // One chat in four sends one of its updates twice at once (Telegram re-delivering).
      const twice = c % 4 === 0 && text === "1";
      const answers = await Promise.all(twice ? [post(app, update), post(app, update)] : [post(app, update)]);
      return answers.map((res) => res.status);
    });
    expect(statuses.every((status) => status === 200)).toBe(true);
    const db = app.app.db;
    expect(await db.processedUpdate.count()).toBe(1000);
    expect(await db.attendance.count()).toBe(200);
    for (const [chat, updates] of sent) {
      const answered = await answeredUpdates(app, chat);
      // Every update answered, none twice, in the order the chat sent them.
      expect([...new Set(answered)]).toEqual(updates);
      expect(answered).toEqual([...answered].sort((a, b) => a - b));
    }
    // They really were grouped: far fewer transactions than events.
    expect(app.app.inbox.stats.largestGroup).toBeGreaterThan(1);
    expect(app.app.inbox.stats.groups).toBeLessThan(1000);
  });

  it("a batch's own rows cost one read and its writes one statement on PostgreSQL, one per table on SQLite", async () => {
    const app = await start(30);
    // Chats already known (sessions, accounts): then the main menu needs nothing beyond the batch's own rows.
    let next = 1;
    await Promise.all(Array.from({ length: 30 }, (_, c) => post(app, telegramText(FIRST_CHAT + c, "menu", next++))));
    // Only the inbox writes while it is measured: no sending, no jobs.
    await app.app.outbox.stop();
    await app.app.scheduler.stop();
    const db = app.app.db;
    const before = { sent: statementsSent(db), groups: app.app.inbox.stats.groups };
    const results = await handOver(app, 30, "menu", next);
    expect(results.every((r) => r === "handled")).toBe(true);
    const after = statementsSent(db);
    const batches = app.app.inbox.stats.groups - before.groups;
    expect(after.transactions - before.sent.transactions).toBe(batches);
    // Besides BEGIN (counted as the transaction): PostgreSQL the chat locks, the read, the write, COMMIT;
    // SQLite data_version, the read, the seen-marks, the replies, the sessions, COMMIT.
    expect(after.statements - before.sent.statements).toBe(batches * (onPostgres ? 4 : 6));
  });

  it("one event whose action throws mid-batch: that member gets the kind error, every other event commits", async () => {
    const app = await start(40);
    const db = app.app.db;
    const unlucky = await db.channelAccount.findFirstOrThrow({ where: { externalUserId: String(FIRST_CHAT + 17) } });
    // A real database failure inside the check-in action, for one member only.
    await failInserts(app, "Attendance", "memberId", unlucky.memberId ?? "");
    let next = 1;
    for (const text of ["menu", "điểm danh"]) {
      await Promise.all(Array.from({ length: 40 }, (_, c) => post(app, telegramText(FIRST_CHAT + c, text, next++))));
    }
    const batchesBefore = app.app.inbox.stats.groups;
    const answers = await Promise.all(Array.from({ length: 40 }, (_, c) => post(app, telegramText(FIRST_CHAT + c, "1", next++))));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    // The 40 answers shared transactions: the failing one had neighbours in its batch.
    expect(app.app.inbox.stats.groups - batchesBefore).toBeLessThan(40);

    expect(await db.attendance.count()).toBe(39);
    expect(await db.attendance.count({ where: { memberId: unlucky.memberId ?? "" } })).toBe(0);
    const last = await db.outboxMessage.findFirstOrThrow({ where: { chatId: unlucky.chatId }, orderBy: { id: "desc" } });
    const member = await db.member.findUniqueOrThrow({ where: { id: unlucky.memberId ?? "" } });
    const errorText = app.app.i18n.t(member.language, "common:error", { me: { you: "\u0000" } });
    expect(JSON.parse(last.payload).text.startsWith(errorText.split("\u0000")[0] as string)).toBe(true);
    expect(await db.session.count({ where: { accountId: unlucky.id } })).toBe(0);
    // Its neighbours were checked in and thanked.
    const neighbour = await db.channelAccount.findFirstOrThrow({ where: { externalUserId: String(FIRST_CHAT + 18) } });
    expect(await db.attendance.count({ where: { memberId: neighbour.memberId ?? "" } })).toBe(1);
    expect(await db.processedUpdate.count()).toBe(120);
  });

  it("an event that wrote before it failed leaves none of its writes; its neighbours' writes and replies stand", async () => {
    const app = await start(30);
    const db = app.app.db;
    const unlucky = await db.channelAccount.findFirstOrThrow({ where: { externalUserId: String(FIRST_CHAT + 11) } });
    // The visit request, its jobs and then its audit line: the audit line fails, after the others were written.
    await failInserts(app, "AuditLog", "onBehalfOfId", unlucky.memberId ?? "");
    let next = 1;
    for (const text of ["nhờ thăm", "1", "mai"]) {
      await Promise.all(Array.from({ length: 30 }, (_, c) => post(app, telegramText(FIRST_CHAT + c, text, next++))));
    }
    // The last answers handed to the inbox in one tick: one batch per lane (PostgreSQL has two), the failing event among others.
    const batchesBefore = app.app.inbox.stats.groups;
    const results = await handOver(app, 30, "không", next);
    expect(results.every((r) => r === "handled")).toBe(true);
    expect(app.app.inbox.stats.groups - batchesBefore).toBeLessThanOrEqual(onPostgres ? 2 : 1);
    expect(await db.visitRequest.count()).toBe(29);
    expect(await db.visitRequest.count({ where: { memberId: unlucky.memberId ?? "" } })).toBe(0);
    // Each request queues three jobs: none of the failed one's are left.
    expect(await db.job.count({ where: { kind: { startsWith: "visit." } } })).toBe(29 * 3);
    expect(await db.auditLog.count({ where: { action: "visits.request" } })).toBe(29);
    expect(await db.processedUpdate.count()).toBe(120);
    const last = await db.outboxMessage.findFirstOrThrow({ where: { chatId: unlucky.chatId }, orderBy: { id: "desc" } });
    const member = await db.member.findUniqueOrThrow({ where: { id: unlucky.memberId ?? "" } });
    const errorText = app.app.i18n.t(member.language, "common:error", { me: { you: "\u0000" } });
    expect(JSON.parse(last.payload).text.startsWith(errorText.split("\u0000")[0] as string)).toBe(true);
    // The failure is logged once, without the member's words.
    expect(app.logs.filter((line) => line.includes('"event failed"'))).toHaveLength(1);
  });

  it("past the backlog limit: 429 with Retry-After; everything accepted is answered; memory stays bounded", async () => {
    const app = await start(10, { INBOX_MAX_BACKLOG: "10" });
    const heapBefore = process.memoryUsage().heapUsed;
    let peakBacklog = 0;
    const watch = setInterval(() => {
      peakBacklog = Math.max(peakBacklog, app.app.inbox.backlog);
    }, 1);
    // 400 new people write at once, over connections already open.
    const updates = Array.from({ length: 400 }, (_, i) => telegramText(7_000_000 + i, "xin chào", 50_000 + i));
    await warm(app.url, updates.length);
    const answers = await Promise.all(
      updates.map((u) =>
        postJson(`${app.url}/webhooks/telegram`, JSON.stringify(u), { "x-telegram-bot-api-secret-token": SECRET }),
      ),
    );
    clearInterval(watch);
    const accepted = updates.filter((_, i) => answers[i]?.status === 200).map((u) => String(u.update_id));
    const refused = answers.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => Number(r.retryAfter) >= 1)).toBe(true);
    expect(accepted.length + refused.length).toBe(400);
    expect(peakBacklog).toBeLessThanOrEqual(10);
    // Every 200 is on disk with its reply; nothing of a 429 was stored.
    const stored = await app.app.db.processedUpdate.findMany({ select: { updateId: true } });
    expect(new Set(stored.map((s) => s.updateId))).toEqual(new Set(accepted));
    const replies = await app.app.db.outboxMessage.findMany({
      where: { dedupeKey: { startsWith: "reply:" } },
      select: { dedupeKey: true },
    });
    expect(replies.filter((r) => r.dedupeKey?.split(":").length === 3)).toHaveLength(accepted.length);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(150 * 1024 * 1024);
    // The refused ones, sent again as Telegram would, are handled too.
    const retried = updates.filter((_, i) => answers[i]?.status === 429);
    for (const u of retried) expect((await post(app, u)).status).toBe(200);
    expect(await app.app.db.processedUpdate.count()).toBe(400);
  });
});
