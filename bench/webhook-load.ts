// The webhook path against the baseline (bench/baseline, a copy of the project's reference bot: grammY + conversations +
// better-sqlite3 sessions, WAL, synchronous=FULL), in one run on this machine. Each of CHATS linked
// members posts `menu` → check-in → `1` ROUNDS times, the next update as soon as the previous one
// is answered 200 (= processed and committed). Prints updates/s, p50/p99/max, the slowest chat's
// worst wait and the server's peak RSS for both. Delivery (paced at ≈30 msg/s) is not measured here.
// Run: npx tsx bench/webhook-vs-baseline.ts   (CHATS=1000 ROUNDS=3; ONLY=project skips the baseline)
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { write } from "../src/db/client.ts";
import { ROOT } from "../src/root.ts";
import { FIRST_CHAT, seedBigClub } from "../test/support/broadcast-load.ts";
import { fakeTelegram } from "../test/support/fake-bot-api.ts";
import { postJson, warm } from "../test/support/keepalive.ts";
import { telegramText } from "../test/support/samples.ts";
import { buildServer, freePort, startServer } from "../test/support/server-process.ts";
import { freshDatabase, freshFile } from "./fresh-db.ts";

const CHATS = Number(process.env.CHATS ?? 200);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SECRET = "bench-secret";
const dir = path.join(ROOT, ".tmp", "bench-vs");
mkdirSync(dir, { recursive: true });

type Figures = { name: string; updates: number; seconds: number; latencies: number[]; worstChat: number; peakRssMb: number };

/** Drive one server: every chat in parallel, each chat's updates one after another. */
async function drive(url: string, name: string, texts: string[], pid: number): Promise<Figures> {
  let updateId = 1;
  // Open every chat's connection first, as Telegram keeps its webhook connections open: 200 new
  // connections at once are otherwise accepted over seconds while open ones are served (both servers).
  await warm(url, CHATS);
  const perChat: number[][] = [];
  const chat = async (userId: number): Promise<void> => {
    const mine: number[] = [];
    perChat.push(mine);
    for (let round = 0; round < ROUNDS; round++) {
      for (const text of texts) {
        const started = performance.now();
        const uid = updateId++;
        for (;;) {
          const res = await postJson(`${url}/webhooks/telegram`, JSON.stringify(telegramText(userId, text, uid)), {
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
  const started = performance.now();
  await Promise.all(Array.from({ length: CHATS }, (_, i) => chat(FIRST_CHAT + i)));
  const seconds = (performance.now() - started) / 1000;
  const latencies = perChat.flat().sort((a, b) => a - b);
  return {
    name,
    updates: latencies.length,
    seconds,
    latencies,
    worstChat: Math.max(...perChat.map((l) => Math.max(...l))),
    peakRssMb: peakRss(pid),
  };
}

/** VmHWM: the most resident memory the process ever had. */
function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(status.match(/VmHWM:\s+(\d+)/)?.[1] ?? 0) / 1024;
}

function print(f: Figures): void {
  const pct = (p: number) =>
    (f.latencies[Math.min(f.latencies.length - 1, Math.floor((p / 100) * f.latencies.length))] ?? 0).toFixed(0);
  process.stdout.write(
    `${f.name.padEnd(9)} ${f.updates} updates / ${CHATS} chats in ${f.seconds.toFixed(2)} s → ${(f.updates / f.seconds).toFixed(1)} updates/s; ` +
      `p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${f.latencies.at(-1)?.toFixed(0)} ms; peak RSS ${f.peakRssMb.toFixed(0)} MB\n`,
  );
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

async function runBaseline(apiUrl: string): Promise<Figures> {
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
    return await drive(url, "baseline", ["menu", "1", "1"], child.pid ?? 0);
  } finally {
    child.kill("SIGKILL");
  }
}

async function runProject(apiUrl: string): Promise<Figures> {
  const { url: databaseUrl, db } = await freshDatabase("project.db", "bench-vs");
  const { clubId } = await seedBigClub(db, CHATS);
  // A meeting starting in 30 minutes: check-in is open.
  await write(db, (tx) =>
    tx.meeting.create({ data: { clubId, startsAt: new Date(Date.now() + 30 * 60_000), place: "Nhà văn hóa", code: "BENCH1" } }),
  );
  await db.$disconnect();
  const server = await startServer(
    { DATABASE_URL: databaseUrl, TELEGRAM_BOT_TOKEN: "1:bench", TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: apiUrl },
    // CPU_PROF=1: a V8 CPU profile of the server lands in .tmp/bench-vs/prof/ when it stops.
    process.env.CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${path.join(dir, "prof")}`] : [],
    "build",
  );
  try {
    return await drive(server.url, "project", ["menu", "điểm danh", "1"], server.child.pid ?? 0);
  } finally {
    await server.stop();
  }
}

buildServer();
const api = fakeTelegram();
await api.start();
const results: Figures[] = [];
if (process.env.ONLY !== "project") results.push(await runBaseline(api.url));
if (process.env.ONLY !== "baseline") results.push(await runProject(api.url));
for (const f of results) print(f);
for (const f of results)
  process.stdout.write(`${f.name}: slowest chat waited ${(f.worstChat / 1000).toFixed(2)} s for one answer\n`);
const [base, project] = results;
if (base && project) {
  process.stdout.write(
    `project / baseline throughput: ${(project.updates / project.seconds / (base.updates / base.seconds)).toFixed(2)}×\n`,
  );
}
await api.stop();
