// The evening-before reminder reaches each member exactly once, even when the server is killed
// (kill -9) and restarted around the time it is due.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openDb, write } from "../../src/db/client.ts";
import { seedDemo } from "../../src/domain/demo/demo-seed.ts";
import { enqueueJob } from "../../src/domain/scheduling/enqueue-job.ts";
import { loadLocales } from "../../src/i18n/index.ts";
import { ROOT } from "../../src/root.ts";
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
  url = await freshDatabaseUrl();
  db = await openDb(url);
  await seedDemo(db, new Date());
});
afterAll(async () => {
  await db.$disconnect();
  await api.stop();
});

describe("meeting reminder across kill -9 and restart", () => {
  it("the meeting reminder, a health reminder and a visit escalation are queued once and delivered", async () => {
    const due = new Date(Date.now() + 4000);
    await write(db, async (tx) => {
      const club = await tx.club.findUniqueOrThrow({ where: { code: "DEMO" } });
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
      // A daily health reminder of Hoàng Thị Mận (health consent from the demo's paper forms), due then too.
      const man = members.find((m) => m.fullName === "Hoàng Thị Mận") as { id: string };
      const local = new Date(due.getTime() + 7 * 3_600_000).toISOString().slice(11, 16);
      await tx.reminder.create({ data: { memberId: man.id, kind: "medicine", timeOfDay: local, days: "daily", nextAt: due } });
      // And an unclaimed home-visit request reaching its 4-hour escalation at the same moment.
      const asker = members[0] as { id: string };
      const visit = await tx.visitRequest.create({
        data: {
          clubId: club.id,
          memberId: asker.id,
          need: "company",
          when: "this_week",
          createdAt: new Date(due.getTime() - 4 * 3_600_000),
        },
      });
      await enqueueJob(tx, {
        kind: "visit.escalate",
        runAt: due,
        payload: { visitId: visit.id, level: 1 },
        dedupeKey: `visit.escalate:${visit.id}:1`,
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
    const volunteerChats = (
      await db.channelAccount.findMany({
        where: { chatId: { in: CHATS.map(String) }, member: { roles: { some: { role: "volunteer" } } } },
      })
    ).map((a) => Number(a.chatId));
    // Everyone their meeting reminder; volunteers and the asker also the visit escalation.
    await api.waitFor(
      () =>
        CHATS.every((c) => api.of("sendMessage", c).length >= ([...volunteerChats, CHATS[0]].includes(c) ? 2 : 1)) &&
        api.of("sendMessage", 9102).length >= 2,
      60_000,
    );
    await new Promise((r) => setTimeout(r, 2500));
    await server.stop();
    const volunteers = await db.channelAccount.findMany({
      where: { chatId: { in: CHATS.map(String) }, member: { roles: { some: { role: "volunteer" } } } },
    });
    expect(volunteers.length).toBeGreaterThan(0);
    // Queued exactly once per chat and notice: the job and its outbox rows commit together.
    const rows = await db.outboxMessage.findMany({ select: { chatId: true, dedupeKey: true, status: true } });
    for (const chat of CHATS) {
      const mine = rows.filter((r) => r.chatId === String(chat));
      expect(
        mine.filter((r) => r.dedupeKey?.startsWith("meetings:reminder:")),
        `chat ${chat}`,
      ).toHaveLength(1);
      expect(mine.filter((r) => r.dedupeKey?.includes(":escalate1")).length, `chat ${chat}`).toBe(
        volunteerChats.includes(chat) || chat === CHATS[0] ? 1 : 0,
      );
      expect(mine.every((r) => r.status === "sent")).toBe(true);
    }
    // Delivered to every chat; the Bot API has no idempotency key, so a kill between its answer and
    // our commit can resend that one in-flight message: at most one per kill.
    const monthlyReport = loadLocales(path.join(ROOT, "locales")).t("vi", "report:monthly_intro");
    const received = CHATS.map(
      (c) => api.of("sendMessage", c).filter((call) => !String(call.body.text ?? "").startsWith(monthlyReport)).length,
    );
    const manChat = Number(
      (await db.channelAccount.findFirstOrThrow({ where: { member: { fullName: "Hoàng Thị Mận" } } })).chatId,
    );
    expect(rows.filter((r) => r.dedupeKey?.startsWith("reminder:"))).toHaveLength(1);
    expect(rows.find((r) => r.dedupeKey?.startsWith("reminder:"))?.chatId).toBe(String(manChat));
    expect(await db.reminderEvent.count()).toBe(1);
    const expected = CHATS.map((c) => (volunteerChats.includes(c) || c === CHATS[0] ? 2 : 1) + (c === manChat ? 1 : 0));
    expect(received.every((n, i) => n >= (expected[i] as number))).toBe(true);
    const duplicates = received.reduce((a, n, i) => a + n - (expected[i] as number), 0);
    expect(duplicates).toBeLessThanOrEqual(3);
    // Only the seeded jobs: from the 1st to the 3rd of a month the monthly report sweep adds its own.
    expect(await db.job.count({ where: { status: "done", kind: { in: ["meeting.remind_members", "visit.escalate"] } } })).toBe(2);
  }, 120_000);
});
