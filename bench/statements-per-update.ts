// SQL statements and transactions per webhook update on the hot path: CHATS linked members each send
// `menu` → `điểm danh` → `1` ROUNDS times through the inbox (in process, Telegram-shaped events, all
// chats at once per step so group commit can group them). Counts every statement better-sqlite3
// prepares (Prisma's queries and raw SQL alike) and every BEGIN, and prints the commonest statements.
// Run: npx tsx bench/statements-per-update.ts   (CHATS=50 ROUNDS=3)
import { createRequire } from "node:module";
import type { InboundEvent } from "../src/channels/types.ts";
import { write } from "../src/db/client.ts";
import { startTestApp } from "../test/support/app.ts";
import { FIRST_CHAT, seedBigClub } from "../test/support/broadcast-load.ts";

const CHATS = Number(process.env.CHATS ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 3);

type Prepare = (this: unknown, sql: string) => unknown;
const Database = createRequire(import.meta.url)("better-sqlite3") as { prototype: { prepare: Prepare } };
const seen = new Map<string, number>();
let counting = false;
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function (this: unknown, sql: string) {
  if (counting) {
    const shape = sql.replace(/\s+/g, " ").slice(0, 110);
    seen.set(shape, (seen.get(shape) ?? 0) + 1);
  }
  return prepare.call(this, sql);
};

const t = await startTestApp({ seed: false, realClock: true, env: { LOG_LEVEL: "warn" } });
t.app.outbox.stop(); // replies stay queued: only the inbox's statements are counted
const { clubId } = await seedBigClub(t.app.db, CHATS);
await write(t.app.db, (tx) =>
  tx.meeting.create({ data: { clubId, startsAt: new Date(Date.now() + 30 * 60_000), place: "Nhà văn hóa", code: "BENCH1" } }),
);

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

counting = true;
const started = performance.now();
for (let round = 0; round < ROUNDS; round++) {
  for (const text of ["menu", "điểm danh", "1"]) {
    await Promise.all(Array.from({ length: CHATS }, (_, i) => t.app.inbox.handle(event(FIRST_CHAT + i, text))));
  }
}
const ms = performance.now() - started;
counting = false;

const updates = CHATS * ROUNDS * 3;
const total = [...seen.values()].reduce((a, b) => a + b, 0);
const begins = [...seen].filter(([sql]) => /^BEGIN/i.test(sql)).reduce((a, [, n]) => a + n, 0);
process.stdout.write(
  `${updates} updates: ${total} statements (${(total / updates).toFixed(1)} per update), ${begins} transactions ` +
    `(${(begins / updates).toFixed(2)} per update), ${(ms / updates).toFixed(2)} ms per update in process\n`,
);
for (const [sql, n] of [...seen].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  process.stdout.write(`${(n / updates).toFixed(2).padStart(6)}  ${sql}\n`);
}
await t.close();
