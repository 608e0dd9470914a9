// A 5,000-member broadcast to a fake Telegram while the server is killed (kill -9) 20 times and
// restarted: nobody is missed, and the only duplicates are messages that were in flight at a kill
// (claimed from the outbox, not yet marked sent), counted from the database right after each kill.
import { describe, expect, it } from "vitest";
import { AUTHOR_CHAT, broadcastToAll, deliveryTally, FIRST_CHAT, seedBigClub } from "../support/broadcast-load.ts";
import { useDbAndTelegram } from "../support/db-and-telegram.ts";
import { type ServerProcess, startServer } from "../support/server-process.ts";

const MEMBERS = 5000;
const KILLS = 20;
const context = useDbAndTelegram();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("a 5,000-member broadcast across 20 × kill -9", () => {
  it("reaches every member; duplicates ≤ messages in flight at the kills", async () => {
    const { api, db, url } = context;
    const { authorAccountId } = await seedBigClub(db, MEMBERS);
    const broadcastId = await broadcastToAll(db, authorAccountId);
    const env = {
      DATABASE_URL: url,
      TELEGRAM_BOT_TOKEN: "1:broadcast",
      TELEGRAM_WEBHOOK_SECRET: "sec",
      TELEGRAM_API_ROOT: api.url,
      OUTBOX_LEASE_MS: "2000",
    };
    const memberChats = () => api.of("sendMessage").filter((c) => Number(c.body.chat_id) >= FIRST_CHAT);
    // In flight at a kill = rows the killed process claimed (lease set at or after its start) and
    // never marked sent or failed.
    const LEASE_MS = Number(env.OUTBOX_LEASE_MS);
    let startedAt = new Date();
    let server: ServerProcess = await startServer(env);
    await api.waitFor(() => memberChats().length > 0, 60_000);
    const inFlight: number[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      await sleep(2500 + ((kill * 1543) % 3000)); // 2.5–5.5 s of sending between kills
      await server.kill();
      inFlight.push(
        await db.outboxMessage.count({
          where: { broadcastId, status: "pending", leaseUntil: { gte: new Date(startedAt.getTime() + LEASE_MS) } },
        }),
      );
      startedAt = new Date();
      server = await startServer(env);
    }
    const seen = () => new Set(memberChats().map((c) => Number(c.body.chat_id))).size;
    await api.waitFor(() => seen() === MEMBERS, 400_000);
    // The final report (the author, a member too, first got the notice itself).
    await api.waitFor(() => api.of("sendMessage", AUTHOR_CHAT).some((c) => /đã gửi xong/.test(String(c.body.text))), 30_000);
    await server.stop();

    const { missed, duplicates } = deliveryTally(memberChats(), MEMBERS);
    const inFlightTotal = inFlight.reduce((a, b) => a + b, 0);
    console.log(
      `broadcast kill test: ${KILLS} kills, in flight at each kill ${inFlight.join(",")} (Σ ${inFlightTotal}), duplicates ${duplicates}, missed ${missed.length}`,
    );
    expect(missed).toEqual([]);
    expect(duplicates).toBeLessThanOrEqual(inFlightTotal);
    // One outbox row per member (the author is a member too), each sent; the broadcast is done and
    // its report went to the author.
    expect(await db.outboxMessage.count({ where: { broadcastId } })).toBe(MEMBERS + 1);
    expect(await db.outboxMessage.count({ where: { broadcastId, status: "sent" } })).toBe(MEMBERS + 1);
    expect((await db.broadcast.findUniqueOrThrow({ where: { id: broadcastId } })).status).toBe("done");
    expect(String(api.of("sendMessage", AUTHOR_CHAT).at(-1)?.body.text)).toMatch(/5001\/5001 tới nơi/);
  }, 900_000);
});
