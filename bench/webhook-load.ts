// The webhook path under load, against the baseline (bench/baseline, a copy of the project's reference
// bot: grammY + conversations + better-sqlite3 sessions, WAL, synchronous=FULL, copied into .tmp/ and
// installed there with `npm ci`), in one run on this machine. Each chat posts its next update as soon
// as the previous one is answered 200 (= processed and committed). Two loads, one after the other on
// the same servers: 200 chats × 3 rounds of `menu` → check-in → `1`, then 1,000 chats × 1 round.
// Prints updates/s, p50/p99/max, the slowest chat's worst wait, the server's peak RSS, the ratio
// project/baseline, and the project's SQL statements and transactions per update (from /metrics).
// The project runs as `npm start` runs it (the bundle of `npm run build`). Delivery (paced at
// ≈30 msg/s) is not measured here.
// FLOWS=mix: the project alone, each chat on one of check-in, loan view, visit request or a
// blood-pressure reading (health consent given), the same figures.
// DATABASE=postgres: the project on PostgreSQL (a cluster the bench starts); INSTANCES=2: that many
// project servers on the one database, each update posted to one of them at random.
// Run: npx tsx bench/webhook-load.ts   (CHATS=… ROUNDS=… for one load only; ONLY=project|baseline;
// CPU_PROF=1 for a V8 profile of the project server in .tmp/bench-vs/prof/)
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Db, write } from "../src/db/client.ts";
import { ROOT } from "../src/root.ts";
import { FIRST_CHAT, seedBigClub } from "../test/support/broadcast-load.ts";
import { fakeTelegram } from "../test/support/fake-bot-api.ts";
import { postJson, warm } from "../test/support/keepalive.ts";
import { telegramText } from "../test/support/samples.ts";
import { buildServer, freePort, startServer } from "../test/support/server-process.ts";
import { freshDatabase, freshFile, onPostgres, stopBenchDatabases } from "./fresh-db.ts";

const SECRET = "bench-secret";
const METRICS_TOKEN = "bench-metrics-token-0001";
const MIX = process.env.FLOWS === "mix";
const INSTANCES = Number(process.env.INSTANCES ?? 1);
const LOADS: Array<{ chats: number; rounds: number }> = process.env.CHATS
  ? [{ chats: Number(process.env.CHATS), rounds: Number(process.env.ROUNDS ?? 3) }]
  : [
      { chats: 200, rounds: 3 },
      { chats: 1000, rounds: 1 },
    ];
const MAX_CHATS = Math.max(...LOADS.map((l) => l.chats));
const dir = path.join(ROOT, ".tmp", "bench-vs");
mkdirSync(dir, { recursive: true });

/** What each chat sends in one round: the baseline's menu is numbered differently, so its texts differ. */
type Script = (chatIndex: number) => string[];
const CHECK_IN: Script = () => ["menu", "điểm danh", "1"];
const BASELINE: Script = () => ["menu", "1", "1"];
const MIXED: Script = (i) =>
  [["menu", "điểm danh", "1"], ["khoản vay"], ["nhờ thăm", "1", "mai", "nhờ đi chợ giúp"], ["huyết áp 130/85"]][
    i % 4
  ] as string[];

type Figures = {
  name: string;
  chats: number;
  updates: number;
  seconds: number;
  latencies: number[];
  worstChat: number;
  statements?: { statements: number; transactions: number };
};

