// One reminder tick with N reminders due in the same minute (default 100,000), each for a member
// with a linked chat and health consent, on a SQLite file (DATABASE=postgres: on PostgreSQL). Prints the time the tick took and its rate.
// Run: npx tsx bench/reminders.ts   (N=10000 for a quicker look)
import path from "node:path";
import { loadLocales } from "../src/i18n/index.ts";
import { sendDueReminders } from "../src/jobs/reminders.ts";
import { ROOT } from "../src/root.ts";
import { seedReminders } from "../test/support/reminder-load.ts";
import { freshDatabase, stopBenchDatabases } from "./fresh-db.ts";

const N = Number(process.env.N ?? 100_000);
const { db } = await freshDatabase("reminders.db");
const i18n = loadLocales(path.join(ROOT, "locales"));
const due = new Date("2026-12-15T00:00:00Z"); // 7:00 in Vietnam

const setupStarted = performance.now();
await seedReminders(db, N, due);
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
await stopBenchDatabases();
