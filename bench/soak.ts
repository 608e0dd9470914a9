// A long day, bounded: MINUTES (default 60) of mixed traffic at a province's pace on the built server
// (as `npm start` runs it) against a fake Telegram. Members write (menus, check-ins, readings, answers),
// a notice goes to 5,000 members in the second minute and they answer it, reminders fall due every
// minute, the board asks for a report every 5 minutes, web chat pages poll; one instance is killed
// (-9) and started again every KILL_EVERY minutes (default 10). Every minute it prints RSS, the event
// loop's delay, the inbox and outbox backlogs, table sizes and the database's size; at the end, the
// replies missing or doubled and a verdict. The pruning ages are shortened (KEEP_MINUTES, default 10)
// so that table sizes must level off within the run.
// Run: npx tsx bench/soak.ts   (MINUTES=3 for a short run; DATABASE=postgres runs two instances)
import { statSync } from "node:fs";
import { write } from "../src/db/client.ts";
import { AUTHOR_CHAT, broadcastToAll, FIRST_CHAT, seedBigClub } from "../test/support/broadcast-load.ts";
import { METRICS_TOKEN } from "../test/support/cluster.ts";
import { fakeTelegram } from "../test/support/fake-bot-api.ts";
import { postJson } from "../test/support/keepalive.ts";
import { telegramText } from "../test/support/samples.ts";
import { buildServer, type ServerProcess, startServer } from "../test/support/server-process.ts";
import { freshDatabase, onPostgres, stopBenchDatabases } from "./fresh-db.ts";

const MINUTES = Number(process.env.MINUTES ?? 60);
const KILL_EVERY = Number(process.env.KILL_EVERY ?? 10);
const KEEP_MINUTES = Number(process.env.KEEP_MINUTES ?? 10);
const INSTANCES = Number(process.env.INSTANCES ?? (onPostgres ? 2 : 1));
const MEMBERS = 5_000;
/** The last 100 members only ever send "menu": each answered exactly once, so replies can be counted. */
const PROBES = 100;
const MEMBER_RATE = Number(process.env.RATE ?? 4); // updates a second from members, besides the probes
const REMINDERS_PER_MINUTE = 10;
const SECRET = "soak-secret";
const MIXED = ["menu", "1", "2", "0", "huyết áp 135/85", "điểm danh", "3", "menu", "4", "0"];

const { url: databaseUrl, db } = await freshDatabase("soak.db");
const { authorAccountId } = await seedBigClub(db, MEMBERS);
const started = Date.now();
await seedReminders();
const api = fakeTelegram();
await api.start();
buildServer();
const env = {
  DATABASE_URL: databaseUrl,
  TELEGRAM_BOT_TOKEN: "1:soak",
  TELEGRAM_WEBHOOK_SECRET: SECRET,
  TELEGRAM_API_ROOT: api.url,
  WEBCHAT_ENABLED: "true",
  METRICS_TOKEN,
  LOG_LEVEL: "error",
  KEEP_PROCESSED_UPDATES_DAYS: String(KEEP_MINUTES / 1440),
  KEEP_SENT_MESSAGES_DAYS: String(KEEP_MINUTES / 1440),
  KEEP_FINISHED_JOBS_DAYS: String(KEEP_MINUTES / 1440),
  HOUSEKEEPING_EVERY_MS: "60000",
};
const servers: ServerProcess[] = await Promise.all(Array.from({ length: INSTANCES }, () => startServer(env, [], "build")));
console.log(`${onPostgres ? "PostgreSQL" : "SQLite"}, ${INSTANCES} instance(s), ${MINUTES} min, kill -9 every ${KILL_EVERY} min`);

type Tables = { processed: number; outbox: number; jobs: number; sessions: number };
const rows: Array<{ minute: number; rss: number[]; tables: Tables }> = [];
let nextUpdate = 1;
let running = true;
let inFlightAtKills = 0;
const acked = { members: 0, probes: new Map<number, number>(), errors: 0 };

/** Post an update to a live instance, again (as Telegram does) until one answers 200. */
async function deliver(chat: number, text: string): Promise<void> {
  const update = telegramText(chat, text, nextUpdate++);
  const body = JSON.stringify(update);
  for (;;) {
    const server = servers[Math.floor(Math.random() * servers.length)];
    if (!server) {
      // The only instance is being restarted.
      await sleep(200);
      continue;
    }
    const answer = await postJson(`${server.url}/webhooks/telegram`, body, { "x-telegram-bot-api-secret-token": SECRET }).catch(
      () => ({ status: 0 }),
    );
    if (answer.status === 200) return;
    acked.errors += 1;
    await sleep(500);
  }
}

