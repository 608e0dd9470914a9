// SQL statements, transactions and CPU (the process's, and the main thread's) per webhook update, per flow, through the inbox in
// process (Telegram-shaped events; the chats of a script send each step at once, so group commit groups
// them as a burst does). Counts what the client sends (the counter /metrics shows) and every statement
// the driver sends (better-sqlite3, pg), printing each script's commonest shapes.
// FLOWS=checkin (default): CHATS members × ROUNDS of `menu` → `điểm danh` → `1`.
// FLOWS=all: every script of bench/flow-scripts.ts on the roster of bench/flows-roster.ts, CHATS
// chats of the script's role each (REPLIES=1 prints the replies the first chat got, to check a script).
// SCRIPTS=ledger:,board: runs only the scripts whose names start so (to profile a few).
// SHAPES=N prints each script's N commonest statements (per update; on SQLite with the time each run took).
// Run: npx tsx bench/statements-per-update.ts   (CHATS=50 ROUNDS=3; TEST_DATABASE=postgres; SHAPES=10)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { InboundEvent } from "../src/channels/types.ts";
import { statementsSent, write } from "../src/db/client.ts";
import { startTestApp } from "../test/support/app.ts";
import { FIRST_CHAT, seedBigClub } from "../test/support/broadcast-load.ts";
import setupTemplate from "../test/support/global-setup.ts";
import { ALL_SCRIPTS, type FlowScript } from "./flow-scripts.ts";
import { roleOf, seedFlowsRoster } from "./flows-roster.ts";

const ALL = process.env.FLOWS === "all";
const CHATS = Number(process.env.CHATS ?? (ALL ? 20 : 50));
const ROUNDS = Number(process.env.ROUNDS ?? 3);
// FLOWS=all: each script first runs WARM_ROUNDS times on WARM other chats of its role, uncounted, so
// its code is compiled and optimized as on a server that has run a while, not charged to its updates.
const WARM = 5;
const WARM_ROUNDS = 4;
const ROSTER = 20 * (CHATS + (ALL ? WARM : 0));

// Per shape: how often it ran, and (SQLite, where a statement runs on the main thread) the time it took.
let seen = new Map<string, { n: number; ms: number }>();
let counting = false;
const count = (sql: string, ms = 0) => {
  if (!counting) return;
  const shape = sql.replace(/\s+/g, " ").slice(0, 110);
  const was = seen.get(shape) ?? { n: 0, ms: 0 };
  seen.set(shape, { n: was.n + 1, ms: was.ms + ms });
};
// SQLite: every statement better-sqlite3 runs (prepared statements are kept, so each run, not each
// prepare); PostgreSQL: every query pg's client sends.
type Run = (this: { source: string }, ...args: unknown[]) => unknown;
const Database = createRequire(import.meta.url)("better-sqlite3") as new (file: string) => { prepare(sql: string): object };
const statements = Object.getPrototypeOf(new Database(":memory:").prepare("SELECT 1")) as Record<"run" | "all", Run>;
for (const method of ["run", "all"] as const) {
  const run = statements[method];
  statements[method] = function (this: { source: string }, ...args: unknown[]) {
    const started = performance.now();
    const result = run.apply(this, args);
    count(this.source, performance.now() - started);
    return result;
  };
}
type Query = (this: unknown, query: unknown, ...rest: unknown[]) => unknown;
const pg = createRequire(import.meta.url)("pg") as { Client: { prototype: { query: Query } } };
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: unknown, q: unknown, ...rest: unknown[]) {
  count(typeof q === "string" ? q : ((q as { text?: string }).text ?? ""));
  return query.call(this, q, ...rest);
};

// TEST_DATABASE=postgres: the tests' own PostgreSQL cluster and template.
const teardown = await setupTemplate();
// No jobs and no sending (even once elected leader, on PostgreSQL): only the inbox's statements are counted.
const t = await startTestApp({ seed: false, realClock: true, startJobs: false, env: { LOG_LEVEL: "warn" } });
const db = t.app.db;

let updateId = 1;
const event = (chat: number, text: string): InboundEvent => ({
  channel: "telegram",
  updateId: String(updateId++),
  chatId: String(chat),
  userId: String(chat),
  chatType: "private",
  kind: "text",
  text,
  at: new Date(),
});

