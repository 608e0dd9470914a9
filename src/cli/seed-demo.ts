// `seed-demo`: the demo club, its members and invite codes.
import { seedDemo } from "../domain/demo/demo-seed.ts";
import type { Command } from "./command.ts";
import { withDb } from "./support.ts";

export const seedDemoCommand: Command = {
  summary: "load the demo club, members and invite codes (idempotent)",
  usage: "seed-demo",
  run: () =>
    withDb(async (db) => {
      const result = await seedDemo(db, new Date(), { meetingToday: true });
      process.stdout.write(`demo seeded: ${result.created} new members\n`);
      for (const c of result.codes) process.stdout.write(`demo invite code for ${c.fullName}: ${c.code}\n`);
      return 0;
    }),
};
