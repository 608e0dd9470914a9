// A notice to 3 × 5,000 members, one province per stored bot, sent by the real server (two instances
// on PostgreSQL, `npm run test:pg`; one on SQLite): each member gets it once, through their
// province's bot; no bot passes 30 calls in a calendar second at the fake, and the three together
// send more than two bots' limit could: each bot has its own pace, side by side. The rate each bot
// reaches is a figure for bench/broadcast.ts, not a test's (this one prints it).
import { describe, expect, it } from "vitest";
import { BENCH_SECRETS_KEY, broadcastToAll, deliveryTally, seedBotProvinces, sendingFigures } from "../support/broadcast-load.ts";
import { startInstances } from "../support/cluster.ts";
import { onPostgres } from "../support/db.ts";
import { useDbAndTelegram } from "../support/db-and-telegram.ts";

const BOTS = 3;
const MEMBERS = 5000;
const LIMIT = 30;
const context = useDbAndTelegram();

describe(`a notice to ${BOTS} × ${MEMBERS} members, a bot per province`, () => {
  it("all delivered once, each through its own bot, ≤ 30 in any second per bot, more than 2 × 30 msg/s in all", async () => {
    const { api, db, url } = context;
    const provinces = await seedBotProvinces(db, BOTS, MEMBERS, (i) => `${20 + i}:bots-broadcast`);
    for (const p of provinces) await broadcastToAll(db, p.authorAccountId);
    const servers = await startInstances(onPostgres ? 2 : 1, {
      DATABASE_URL: url,
      BOT_SECRETS_KEY: BENCH_SECRETS_KEY,
      TELEGRAM_API_ROOT: api.url,
    });
    const toMembers = (p: (typeof provinces)[0]) =>
      api
        .of("sendMessage")
        .filter((c) => Number(c.body.chat_id) >= p.firstChat && Number(c.body.chat_id) < p.firstChat + MEMBERS);
    await api.waitFor(() => provinces.every((p) => new Set(toMembers(p).map((c) => c.body.chat_id)).size === MEMBERS), 600_000);
    await Promise.all(servers.map((s) => s.stop()));

    const all = provinces.flatMap(toMembers).sort((a, b) => a.at - b.at);
    const total = sendingFigures(all);
    const lines = [`${onPostgres ? "PostgreSQL, 2 instances" : "SQLite, 1 instance"}: ${total.rate.toFixed(1)} msg/s in all`];
    for (const p of provinces) {
      const calls = toMembers(p);
      const { missed, duplicates } = deliveryTally(calls, MEMBERS, p.firstChat);
      expect(missed).toEqual([]);
      expect(duplicates).toBe(0);
      expect(calls.every((c) => c.token === p.token)).toBe(true);
      // Every call a bot makes counts toward its limit, the author's confirmation included.
      const mine = sendingFigures(api.calls.filter((c) => c.token === p.token));
      lines.push(`bot ${p.botId}: ${sendingFigures(calls).rate.toFixed(1)} msg/s, busiest second ${mine.busiest}`);
      expect(mine.busiest).toBeLessThanOrEqual(LIMIT);
    }
    console.log(lines.join("\n"));
    expect(total.rate).toBeGreaterThan((BOTS - 1) * LIMIT);
  }, 900_000);
});
