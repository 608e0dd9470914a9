// The webhook path under load, against the baseline (bench/baseline, a copy of the project's reference
// bot: grammY + conversations + better-sqlite3 sessions, WAL, synchronous=FULL, copied into .tmp/ and
// installed there with `npm ci`), in one run on this machine. Each chat posts its next update as soon
// as the previous one is answered 200 (= processed and committed). Two loads, one after the other on
// the same servers: 200 chats × 3 rounds of `menu` → check-in → `1`, then 1,000 chats × 1 round.
// Prints updates/s, p50/p99/max, the slowest chat's worst wait, the server's peak RSS, the ratio
// project/baseline, and the project's SQL statements and transactions per update (from /metrics: those of
// the transactions that handle the updates, and all of them with the sending and jobs beside).
// The project runs as `npm start` runs it (the bundle of `npm run build`). Delivery (paced at
// ≈30 msg/s) is not measured here.
// FLOWS=mix: each chat of the project on one of check-in, loan view, visit request or a
// blood-pressure reading (health consent given), the baseline on its check-in; the same figures.
// FLOWS=all: every flow a member, volunteer, treasurer and board member can start from the main menu,
// with its common branches (bench/flow-scripts.ts), on a roster of several clubs with meetings open and
// closed (bench/flows-roster.ts); each chat picks a script per round from a seeded sequence (SEED), and
// the baseline runs its check-in beside it. First each flow alone (PER_FLOW chats, default 100), then
// the loads with every flow mixed; per flow: updates/s, p50/p99, statements and transactions per update.
// DATABASE=postgres: the project on PostgreSQL (a cluster the bench starts); INSTANCES=2: that many
// project servers on the one database, each update posted to one of them at random; PIN_CORES=1 pins
// instance i to core i (taskset), for one instance against two at the same CPU quota each.
// Run: npx tsx bench/webhook-load.ts   (CHATS=… ROUNDS=… for one load only; ONLY=project|baseline;
// CPU_PROF=1 for a V8 profile of the project server in .tmp/bench-vs/prof/)
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import path from "node:path";
import { type Db, type Sent, write } from "../src/db/client.ts";
import { ROOT } from "../src/root.ts";
import { FIRST_CHAT, seedBigClub } from "../test/support/broadcast-load.ts";
import { fakeTelegram } from "../test/support/fake-bot-api.ts";
import { postJson, warm } from "../test/support/keepalive.ts";
import { telegramText } from "../test/support/samples.ts";
import { buildServer, freePort, startServer } from "../test/support/server-process.ts";
import { ALL_SCRIPTS, SCRIPTS, seeded } from "./flow-scripts.ts";
import { roleOf, seedFlowsRoster } from "./flows-roster.ts";
import { freshDatabase, freshFile, onPostgres, stopBenchDatabases } from "./fresh-db.ts";

const SECRET = "bench-secret";
const METRICS_TOKEN = "bench-metrics-token-0001";
const MIX = process.env.FLOWS === "mix";
const ALL = process.env.FLOWS === "all";
const SEED = Number(process.env.SEED ?? 27);
const PER_FLOW = Number(process.env.PER_FLOW ?? 100);
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

/**
 * What each chat sends in a round, and the flow it is (for per-flow figures); the baseline's menu is
 * numbered differently, so its texts differ.
 */
type Script = (chatIndex: number, round: number) => { flow: string; texts: string[] };
const CHECK_IN: Script = () => ({ flow: "checkin", texts: ["menu", "điểm danh", "1"] });
const BASELINE: Script = () => ({ flow: "checkin", texts: ["menu", "1", "1"] });
const MIXED: Script = (i) => {
  const flows = ["checkin", "loans", "visit", "health"];
  const texts = [["menu", "điểm danh", "1"], ["khoản vay"], ["nhờ thăm", "1", "mai", "nhờ đi chợ giúp"], ["huyết áp 130/85"]];
  return { flow: flows[i % 4] as string, texts: texts[i % 4] as string[] };
};
/** Every flow, each chat's script per round drawn from its role's scripts by a seeded sequence. */
function allFlows(seed: number): Script {
  const random = seeded(seed);
  const picked = new Map<string, { flow: string; texts: string[] }>();
  return (i, round) => {
    const key = `${i}:${round}`;
    let pick = picked.get(key);
    if (!pick) {
      const scripts = SCRIPTS[roleOf(i)];
      const script = scripts[Math.floor(random() * scripts.length)] ?? scripts[0];
      if (!script) throw new Error("no scripts");
      // Every round starts from the main menu, as a member who has just typed `0`.
      pick = { flow: script.name.split(":")[0] as string, texts: ["0", ...script.texts(i)] };
      picked.set(key, pick);
    }
    return pick;
  };
}
/** One script for every chat (the per-flow passes), chats of its role only. */
function oneScript(name: string): Script {
  const entry = ALL_SCRIPTS.find((s) => s.script.name === name);
  if (!entry) throw new Error(`no script ${name}`);
  return (i) => ({ flow: entry.script.name, texts: ["0", ...entry.script.texts(i)] });
}