/** Drive the servers: every chat in parallel, each chat's updates one after another, each to any server. */
async function drive(urls: string[], name: string, load: { chats: number; rounds: number }, script: Script): Promise<Figures> {
  // Open every chat's connection first, as Telegram keeps its webhook connections open: new
  // connections at once are otherwise accepted over seconds while open ones are served (both servers).
  for (const url of urls) await warm(url, load.chats);
  const perChat: number[][] = [];
  const chat = async (index: number): Promise<void> => {
    const mine: number[] = [];
    perChat.push(mine);
    const userId = FIRST_CHAT + index;
    for (let round = 0; round < load.rounds; round++) {
      for (const text of script(index)) {
        const started = performance.now();
        const updateId = nextUpdateId++;
        for (;;) {
          const url = urls[Math.floor(Math.random() * urls.length)] as string;
          const res = await postJson(`${url}/webhooks/telegram`, JSON.stringify(telegramText(userId, text, updateId)), {
            "x-telegram-bot-api-secret-token": SECRET,
          });
          if (res.status === 200) break;
          // 429: Telegram re-sends after Retry-After; the wait counts in this update's latency.
          if (res.status !== 429) throw new Error(`${name}: status ${res.status}`);
          await new Promise((r) => setTimeout(r, Number(res.retryAfter ?? 1) * 1000));
        }
        mine.push(performance.now() - started);
      }
    }
  };
  const before = name === "project" ? await statements(urls) : undefined;
  const started = performance.now();
  await Promise.all(Array.from({ length: load.chats }, (_, i) => chat(i)));
  const seconds = (performance.now() - started) / 1000;
  const after = name === "project" ? await statements(urls) : undefined;
  const latencies = perChat.flat().sort((a, b) => a - b);
  return {
    name,
    chats: load.chats,
    updates: latencies.length,
    seconds,
    latencies,
    worstChat: Math.max(...perChat.map((l) => Math.max(...l))),
    statements:
      before && after
        ? { statements: after.statements - before.statements, transactions: after.transactions - before.transactions }
        : undefined,
  };
}
let nextUpdateId = 1;

/** The project's statement and transaction counters, from each instance's /metrics, summed. */
async function statements(urls: string[]): Promise<{ statements: number; transactions: number }> {
  const sum = { statements: 0, transactions: 0 };
  for (const url of urls) {
    const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    const value = (name: string) => Number(text.match(new RegExp(`^${name} (\\d+)`, "m"))?.[1] ?? Number.NaN);
    sum.statements += value("tuongtro_db_statements_total");
    sum.transactions += value("tuongtro_db_transactions_total");
  }
  return sum;
}

/** VmHWM: the most resident memory the process ever had. */
function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(status.match(/VmHWM:\s+(\d+)/)?.[1] ?? 0) / 1024;
}

function print(f: Figures): void {
  const pct = (p: number) => f.latencies[Math.min(f.latencies.length - 1, Math.floor((p / 100) * f.latencies.length))] ?? 0;
  const line =
    `${f.name.padEnd(9)} ${f.updates} updates / ${f.chats} chats in ${f.seconds.toFixed(2)} s → ${(f.updates / f.seconds).toFixed(1)} updates/s; ` +
    `p50 ${pct(50).toFixed(0)} ms, p99 ${pct(99).toFixed(0)} ms (${(pct(99) / pct(50)).toFixed(1)}× p50), max ${f.latencies.at(-1)?.toFixed(0)} ms; ` +
    `slowest chat waited ${(f.worstChat / 1000).toFixed(2)} s`;
  const sql = f.statements
    ? `; ${(f.statements.statements / f.updates).toFixed(2)} statements and ${(f.statements.transactions / f.updates).toFixed(3)} transactions per update`
    : "";
  process.stdout.write(`${line}${sql}\n`);
}

