// A 5,000-member broadcast with two instances on one PostgreSQL database (npm run test:pg): one
// instance sends at a time, so Telegram never sees more than 30 messages in a second; the sender
// is killed (kill -9) in the middle and the other takes over: nobody missed, and the only
// duplicates are messages the dead one had claimed and not marked sent.
import { describe, expect, it } from "vitest";
import { AUTHOR_CHAT, broadcastToAll, deliveryTally, FIRST_CHAT, seedBigClub } from "../support/broadcast-load.ts";
import { leaderOf, startInstances } from "../support/cluster.ts";
import { onPostgres } from "../support/db.ts";
import { useDbAndTelegram } from "../support/db-and-telegram.ts";

const MEMBERS = 5000;
const LIMIT = 30;
const context = useDbAndTelegram();

describe.skipIf(!onPostgres)("a 5,000-member broadcast on two instances", () => {
  it("≤ 30 msg/s at Telegram in every second; the sender killed mid-way, the other finishes: 0 missed", async () => {
    const { api, db, url } = context;
    const { authorAccountId } = await seedBigClub(db, MEMBERS);
    const broadcastId = await broadcastToAll(db, authorAccountId);
    const servers = await startInstances(2, {
      DATABASE_URL: url,
      TELEGRAM_BOT_TOKEN: "1:cluster",
      TELEGRAM_WEBHOOK_SECRET: "sec",
      TELEGRAM_API_ROOT: api.url,
      OUTBOX_LEASE_MS: "2000",
    });
    const memberChats = () => api.of("sendMessage").filter((c) => Number(c.body.chat_id) >= FIRST_CHAT);
    const first = await leaderOf(servers);
    await api.waitFor(() => memberChats().length >= MEMBERS / 3, 200_000);
    const killedAt = new Date();
    await first.kill();
    // In flight at the kill: rows the dead sender had leased and not marked sent.
    const inFlight = await db.outboxMessage.count({ where: { broadcastId, status: "pending", leaseUntil: { gt: killedAt } } });
    const survivor = servers.find((s) => s !== first);
    if (!survivor) throw new Error("no second instance");
    expect(await leaderOf([survivor], 15_000)).toBe(survivor);

    const seen = () => new Set(memberChats().map((c) => Number(c.body.chat_id))).size;
    await api.waitFor(() => seen() === MEMBERS, 400_000);
    await api.waitFor(() => api.of("sendMessage", AUTHOR_CHAT).some((c) => /đã gửi xong/.test(String(c.body.text))), 30_000);
    await survivor.stop();

    const { missed, duplicates } = deliveryTally(memberChats(), MEMBERS);
    // Every call to the Bot API counts toward the bot's limit, by the second it reached the fake.
    const perSecond = new Map<number, number>();
    for (const c of api.calls) perSecond.set(Math.floor(c.at / 1000), (perSecond.get(Math.floor(c.at / 1000)) ?? 0) + 1);
    const busiest = Math.max(...perSecond.values());
    console.log(
      `two-instance broadcast: busiest second ${busiest} calls, in flight at the kill ${inFlight}, duplicates ${duplicates}, missed ${missed.length}`,
    );
    expect(busiest).toBeLessThanOrEqual(LIMIT);
    expect(missed).toEqual([]);
    expect(duplicates).toBeLessThanOrEqual(inFlight);
    expect(await db.outboxMessage.count({ where: { broadcastId, status: "sent" } })).toBe(MEMBERS + 1);
    expect((await db.broadcast.findUniqueOrThrow({ where: { id: broadcastId } })).status).toBe("done");
  }, 600_000);
});