type Figures = {
  name: string;
  chats: number;
  updates: number;
  seconds: number;
  latencies: number[];
  worstChat: number;
  statements?: Sent;
  /** CPU the servers used (user + system, all threads), per update. */
  cpuMsPerUpdate: number;
  /** Latencies by flow, when the load mixed flows. */
  byFlow: Map<string, number[]>;
};

/** Drive the servers: every chat in parallel, each chat's updates one after another, each to any server. */
async function drive(
  urls: string[],
  name: string,
  load: { chats: number; rounds: number },
  script: Script,
  chatIndexes: number[] = Array.from({ length: load.chats }, (_, i) => i),
): Promise<Figures> {
  // Open every chat's connection first, as Telegram keeps its webhook connections open: new
  // connections at once are otherwise accepted over seconds while open ones are served (both servers).
  for (const url of urls) await warm(url, load.chats);
  const perChat: number[][] = [];
  const byFlow = new Map<string, number[]>();
  const chat = async (index: number): Promise<void> => {
    const mine: number[] = [];
    perChat.push(mine);
    const userId = FIRST_CHAT + index;
    for (let round = 0; round < load.rounds; round++) {
      const { flow, texts } = script(index, round);
      const flowLatencies = byFlow.get(flow) ?? [];
      byFlow.set(flow, flowLatencies);
      for (const text of texts) {
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
        flowLatencies.push(performance.now() - started);
      }
    }
  };
  const before = name === "project" ? await statements(urls) : undefined;
  const cpuBefore = cpuMs(serverPids);
  const started = performance.now();
  await Promise.all(chatIndexes.map((i) => chat(i)));
  const seconds = (performance.now() - started) / 1000;
  const after = name === "project" ? await statements(urls) : undefined;
  const cpuUsed = cpuMs(serverPids) - cpuBefore;
  const latencies = perChat.flat().sort((a, b) => a - b);
  return {
    name,
    chats: load.chats,
    updates: latencies.length,
    seconds,
    latencies,
    worstChat: Math.max(...perChat.map((l) => Math.max(...l))),
    cpuMsPerUpdate: cpuUsed / latencies.length,
    byFlow,
    statements:
      before && after
        ? {
            statements: after.statements - before.statements,
            transactions: after.transactions - before.transactions,
            updateStatements: after.updateStatements - before.updateStatements,
            updateTransactions: after.updateTransactions - before.updateTransactions,
          }
        : undefined,
  };
}
let nextUpdateId = 1;

/**
 * The project's statement and transaction counters, from each instance's /metrics, summed: all of
 * them, and those of the transactions that handle the updates (without the sending and jobs beside).
 */
async function statements(urls: string[]): Promise<Sent> {
  const sum = { statements: 0, transactions: 0, updateStatements: 0, updateTransactions: 0 };
  for (const url of urls) {
    const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    const value = (name: string) => Number(text.match(new RegExp(`^${name} (\\d+)`, "m"))?.[1] ?? Number.NaN);
    sum.statements += value("tuongtro_db_statements_total");
    sum.transactions += value("tuongtro_db_transactions_total");
    sum.updateStatements += value("tuongtro_db_update_statements_total");
    sum.updateTransactions += value("tuongtro_db_update_transactions_total");
  }
  return sum;
}

/** The servers being driven: their CPU is read around each load. */
let serverPids: number[] = [];

/** User + system CPU of these processes so far, in ms (/proc/<pid>/stat, clock ticks of 10 ms). */
function cpuMs(pids: number[]): number {
  return pids.reduce((sum, pid) => {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return sum + (Number(fields[11]) + Number(fields[12])) * 10;
  }, 0);
}

/** Every thread of a process on one core (taskset, util-linux). */
function pinToCore(pid: number, core: number): void {
  execFileSync("taskset", ["--all-tasks", "--cpu-list", "--pid", String(core), String(pid)], { stdio: "ignore" });
}

/** VmHWM: the most resident memory the process ever had. */
function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(status.match(/VmHWM:\s+(\d+)/)?.[1] ?? 0) / 1024;
}

/** The p-th percentile of sorted latencies. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Each flow's share of a mixed load: updates, p50 and p99. */
function printByFlow(f: Figures): void {
  if (f.byFlow.size < 2) return;
  for (const [flow, latencies] of [...f.byFlow].sort()) {
    const sorted = [...latencies].sort((a, b) => a - b);
    process.stdout.write(
      `    ${flow.padEnd(12)} ${String(sorted.length).padStart(5)} updates, p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms\n`,
    );
  }
}