/** `rate` updates a second, each from a fresh task, until the run ends. */
async function atRate(rate: number, send: () => Promise<void>): Promise<void> {
  const pending = new Set<Promise<void>>();
  while (running) {
    const p = send().finally(() => pending.delete(p));
    pending.add(p);
    await sleep(1000 / rate);
  }
  await Promise.all(pending);
}

const traffic = [
  atRate(MEMBER_RATE, async () => {
    const chat = FIRST_CHAT + Math.floor(Math.random() * (MEMBERS - PROBES));
    await deliver(chat, MIXED[Math.floor(Math.random() * MIXED.length)] as string);
    acked.members += 1;
  }),
  atRate(PROBES / 20, async () => {
    const chat = FIRST_CHAT + MEMBERS - PROBES + Math.floor(Math.random() * PROBES);
    await deliver(chat, "menu");
    acked.probes.set(chat, (acked.probes.get(chat) ?? 0) + 1);
  }),
  atRate(2, async () => {
    // Web chat pages polling their transcripts.
    const server = servers[0];
    if (server)
      await fetch(`${server.url}/chat/api/messages?user=guest-soak-${Math.floor(Math.random() * 5)}&after=0`).catch(() => {});
  }),
];

const noticeAt = started + 60_000;
let noticeSent = false;
for (let minute = 1; minute <= MINUTES; minute++) {
  await sleep(started + minute * 60_000 - Date.now());
  if (!noticeSent && Date.now() >= noticeAt) {
    await broadcastToAll(db, authorAccountId);
    noticeSent = true;
  }
  if (minute % 5 === 0) void deliver(AUTHOR_CHAT, "báo cáo").then(() => deliver(AUTHOR_CHAT, "1"));
  await printMinute(minute);
  if (minute % KILL_EVERY === 0 && minute < MINUTES) await killOne();
}
running = false;
await Promise.all(traffic);
// Let every reply leave (the bot's 30 a second), then count.
await settle();
const verdict = await tally();
await Promise.all(servers.map((s) => s.stop()));
await db.$disconnect();
await api.stop();
await stopBenchDatabases();
console.log(verdict.line);
process.exit(verdict.ok ? 0 : 1);

async function seedReminders(): Promise<void> {
  // Members 0 … n get a daily reminder at a minute of the run: REMINDERS_PER_MINUTE fall due each minute.
  const members = await db.member.findMany({ where: { fullName: { startsWith: "Thành viên" } }, orderBy: { fullName: "asc" } });
  const due = members.slice(0, Math.min(MEMBERS - PROBES, (MINUTES + 1) * REMINDERS_PER_MINUTE));
  await write(db, async (tx) => {
    await tx.consent.createMany({
      data: due.map((m) => ({ memberId: m.id, purpose: "health", given: true, via: "board", textVersion: 1 })),
    });
    await tx.reminder.createMany({
      data: due.map((m, i) => {
        const at = new Date(started + (Math.floor(i / REMINDERS_PER_MINUTE) + 1) * 60_000);
        const local = new Date(at.getTime() + 7 * 3_600_000);
        const hhmm = `${String(local.getUTCHours()).padStart(2, "0")}:${String(local.getUTCMinutes()).padStart(2, "0")}`;
        return { memberId: m.id, kind: "medicine", timeOfDay: hhmm, days: "daily", nextAt: at };
      }),
    });
  });
}

async function printMinute(minute: number): Promise<void> {
  const metrics = await Promise.all(servers.map((s) => scrape(s)));
  const tables = {
    processed: await db.processedUpdate.count(),
    outbox: await db.outboxMessage.count(),
    jobs: await db.job.count(),
    sessions: await db.session.count(),
  };
  const rss = metrics.map((m) => m.rss);
  rows.push({ minute, rss, tables });
  if (minute === 1)
    console.log(
      "min | RSS MB per instance | loop p99 ms | inbox | outbox waiting | processed/outbox/jobs/sessions rows | db MB | acked | resent",
    );
  console.log(
    [
      String(minute).padStart(3),
      rss.map((r) => r.toFixed(0)).join("/"),
      metrics.map((m) => m.loopMs.toFixed(1)).join("/"),
      metrics.reduce((n, m) => n + m.inbox, 0),
      Math.max(...metrics.map((m) => m.outbox)),
      `${tables.processed}/${tables.outbox}/${tables.jobs}/${tables.sessions}`,
      (await databaseBytes()) / 1e6 > 0 ? ((await databaseBytes()) / 1e6).toFixed(1) : "?",
      acked.members + [...acked.probes.values()].reduce((a, b) => a + b, 0),
      acked.errors,
    ].join(" | "),
  );
}

