// Broadcast throughput: one notice to 5,000 members with linked Telegram chats, sent by the real
// server in a child process to a fake Bot API. Prints msg/s at the Bot API against Telegram's
// ≈30 msg/s limit, how long queueing took, and checks each member got exactly one message.
// Run: npx tsx bench/broadcast.ts   (MEMBERS changes the size; DATABASE=postgres on PostgreSQL,
// INSTANCES=2 with that many servers on it: only the one that leads sends)
import { broadcastToAll, FIRST_CHAT, seedBigClub } from "../test/support/broadcast-load.ts";
import { fakeTelegram } from "../test/support/fake-bot-api.ts";
import { startServer } from "../test/support/server-process.ts";
import { freshDatabase, onPostgres, stopBenchDatabases } from "./fresh-db.ts";

const MEMBERS = Number(process.env.MEMBERS ?? 5000);
const LIMIT = 30;
const INSTANCES = Number(process.env.INSTANCES ?? 1);

const { url, db } = await freshDatabase("broadcast.db");
const { authorAccountId } = await seedBigClub(db, MEMBERS);
const broadcastId = await broadcastToAll(db, authorAccountId);

const api = fakeTelegram();
await api.start();
const servers = await Promise.all(
  Array.from({ length: INSTANCES }, () =>
    startServer({
      DATABASE_URL: url,
      TELEGRAM_BOT_TOKEN: "1:bench",
      TELEGRAM_WEBHOOK_SECRET: "bench-secret",
      TELEGRAM_API_ROOT: api.url,
    }),
  ),
);
const sends = () => api.of("sendMessage").filter((c) => Number(c.body.chat_id) >= FIRST_CHAT);
await api.waitFor(() => sends().length >= MEMBERS, 30 * 60_000);
await Promise.all(servers.map((s) => s.stop()));

const calls = sends();
const first = calls[0]?.at ?? 0;
const lastAt = calls.at(-1)?.at ?? 0;
const seconds = (lastAt - first) / 1000;
const rate = (calls.length - 1) / seconds;
const perChat = new Map<string, number>();
for (const c of calls) perChat.set(String(c.body.chat_id), (perChat.get(String(c.body.chat_id)) ?? 0) + 1);
const b = await db.broadcast.findUniqueOrThrow({ where: { id: broadcastId } });
const queuedIn = (b.queuedAt?.getTime() ?? 0) - b.createdAt.getTime();
// Steadiest stretch: messages per whole second between the first and last second.
const bySecond = new Map<number, number>();
for (const c of calls)
  bySecond.set(Math.floor((c.at - first) / 1000), (bySecond.get(Math.floor((c.at - first) / 1000)) ?? 0) + 1);
const inner = [...bySecond.entries()].filter(([s]) => s > 0 && s < Math.floor(seconds)).map(([, n]) => n);
console.log(
  [
    `${onPostgres ? "PostgreSQL" : "SQLite"}, ${INSTANCES} instance(s)`,
    `members: ${MEMBERS}, messages at the Bot API: ${calls.length}, distinct chats: ${perChat.size}, chats with more than one: ${[...perChat.values()].filter((n) => n > 1).length}`,
    `created → queued (server start, scheduler tick, one queueing transaction): ${queuedIn} ms`,
    `sending: ${seconds.toFixed(1)} s → ${rate.toFixed(2)} msg/s = ${((rate / LIMIT) * 100).toFixed(1)}% of ${LIMIT} msg/s`,
    `per second: min ${Math.min(...inner)}, max ${Math.max(...inner)}, seconds under 25: ${inner.filter((n) => n < 25).length} of ${inner.length}`,
    `busiest calendar second at the Bot API: ${busiestSecond(calls.map((c) => c.at))} (limit ${LIMIT})`,
    `most in any sliding 1,000 ms: ${maxInWindow(
      calls.map((c) => c.at),
      1000,
    )}`,
  ].join("\n"),
);
await db.$disconnect();
await api.stop();
await stopBenchDatabases();

function busiestSecond(times: number[]): number {
  const bySecond = new Map<number, number>();
  for (const at of times) bySecond.set(Math.floor(at / 1000), (bySecond.get(Math.floor(at / 1000)) ?? 0) + 1);
  return Math.max(...bySecond.values());
}

function maxInWindow(times: number[], windowMs: number): number {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[i] as number) - (times[j] as number) >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}
