// Webhook throughput and latency: 2,000 Telegram updates over 200 chats (10 each, sent in order per
// chat, all chats at once) to the real server in a child process, SQLite default, replies going to a
// fake Bot API. Prints updates/s and p50/p99 of the time to the 200 answer (= the commit).
// Run: npx tsx bench/telegram-webhook.ts   (CHATS and PER_CHAT change the load)
import { fakeTelegram } from "../test/support/fake-bot-api.ts";
import { telegramText } from "../test/support/samples.ts";
import { startServer } from "../test/support/server-process.ts";
import { freshFile } from "./fresh-db.ts";

const CHATS = Number(process.env.CHATS ?? 200);
const PER_CHAT = Number(process.env.PER_CHAT ?? 10);
const SECRET = "bench-secret";

const file = freshFile("telegram-webhook.db");

const api = fakeTelegram();
await api.start();
const server = await startServer({
  DATABASE_URL: `file:${file}`,
  TELEGRAM_BOT_TOKEN: "1:bench",
  TELEGRAM_WEBHOOK_SECRET: SECRET,
  TELEGRAM_API_ROOT: api.url,
});
const url = `${server.url}/webhooks/telegram`;

const texts = ["xin chào", "menu", "2", "menu", "gặp người", "2", "0", "xyz", "1", "menu"];
let updateId = 1;
async function chat(userId: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < PER_CHAT; i++) {
    const update = telegramText(userId, texts[i % texts.length] as string, updateId++);
    const started = performance.now();
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: JSON.stringify(update),
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`status ${res.status}`);
    latencies.push(performance.now() - started);
  }
  return latencies;
}

const started = performance.now();
const all = (await Promise.all(Array.from({ length: CHATS }, (_, i) => chat(800_000 + i)))).flat().sort((a, b) => a - b);
const seconds = (performance.now() - started) / 1000;
const pct = (p: number) => all[Math.min(all.length - 1, Math.floor((p / 100) * all.length))]?.toFixed(1);
process.stdout.write(
  `telegram-webhook: ${all.length} updates over ${CHATS} chats in ${seconds.toFixed(2)} s → ${(all.length / seconds).toFixed(0)} updates/s; ` +
    `latency p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${all.at(-1)?.toFixed(1)} ms; ` +
    `Bot API calls received meanwhile: ${api.of("sendMessage").length} sendMessage\n`,
);
// Replies leave through the outbox at Telegram's pace (throttled to ≈30 messages/s overall).
const before = api.of("sendMessage").length;
await new Promise((r) => setTimeout(r, 5000));
process.stdout.write(`delivery: ${api.of("sendMessage").length - before} sendMessage calls in the 5 s after the burst\n`);
await server.stop();
await api.stop();