async function scrape(server: ServerProcess): Promise<{ rss: number; loopMs: number; inbox: number; outbox: number }> {
  const text = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    .then((r) => r.text())
    .catch(() => "");
  const value = (pattern: RegExp) => [...text.matchAll(pattern)].reduce((n, m) => n + Number(m[1]), 0);
  return {
    rss: value(/^process_resident_memory_bytes (\S+)$/gm) / 1e6,
    loopMs: value(/^tuongtro_event_loop_delay_p99_seconds (\S+)$/gm) * 1000,
    inbox: value(/^tuongtro_inbox_backlog (\S+)$/gm),
    outbox: value(/^tuongtro_outbox_backlog\{[^}]*\} (\S+)$/gm),
  };
}

async function databaseBytes(): Promise<number> {
  if (onPostgres) {
    const [row] = await db.$queryRawUnsafe<Array<{ size: bigint | number }>>(
      "SELECT pg_database_size(current_database()) AS size",
    );
    return Number(row?.size ?? 0);
  }
  const file = databaseUrl.slice("file:".length);
  return [file, `${file}-wal`].reduce((n, f) => n + (statSync(f, { throwIfNoEntry: false })?.size ?? 0), 0);
}

async function killOne(): Promise<void> {
  const victim = servers.shift() as ServerProcess;
  // What the outbox may have had in flight: its concurrent sends (an upper bound for doubles).
  inFlightAtKills += 32;
  await victim.kill();
  servers.push(await startServer(env, [], "build"));
}

async function settle(): Promise<void> {
  let last = -1;
  for (;;) {
    await sleep(5_000);
    const waiting = await db.outboxMessage.count({ where: { status: "pending" } });
    if (waiting === 0 && api.calls.length === last) return;
    last = api.calls.length;
  }
}

async function tally(): Promise<{ ok: boolean; line: string }> {
  const notice = (chat: number) =>
    api.of("sendMessage", chat).filter((c) => String(c.body.text).includes("Họp bất thường")).length;
  let missing = 0;
  let doubled = 0;
  // The probes: one main menu per "menu" (the notice and its answer's leave-taking are other messages).
  const mainMenu = (chat: number) =>
    api.of("sendMessage", chat).filter((c) => /cần gì ạ\? Nhắn số:|what do you need/i.test(String(c.body.text))).length;
  for (let c = MEMBERS - PROBES; c < MEMBERS; c++) {
    const chat = FIRST_CHAT + c;
    const expected = acked.probes.get(chat) ?? 0;
    const got = mainMenu(chat);
    missing += Math.max(0, expected - got);
    doubled += Math.max(0, got - expected);
  }
  // The notice: once to each of the 5,000.
  let noticeMissing = 0;
  for (let c = 0; c < MEMBERS; c++) {
    const n = notice(FIRST_CHAT + c);
    if (noticeSent && n === 0) noticeMissing += 1;
    doubled += Math.max(0, n - 1);
  }
  const tenth = rows.find((r) => r.minute === Math.min(10, MINUTES)) ?? rows[0];
  const end = rows.at(-1) ?? tenth;
  const rssGrowth = tenth && end ? Math.max(...end.rss) / Math.max(...tenth.rss) - 1 : 0;
  const flatFrom = rows.find((r) => r.minute >= KEEP_MINUTES + 2);
  const grew = flatFrom && end ? end.tables.outbox / Math.max(1, flatFrom.tables.outbox) - 1 : 0;
  const ok =
    missing === 0 &&
    noticeMissing === 0 &&
    doubled <= inFlightAtKills &&
    (MINUTES < 20 || rssGrowth <= 0.1) &&
    (MINUTES < KEEP_MINUTES * 3 || grew <= 0.3);
  return {
    ok,
    line: [
      `probes: ${missing} replies missing, notice: ${noticeMissing} of ${MEMBERS} members missing, ${doubled} messages doubled (bound: ${inFlightAtKills} in flight at the kills)`,
      `RSS at the end vs minute ${tenth?.minute}: ${(rssGrowth * 100).toFixed(1)}%; outbox rows at the end vs minute ${flatFrom?.minute ?? "-"}: ${(grew * 100).toFixed(1)}%`,
      `verdict: ${ok ? "ok" : "NOT ok"}`,
    ].join("\n"),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}
