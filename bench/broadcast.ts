// Broadcast throughput: one notice to 5,000 members with linked Telegram chats, sent by the real
// server in a child process to a fake Bot API. Prints msg/s at the Bot API against Telegram's
// ≈30 msg/s limit, how long queueing took, and checks each member got exactly one message.
// Run: npx tsx bench/broadcast.ts   (MEMBERS changes the size; DATABASE=postgres on PostgreSQL,
// INSTANCES=2 with that many servers on it: only the one that leads sends; BOTS=3: that many
// provinces of MEMBERS each, a stored bot per province, each bot with its own pace)
import {
  BENCH_SECRETS_KEY,
  type BotProvince,
  broadcastToAll,
  deliveryTally,
  FIRST_CHAT,
  seedBigClub,
  seedBotProvinces,
  sendingFigures,
} from "../test/support/broadcast-load.ts";
import { type Call, fakeTelegram } from "../test/support/fake-bot-api.ts";
import { startServer } from "../test/support/server-process.ts";
import { freshDatabase, onPostgres, stopBenchDatabases } from "./fresh-db.ts";

const MEMBERS = Number(process.env.MEMBERS ?? 5000);
const LIMIT = 30;
const INSTANCES = Number(process.env.INSTANCES ?? 1);
const BOTS = Number(process.env.BOTS ?? 1);
const DEFAULT_TOKEN = "1:bench";

const { url, db } = await freshDatabase("broadcast.db");
// One bot: the environment's default; several: stored bots, a province each.
const provinces: Array<Omit<BotProvince, "botId"> & { botId?: string }> =
  BOTS === 1
    ? [{ token: DEFAULT_TOKEN, firstChat: FIRST_CHAT, authorAccountId: (await seedBigClub(db, MEMBERS)).authorAccountId }]
    : await seedBotProvinces(db, BOTS, MEMBERS, (i) => `${10 + i}:bench`);
const broadcastIds = [];
for (const p of provinces) broadcastIds.push(await broadcastToAll(db, p.authorAccountId));

const api = fakeTelegram();
await api.start();
const servers = await Promise.all(
  Array.from({ length: INSTANCES }, () =>
    startServer({
      DATABASE_URL: url,
      TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: "bench-secret",
      TELEGRAM_API_ROOT: api.url,
      BOT_SECRETS_KEY: BENCH_SECRETS_KEY,
    }),
  ),
);
const toMembers = (p: (typeof provinces)[0]) =>
  api.of("sendMessage").filter((c) => Number(c.body.chat_id) >= p.firstChat && Number(c.body.chat_id) < p.firstChat + MEMBERS);
await api.waitFor(() => provinces.every((p) => toMembers(p).length >= MEMBERS), 30 * 60_000);
await Promise.all(servers.map((s) => s.stop()));

const lines = [`${onPostgres ? "PostgreSQL" : "SQLite"}, ${INSTANCES} instance(s), ${BOTS} bot(s) × ${MEMBERS} members`];
for (const [i, p] of provinces.entries()) {
  const calls = toMembers(p);
  const { missed, duplicates } = deliveryTally(calls, MEMBERS, p.firstChat);
  const figures = sendingFigures(calls);
  const b = await db.broadcast.findUniqueOrThrow({ where: { id: broadcastIds[i] as number } });
  const queuedIn = (b.queuedAt?.getTime() ?? 0) - b.createdAt.getTime();
  const first = calls[0]?.at ?? 0;
  // Steadiest stretch: messages per whole second between the first and last second.
  const bySecond = new Map<number, number>();
  for (const c of calls)
    bySecond.set(Math.floor((c.at - first) / 1000), (bySecond.get(Math.floor((c.at - first) / 1000)) ?? 0) + 1);
  const inner = [...bySecond.entries()].filter(([s]) => s > 0 && s < Math.floor(figures.seconds)).map(([, n]) => n);
  const all = api.calls.filter((c) => c.token === p.token);
  lines.push(
    `bot ${p.botId ?? "default"}: messages ${calls.length}, missed ${missed.length}, more than one ${duplicates}; created → queued ${queuedIn} ms`,
    `  sending: ${figures.seconds.toFixed(1)} s → ${figures.rate.toFixed(2)} msg/s = ${((figures.rate / LIMIT) * 100).toFixed(1)}% of ${LIMIT} msg/s`,
    `  per second: min ${Math.min(...inner)}, max ${Math.max(...inner)}, seconds under 25: ${inner.filter((n) => n < 25).length} of ${inner.length}`,
    `  busiest calendar second at the Bot API (every call of this bot): ${sendingFigures(all).busiest} (limit ${LIMIT}); most in any sliding 1,000 ms: ${maxInWindow(all, 1000)}`,
  );
}
if (BOTS > 1) {
  const total = sendingFigures(provinces.flatMap(toMembers).sort((a, b) => a.at - b.at));
  lines.push(
    `all bots: ${total.messages} messages in ${total.seconds.toFixed(1)} s → ${total.rate.toFixed(2)} msg/s (${BOTS} × ${LIMIT} = ${BOTS * LIMIT})`,
  );
}
console.log(lines.join("\n"));
await db.$disconnect();
await api.stop();
await stopBenchDatabases();

function maxInWindow(calls: Call[], windowMs: number): number {
  const times = calls.map((c) => c.at);
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[i] as number) - (times[j] as number) >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}
