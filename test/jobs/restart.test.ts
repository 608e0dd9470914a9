// The evening-before reminder reaches each member exactly once, even when the server is killed
// (kill -9) and restarted around the time it is due.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openDb, write } from "../../src/db/client.ts";
import { seedDemo } from "../../src/domain/demo-seed.ts";
import { enqueueJob } from "../../src/domain/jobs.ts";
import { freshDatabaseUrl } from "../support/db.ts";
import { type FakeBotApi, fakeTelegram } from "../support/fake-bot-api.ts";
import { type ServerProcess, startServer } from "../support/server-process.ts";

let api: FakeBotApi;
let db: Db;
let url: string;
const CHATS = [9101, 9102, 9103, 9104, 9105, 9106];

beforeAll(async () => {
  api = fakeTelegram();
  await api.start();
  url = freshDatabaseUrl();
  db = await openDb(url);
  await seedDemo(db, new Date());
});
afterAll(async () => {
  await db.$disconnect();
  await api.stop();
});

describe("meeting reminder across kill -9 and restart", () => {
  it("every linked member gets it once", async () => {
    const due = new Date(Date.now() + 4000);
    await write(db, async (tx) => {
      const club = await tx.club.findUniqueOrThrow({ where: { code: "LS-HD-01" } });
      const members = await tx.member.findMany({ where: { clubId: club.id }, take: CHATS.length, orderBy: { fullName: "asc" } });
      for (const [i, m] of members.entries()) {
        const chat = String(CHATS[i]);
        await tx.channelAccount.create({
          data: { channel: "telegram", externalUserId: chat, chatId: chat, memberId: m.id, linkedAt: new Date() },
        });
      }
      const meeting = await tx.meeting.create({
        data: { clubId: club.id, startsAt: new Date(due.getTime() + 86_400_000), place: "Nhà văn hóa", code: "RST23" },
      });
      await enqueueJob(tx, {
        kind: "meeting.remind_members",
        runAt: due,
        payload: { meetingId: meeting.id },
        dedupeKey: `meeting.remind_members:${meeting.id}`,
      });
    });
    const env = {
      DATABASE_URL: url,
      TELEGRAM_BOT_TOKEN: "1:restart",
      TELEGRAM_WEBHOOK_SECRET: "sec",
      TELEGRAM_API_ROOT: api.url,
    };
    let server: ServerProcess = await startServer(env);
    // Kill -9 three times around the due time, restarting each time.
    for (const offset of [-300, 150, 700]) {
      await new Promise((r) => setTimeout(r, Math.max(0, due.getTime() + offset - Date.now())));
      await server.kill();
      server = await startServer(env);
    }
    await api.waitFor(() => CHATS.every((c) => api.of("sendMessage", c).length >= 1), 45_000);
    await new Promise((r) => setTimeout(r, 2500));
    await server.stop();
    for (const chat of CHATS) {
      const texts = api.of("sendMessage", chat).map((c) => String(c.body.text));
      expect(texts, `chat ${chat}`).toHaveLength(1);
      expect(texts[0]).toMatch(/mai có buổi sinh hoạt Câu lạc bộ/);
    }
    expect(await db.job.count({ where: { status: "done" } })).toBe(1);
  }, 90_000);
});
