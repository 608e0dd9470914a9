// One reminder tick with N reminders due in the same minute (default 100,000), each for a member
// with a linked chat and health consent, on a SQLite file. Prints the time the tick took and its rate.
// Run: npx tsx bench/reminders.ts   (N=10000 for a quicker look)
import { randomUUID } from "node:crypto";
import path from "node:path";
import { write } from "../src/db/client.ts";
import { loadLocales } from "../src/i18n/index.ts";
import { sendDueReminders } from "../src/jobs/reminders.ts";
import { ROOT } from "../src/root.ts";
import { freshDatabase } from "./fresh-db.ts";

const N = Number(process.env.N ?? 100_000);
const { db } = await freshDatabase("reminders.db");
const i18n = loadLocales(path.join(ROOT, "locales"));
const due = new Date("2026-12-15T00:00:00Z"); // 7:00 in Vietnam

const setupStarted = performance.now();
await write(db, async (tx) => {
  const province = await tx.province.create({ data: { name: "Bench" } });
  const commune = await tx.commune.create({ data: { provinceId: province.id, name: "Bench" } });
  const club = await tx.club.create({ data: { code: "BENCH", name: "Bench", communeId: commune.id } });
  for (let start = 0; start < N; start += 5000) {
    const ids = Array.from({ length: Math.min(5000, N - start) }, () => randomUUID());
    await tx.member.createMany({
      data: ids.map((id, i) => ({ id, clubId: club.id, fullName: `Thành Viên ${start + i}`, gender: "F", birthYear: 1950 })),
    });
    await tx.consent.createMany({
      data: ids.map((memberId) => ({ memberId, purpose: "health", given: true, textVersion: 1, via: "bench", at: due })),
    });
    await tx.channelAccount.createMany({
      data: ids.map((memberId, i) => ({
        channel: "webchat",
        externalUserId: `b${start + i}`,
        chatId: `b${start + i}`,
        memberId,
        linkedAt: due,
      })),
    });
    await tx.reminder.createMany({
      data: ids.map((memberId) => ({ memberId, kind: "medicine", timeOfDay: "07:00", days: "daily", nextAt: due })),
    });
  }
});
process.stdout.write(
  `reminders: set up ${N} members with a 7:00 reminder in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s\n`,
);

const started = performance.now();
// What the scheduler's sweep does on the first tick after 7:00.
const sent = await sendDueReminders(db, i18n, new Date(due.getTime() + 30_000));
const seconds = (performance.now() - started) / 1000;
const queued = await db.outboxMessage.count();
process.stdout.write(
  `reminders: one tick sent ${sent} due reminders (${queued} messages queued) in ${seconds.toFixed(1)} s → ${(sent / seconds).toFixed(0)} reminders/s\n`,
);
await db.$disconnect();