/** Each step sent by every chat at once; the counters' difference per update. */
async function measure(
  chats: number[],
  steps: string[][],
): Promise<{ updates: number; statements: number; transactions: number; cpuMs: number; mainMs: number; ms: number }> {
  const before = statementsSent(db);
  const cpu = process.cpuUsage();
  const mainBefore = mainThreadMs();
  const started = performance.now();
  counting = true;
  for (const texts of steps) {
    await Promise.all(chats.map((chat, i) => t.app.inbox.handle(event(chat, texts[i] as string))));
  }
  counting = false;
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const mainUsed = mainThreadMs() - mainBefore;
  const after = statementsSent(db);
  const updates = chats.length * steps.length;
  return {
    updates,
    statements: (after.statements - before.statements) / updates,
    transactions: (after.transactions - before.transactions) / updates,
    cpuMs: (used.user + used.system) / 1000 / updates,
    mainMs: mainUsed / updates,
    ms: ms / updates,
  };
}

function printShapes(updates: number, top: number): void {
  for (const [sql, { n, ms }] of [...seen].sort((a, b) => b[1].n - a[1].n).slice(0, top)) {
    const each = ms > 0 ? `${((ms * 1000) / n).toFixed(0).padStart(5)} µs` : "";
    process.stdout.write(`${(n / updates).toFixed(2).padStart(8)} ${each}  ${sql}\n`);
  }
  seen = new Map();
}

if (!ALL) {
  const { clubId } = await seedBigClub(db, CHATS);
  await write(db, (tx) =>
    tx.meeting.create({ data: { clubId, startsAt: new Date(Date.now() + 30 * 60_000), place: "Nhà văn hóa", code: "BENCH1" } }),
  );
  const chats = Array.from({ length: CHATS }, (_, i) => FIRST_CHAT + i);
  const steps = Array.from({ length: ROUNDS }, () => ["menu", "điểm danh", "1"])
    .flat()
    .map((text) => chats.map(() => text));
  const f = await measure(chats, steps);
  process.stdout.write(
    `${f.updates} updates: ${f.statements.toFixed(2)} statements, ${f.transactions.toFixed(3)} transactions, ` +
      `${f.cpuMs.toFixed(2)} ms CPU and ${f.ms.toFixed(2)} ms per update in process\n`,
  );
  printShapes(f.updates, 25);
} else {
  await seedFlowsRoster(db, ROSTER);
  const byRole = new Map<string, number[]>();
  for (let i = 0; i < ROSTER; i++) byRole.set(roleOf(i), [...(byRole.get(roleOf(i)) ?? []), i]);
  process.stdout.write(
    `script                       statements  transactions  CPU ms  main ms  ms   (per update, ${CHATS} chats)\n`,
  );
  const only = process.env.SCRIPTS?.split(",");
  for (const { role, script } of ALL_SCRIPTS) {
    if (only && !only.some((prefix) => script.name.startsWith(prefix))) continue;
    const ofRole = byRole.get(role) ?? [];
    for (let round = 0; round < WARM_ROUNDS; round++) await runScript(script, ofRole.slice(CHATS, CHATS + WARM));
    seen = new Map();
    const indexes = ofRole.slice(0, CHATS);
    const chats = indexes.map((i) => FIRST_CHAT + i);
    const firstReply = await lastOutboxId();
    const f = await runScript(script, indexes);
    process.stdout.write(
      `${script.name.padEnd(28)} ${f.statements.toFixed(2).padStart(10)} ${f.transactions.toFixed(3).padStart(13)} ${f.cpuMs.toFixed(2).padStart(7)} ${f.mainMs.toFixed(2).padStart(7)} ${f.ms.toFixed(2).padStart(5)}\n`,
    );
    if (process.env.SHAPES) printShapes(f.updates, Number(process.env.SHAPES));
    if (process.env.REPLIES) await printReplies(String(chats[0]), firstReply);
  }
}
await t.close();
await teardown?.();

/** The script from the main menu (as a member who has just typed `0`), by these chats at once. */
async function runScript(script: FlowScript, indexes: number[]): ReturnType<typeof measure> {
  const chats = indexes.map((i) => FIRST_CHAT + i);
  await measure(chats, [chats.map(() => "0")]);
  seen = new Map();
  const texts = indexes.map((i) => script.texts(i));
  const steps = (texts[0] ?? []).map((_, k) => texts.map((x) => x[k] as string));
  return measure(chats, steps);
}

/**
 * The main thread's CPU (user + system) in ms, from Linux's per-thread counters: the process's CPU
 * also holds the compiler's and the collector's helper threads. Counted in clock ticks (10 ms).
 */
function mainThreadMs(): number {
  const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function lastOutboxId(): Promise<number> {
  return (await db.outboxMessage.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
}

async function printReplies(chatId: string, after: number): Promise<void> {
  const rows = await db.outboxMessage.findMany({ where: { chatId, id: { gt: after } }, orderBy: { id: "asc" } });
  for (const row of rows)
    process.stdout.write(`      ← ${(JSON.parse(row.payload) as { text: string }).text.replace(/\n/g, " ⏎ ").slice(0, 150)}\n`);
}