async function waitHealthy(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not start`);
}

type Run = { figures: Figures[]; peakRssMb: number };

async function runBaseline(apiUrl: string): Promise<Run> {
  const home = path.join(dir, "baseline");
  if (!existsSync(path.join(home, "node_modules", "better-sqlite3", "build", "Release"))) {
    cpSync(path.join(ROOT, "bench", "baseline"), home, { recursive: true });
    await new Promise<void>((resolve, reject) =>
      spawn("npm", ["ci", "--no-audit", "--no-fund"], { cwd: home, stdio: "ignore" }).on("exit", (code) =>
        code === 0 ? resolve() : reject(new Error("npm ci of the baseline failed")),
      ),
    );
  }
  const db = freshFile("baseline.db", "bench-vs");
  const port = await freePort();
  const child = spawn(process.execPath, ["baseline-bot.mjs"], {
    cwd: home,
    env: { ...process.env, PORT: String(port), DB: db, TELEGRAM_API_ROOT: apiUrl, TELEGRAM_WEBHOOK_SECRET: SECRET },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(url);
    const figures: Figures[] = [];
    for (const load of LOADS) figures.push(await drive([url], "baseline", load, BASELINE));
    return { figures, peakRssMb: peakRss(child.pid ?? 0) };
  } finally {
    child.kill("SIGKILL");
  }
}

/** The bench's club: every chat a linked member; a meeting open for check-in; for the mix, health and loan consent. */
async function seedProject(db: Db): Promise<void> {
  const { clubId } = await seedBigClub(db, MAX_CHATS);
  await write(db, async (tx) => {
    // A meeting starting in 30 minutes: check-in is open.
    await tx.meeting.create({
      data: { clubId, startsAt: new Date(Date.now() + 30 * 60_000), place: "Nhà văn hóa", code: "BENCH1" },
    });
    if (!MIX) return;
    const members = await tx.member.findMany({ where: { clubId }, select: { id: true } });
    for (const purpose of ["health", "loans"]) {
      await tx.consent.createMany({
        data: members.map((m) => ({ memberId: m.id, purpose, given: true, via: "board", textVersion: 1 })),
      });
    }
  });
}

async function runProject(apiUrl: string): Promise<Run> {
  const { url: databaseUrl, db } = await freshDatabase("project.db", "bench-vs");
  await seedProject(db);
  await db.$disconnect();
  const servers = await Promise.all(
    Array.from({ length: INSTANCES }, () =>
      startServer(
        {
          DATABASE_URL: databaseUrl,
          TELEGRAM_BOT_TOKEN: "1:bench",
          TELEGRAM_WEBHOOK_SECRET: SECRET,
          TELEGRAM_API_ROOT: apiUrl,
          METRICS_TOKEN,
        },
        [
          ...(process.env.CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${path.join(dir, "prof")}`] : []),
          ...(process.env.NODE_FLAGS ?? "").split(" ").filter(Boolean),
        ],
        "build",
      ),
    ),
  );
  try {
    const figures: Figures[] = [];
    const urls = servers.map((s) => s.url);
    for (const load of LOADS) figures.push(await drive(urls, "project", load, MIX ? MIXED : CHECK_IN));
    return { figures, peakRssMb: Math.max(...servers.map((s) => peakRss(s.child.pid ?? 0))) };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

buildServer();
const api = fakeTelegram();
await api.start();
const base = !MIX && process.env.ONLY !== "project" ? await runBaseline(api.url) : undefined;
const project = process.env.ONLY !== "baseline" ? await runProject(api.url) : undefined;
process.stdout.write(MIX ? "mix of check-in, loan view, visit request, blood-pressure reading\n" : "");
process.stdout.write(`project: ${onPostgres ? "PostgreSQL" : "SQLite"}, ${INSTANCES} instance(s)\n`);
LOADS.forEach((load, i) => {
  process.stdout.write(`— ${load.chats} chats × ${load.rounds} round(s)\n`);
  const b = base?.figures[i];
  const p = project?.figures[i];
  if (b) print(b);
  if (p) print(p);
  if (b && p) {
    const ratio = p.updates / p.seconds / (b.updates / b.seconds);
    process.stdout.write(`project / baseline throughput: ${ratio.toFixed(2)}×\n`);
  }
});
if (base) process.stdout.write(`baseline peak RSS ${base.peakRssMb.toFixed(0)} MB\n`);
if (project) process.stdout.write(`project peak RSS ${project.peakRssMb.toFixed(0)} MB (the largest instance)\n`);
await api.stop();
await stopBenchDatabases();