function print(f: Figures): void {
  const pct = (p: number) => percentile(f.latencies, p);
  const line =
    `${f.name.padEnd(9)} ${f.updates} updates / ${f.chats} chats in ${f.seconds.toFixed(2)} s → ${(f.updates / f.seconds).toFixed(1)} updates/s; ` +
    `p50 ${pct(50).toFixed(0)} ms, p99 ${pct(99).toFixed(0)} ms (${(pct(99) / pct(50)).toFixed(1)}× p50), max ${f.latencies.at(-1)?.toFixed(0)} ms; ` +
    `slowest chat waited ${(f.worstChat / 1000).toFixed(2)} s; server CPU ${f.cpuMsPerUpdate.toFixed(2)} ms per update`;
  const per = (n: number, digits: number) => (n / f.updates).toFixed(digits);
  const sql = f.statements
    ? `; ${per(f.statements.updateStatements, 2)} statements and ${per(f.statements.updateTransactions, 3)} transactions per update ` +
      `in the updates' own transactions (${per(f.statements.statements, 2)} and ${per(f.statements.transactions, 3)} with the sending and jobs beside)`
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
    serverPids = [child.pid ?? 0];
    const figures: Figures[] = [];
    for (const load of LOADS) figures.push(await drive([url], "baseline", load, BASELINE));
    return { figures, peakRssMb: peakRss(child.pid ?? 0) };
  } finally {
    child.kill("SIGKILL");
  }
}

/** The bench's club: every chat a linked member; a meeting open for check-in; for the mix, health and loan consent. */
async function seedProject(db: Db): Promise<void> {
  if (ALL) return seedFlowsRoster(db, MAX_CHATS);
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
    serverPids = servers.map((s) => s.child.pid ?? 0);
    // PIN_CORES=1: each instance on a core of its own (instance i on core i), all its threads, so one
    // instance and two are compared at the same CPU quota per instance.
    if (process.env.PIN_CORES) for (const [i, pid] of serverPids.entries()) pinToCore(pid, i % cpus().length);
    if (ALL) perFlow = await runEachFlow(urls);
    for (const load of LOADS) figures.push(await drive(urls, "project", load, ALL ? allFlows(SEED) : MIX ? MIXED : CHECK_IN));
    return { figures, peakRssMb: Math.max(...servers.map((s) => peakRss(s.child.pid ?? 0))) };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

/** FLOWS=all: each script alone, PER_FLOW chats of its role at once, one round. */
let perFlow: Figures[] = [];
async function runEachFlow(urls: string[]): Promise<Figures[]> {
  const out: Figures[] = [];
  for (const { role, script } of ALL_SCRIPTS) {
    const chats = Array.from({ length: MAX_CHATS }, (_, i) => i)
      .filter((i) => roleOf(i) === role)
      .slice(0, PER_FLOW);
    out.push(await drive(urls, "project", { chats: chats.length, rounds: 1 }, oneScript(script.name), chats));
  }
  return out;
}

function printPerFlow(): void {
  process.stdout.write(`— each flow alone, one round ('0' then the script), up to ${PER_FLOW} chats of its role at once\n`);
  process.stdout.write(
    "flow                          chats  updates/s   p50 ms   p99 ms  CPU ms  statements  transactions  with sending (per update)\n",
  );
  for (const f of perFlow) {
    const [name] = [...f.byFlow.keys()];
    const st = f.statements;
    process.stdout.write(
      `${(name ?? "").padEnd(29)} ${String(f.chats).padStart(5)} ${(f.updates / f.seconds).toFixed(1).padStart(10)} ` +
        `${percentile(f.latencies, 50).toFixed(0).padStart(8)} ${percentile(f.latencies, 99).toFixed(0).padStart(8)} ` +
        `${f.cpuMsPerUpdate.toFixed(2).padStart(7)} ` +
        `${st ? (st.updateStatements / f.updates).toFixed(2).padStart(11) : ""} ${st ? (st.updateTransactions / f.updates).toFixed(3).padStart(13) : ""}` +
        `${st ? (st.statements / f.updates).toFixed(2).padStart(14) : ""}\n`,
    );
  }
}

buildServer();
const api = fakeTelegram();
await api.start();
const base = process.env.ONLY !== "project" ? await runBaseline(api.url) : undefined;
const project = process.env.ONLY !== "baseline" ? await runProject(api.url) : undefined;
process.stdout.write(MIX ? "mix of check-in, loan view, visit request, blood-pressure reading\n" : "");
if (ALL) {
  process.stdout.write(`every flow (FLOWS=all, SEED=${SEED}); the baseline runs its check-in\n`);
  printPerFlow();
}
process.stdout.write(`project: ${onPostgres ? "PostgreSQL" : "SQLite"}, ${INSTANCES} instance(s)\n`);
LOADS.forEach((load, i) => {
  process.stdout.write(`— ${load.chats} chats × ${load.rounds} round(s)\n`);
  const b = base?.figures[i];
  const p = project?.figures[i];
  if (b) print(b);
  if (p) print(p);
  if (p) printByFlow(p);
  if (b && p) {
    const ratio = p.updates / p.seconds / (b.updates / b.seconds);
    process.stdout.write(`project / baseline throughput: ${ratio.toFixed(2)}×\n`);
  }
});
if (base) process.stdout.write(`baseline peak RSS ${base.peakRssMb.toFixed(0)} MB\n`);
if (project) process.stdout.write(`project peak RSS ${project.peakRssMb.toFixed(0)} MB (the largest instance)\n`);
await api.stop();
await stopBenchDatabases();
