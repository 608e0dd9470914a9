// SQL statements, transactions and main-thread CPU per webhook update, per flow, through the inbox in
// process (Telegram-shaped events; the chats of a script send each step at once, so group commit groups
// them as a burst does). Counts what the client sends (the counter /metrics shows) and every statement
// the driver sends (better-sqlite3, pg), printing each script's commonest shapes.
// FLOWS=checkin (default): CHATS members × ROUNDS of `menu` → `điểm danh` → `1`.
// FLOWS=all: every script of bench/flow-scripts.ts on the roster of bench/flows-roster.ts, CHATS
// chats of the script's role each (REPLIES=1 prints the replies the first chat got, to check a script).
// Run: npx tsx bench/statements-per-update.ts   (CHATS=50 ROUNDS=3; TEST_DATABASE=postgres; SHAPES=10)
import { createRequire } from "node:module";
import type { InboundEvent } from "../src/channels/types.ts";
import { statementsSent, write } from "../src/db/client.ts";
import { startTestApp } from "../test/support/app.ts";
import { FIRST_CHAT, seedBigClub } from "../test/support/broadcast-load.ts";
import setupTemplate from "../test/support/global-setup.ts";
import { ALL_SCRIPTS } from "./flow-scripts.ts";
import { roleOf, seedFlowsRoster } from "./flows-roster.ts";

const ALL = process.env.FLOWS === "all";
const CHATS = Number(process.env.CHATS ?? (ALL ? 20 : 50));
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const ROSTER = 20 * CHATS;

let seen = new Map<string, number>();
let counting = false;
const count = (sql: string) => {
  if (!counting) return;
  const shape = sql.replace(/\s+/g, " ").slice(0, 110);
  seen.set(shape, (seen.get(shape) ?? 0) + 1);
};
// SQLite: every statement better-sqlite3 runs (prepared statements are kept, so each run, not each
// prepare); PostgreSQL: every query pg's client sends.
type Run = (this: { source: string }, ...args: unknown[]) => unknown;
const Database = createRequire(import.meta.url)("better-sqlite3") as new (file: string) => { prepare(sql: string): object };
const statements = Object.getPrototypeOf(new Database(":memory:").prepare("SELECT 1")) as Record<"run" | "all", Run>;
for (const method of ["run", "all"] as const) {
  const run = statements[method];
  statements[method] = function (this: { source: string }, ...args: unknown[]) {
    count(this.source);
    return run.apply(this, args);
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
): Promise<{ updates: number; statements: number; transactions: number; cpuMs: number; ms: number }> {
  const before = statementsSent(db);
  const cpu = process.cpuUsage();
  const started = performance.now();
  counting = true;
  for (const texts of steps) {
    await Promise.all(chats.map((chat, i) => t.app.inbox.handle(event(chat, texts[i] as string))));
  }
  counting = false;
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const after = statementsSent(db);
  const updates = chats.length * steps.length;
  return {
    updates,
    statements: (after.statements - before.statements) / updates,
    transactions: (after.transactions - before.transactions) / updates,
    cpuMs: (used.user + used.system) / 1000 / updates,
    ms: ms / updates,
  };
}

function printShapes(updates: number, top: number): void {
  for (const [sql, n] of [...seen].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${(n / updates).toFixed(2).padStart(8)}  ${sql}\n`);
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
  process.stdout.write(`script                       statements  transactions  CPU ms  ms   (per update, ${CHATS} chats)\n`);
  for (const { role, script } of ALL_SCRIPTS) {
    const indexes = (byRole.get(role) ?? []).slice(0, CHATS);
    const chats = indexes.map((i) => FIRST_CHAT + i);
    // Every script starts from the main menu, as a member who has just typed `0`.
    await measure(chats, [chats.map(() => "0")]);
    seen = new Map();
    const firstReply = await lastOutboxId();
    const texts = indexes.map((i) => script.texts(i));
    const steps = (texts[0] ?? []).map((_, k) => texts.map((x) => x[k] as string));
    const f = await measure(chats, steps);
    process.stdout.write(
      `${script.name.padEnd(28)} ${f.statements.toFixed(2).padStart(10)} ${f.transactions.toFixed(3).padStart(13)} ${f.cpuMs.toFixed(2).padStart(7)} ${f.ms.toFixed(2).padStart(5)}\n`,
    );
    if (process.env.SHAPES) printShapes(f.updates, Number(process.env.SHAPES));
    if (process.env.REPLIES) await printReplies(String(chats[0]), firstReply);
  }
}
await t.close();
await teardown?.();

async function lastOutboxId(): Promise<number> {
  return (await db.outboxMessage.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
}

async function printReplies(chatId: string, after: number): Promise<void> {
  const rows = await db.outboxMessage.findMany({ where: { chatId, id: { gt: after } }, orderBy: { id: "asc" } });
  for (const row of rows)
    process.stdout.write(`      ← ${(JSON.parse(row.payload) as { text: string }).text.replace(/\n/g, " ⏎ ").slice(0, 150)}\n`);
}
