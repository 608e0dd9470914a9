// PostgreSQL goes away while 200 chats write, and comes back (npm run test:pg, on a cluster of the
// test's own): stopped for 10 s, then killed with -9. No update is answered 200 unless committed;
// /readyz says 503 meanwhile and 200 within 5 s of the database's return, without a restart of the
// server; every update acknowledged is processed exactly once and answered (a reply in flight at the
// fault may go twice, as after any crash).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openDb } from "../../src/db/client.ts";
import { FIRST_CHAT } from "../support/broadcast-load.ts";
import { onPostgres } from "../support/db.ts";
import { type FakeBotApi, fakeTelegram } from "../support/fake-bot-api.ts";
import { postJson, warm } from "../support/keepalive.ts";
import { type PostgresCluster, startPostgres } from "../support/postgres.ts";
import { telegramText } from "../support/samples.ts";
import { type ServerProcess, startServer } from "../support/server-process.ts";

const SECRET = "outage-secret";
const CHATS = 200;
const OUTAGE_MS = 10_000;

let cluster: PostgresCluster;
let telegram: FakeBotApi;
let server: ServerProcess;
let db: Db;
let nextUpdate = 1;

beforeAll(async () => {
  if (!onPostgres) return;
  cluster = await startPostgres();
  await cluster.admin("CREATE DATABASE outage");
  telegram = fakeTelegram();
  await telegram.start();
  server = await startServer({
    DATABASE_URL: cluster.url("outage"),
    NODE_ENV: "production",
    TELEGRAM_BOT_TOKEN: "1:outage",
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: telegram.url,
    DATABASE_POOL_SIZE: "6",
  });
  db = await openDb(cluster.url("outage"), { poolSize: 2 });
  await warm(server.url, CHATS);
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await db?.$disconnect().catch(() => {});
  await telegram?.stop();
  await cluster?.stop();
});

type Run = {
  acked: Map<number, number>;
  during: number[];
  /** Answers other than 200, 429 and 503 (there must be none). */
  unexpected: number[];
  readyDuring: number[];
  readyAfterMs: number;
};

/**
 * Every chat sends "menu" again and again, resending an update until it is answered 200 (as Telegram
 * does) while `fault` takes the database down and brings it back.
 */
async function trafficThrough(fault: { down(): Promise<void>; up(): Promise<void> }): Promise<Run> {
  const acked = new Map<number, number>(); // update id → chat
  const during: number[] = [];
  const readyDuring: number[] = [];
  const unexpected: number[] = [];
  let outage = false;
  let stop = false;
  const chats = Array.from({ length: CHATS }, async (_, c) => {
    const chat = FIRST_CHAT + 10_000 + c;
    while (!stop) {
      const update = telegramText(chat, "menu", nextUpdate++);
      for (;;) {
        const answer = await postJson(`${server.url}/webhooks/telegram`, JSON.stringify(update), {
          "x-telegram-bot-api-secret-token": SECRET,
        }).catch(() => ({ status: 0, retryAfter: undefined }));
        if (outage) during.push(answer.status);
        if (answer.status === 200) {
          acked.set(update.update_id, chat);
          break;
        }
        if (answer.status !== 429 && answer.status !== 503) unexpected.push(answer.status);
        await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
      }
      // A member's pace (replies leave at the bot's 30 a second, so the check below can wait for them).
      await new Promise((r) => setTimeout(r, 2_000 + Math.random() * 1_000));
    }
  });
  let readyAfterMs = Number.POSITIVE_INFINITY;
  try {
    await new Promise((r) => setTimeout(r, 3_000));
    outage = true;
    await fault.down();
    const until = Date.now() + OUTAGE_MS;
    while (Date.now() < until) {
      readyDuring.push((await fetch(`${server.url}/readyz`).catch(() => ({ status: 0 }))).status);
      await new Promise((r) => setTimeout(r, 500));
    }
    await fault.up();
    const back = Date.now();
    while (Date.now() - back < 15_000) {
      if ((await fetch(`${server.url}/readyz`)).status === 200) {
        readyAfterMs = Date.now() - back;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    outage = false;
    await new Promise((r) => setTimeout(r, 3_000));
  } finally {
    stop = true;
    await Promise.all(chats);
  }
  return { acked, during, unexpected, readyDuring, readyAfterMs };
}

/** Messages the outbox may have in flight when the database goes (its concurrent sends). */
const IN_FLIGHT = 32;

/**
 * Each acknowledged update committed (its id recorded once, so processed once) and answered; a reply
 * sent while the database went away may go twice (its "sent" mark was lost), never more than were in
 * flight.
 */
async function expectEachAnswered(run: Run, label: string): Promise<void> {
  const ids = [...run.acked.keys()].map(String);
  const committed = await db.processedUpdate.count({ where: { channel: "telegram", updateId: { in: ids } } });
  expect(committed).toBe(ids.length);
  const perChat = new Map<number, number>();
  for (const chat of run.acked.values()) perChat.set(chat, (perChat.get(chat) ?? 0) + 1);
  const short = () => [...perChat].filter(([chat, updates]) => telegram.of("sendMessage", chat).length < updates);
  await telegram.waitFor(() => short().length === 0, 150_000);
  const doubled = [...perChat].reduce((n, [chat, updates]) => n + telegram.of("sendMessage", chat).length - updates, 0);
  console.log(`${label}: ${ids.length} updates acknowledged and committed, ${doubled} replies sent twice`);
  expect(doubled).toBeLessThanOrEqual(IN_FLIGHT);
}

describe.skipIf(!onPostgres)("the database goes away while chats write", () => {
  it("stopped for 10 s: 503 meanwhile, never 200 uncommitted; ready again within 5 s; each acknowledged update processed once and answered", async () => {
    const run = await trafficThrough({ down: () => cluster.halt("SIGINT"), up: () => cluster.restart() });
    expect(run.during.length).toBeGreaterThan(CHATS);
    expect(run.during.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(run.unexpected).toEqual([]);
    expect(run.readyDuring.filter((s) => s === 200)).toEqual([]);
    expect(run.readyAfterMs).toBeLessThanOrEqual(5_000);
    console.log(
      `stopped 10 s: ${run.acked.size} updates acknowledged, ${run.during.filter((s) => s === 503).length} answered 503 during the outage, ready ${run.readyAfterMs} ms after the restart`,
    );
    await expectEachAnswered(run, "stopped 10 s");
  }, 300_000);

  it("killed with -9: the same", async () => {
    telegram.calls.length = 0;
    const run = await trafficThrough({ down: () => cluster.halt("SIGKILL"), up: () => cluster.restart() });
    expect(run.unexpected).toEqual([]);
    expect(run.readyDuring.filter((s) => s === 200)).toEqual([]);
    expect(run.readyAfterMs).toBeLessThanOrEqual(5_000);
    console.log(
      `killed -9: ${run.acked.size} updates acknowledged, ${run.during.filter((s) => s === 503).length} answered 503 during the outage, ready ${run.readyAfterMs} ms after the restart`,
    );
    await expectEachAnswered(run, "killed -9");
  }, 300_000);
});
