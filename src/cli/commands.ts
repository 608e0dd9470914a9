// Operator commands: `npm run cli -- <command> [options]`. Each has --help; bad input exits non-zero with one line.
import { ROOT } from "../app.ts";
import { createTelegram } from "../channels/telegram/telegram.ts";
import { createZalo } from "../channels/zalo/zalo.ts";
import { loadConfig } from "../config.ts";
import { openDb } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import { seedDemo } from "../domain/demo-seed.ts";
import { formatProblem } from "../engine/loader.ts";
import { createLogger } from "../logger.ts";
import { checkProject } from "../runtime/project-check.ts";
import { serve } from "./serve.ts";

export type Command = { summary: string; usage: string; run: (args: string[]) => Promise<number> };

export const commands: Record<string, Command> = {
  serve: {
    summary: "apply migrations, seed an empty database, serve on PORT",
    usage: "serve",
    run: async () => {
      await serve();
      return 0;
    },
  },
  migrate: {
    summary: "apply pending migrations to DATABASE_URL (idempotent)",
    usage: "migrate",
    run: async () => {
      await migrate(loadConfig().databaseUrl);
      process.stdout.write("migrations applied\n");
      return 0;
    },
  },
  "seed-demo": {
    summary: "load the demo club, members and invite codes (idempotent)",
    usage: "seed-demo",
    run: async () => {
      const config = loadConfig();
      await migrate(config.databaseUrl);
      const db = await openDb(config.databaseUrl);
      try {
        const result = await seedDemo(db, new Date());
        process.stdout.write(`demo seeded: ${result.created} new members\n`);
        for (const c of result.codes) process.stdout.write(`demo invite code for ${c.fullName}: ${c.code}\n`);
      } finally {
        await db.$disconnect();
      }
      return 0;
    },
  },
  "flows:check": {
    summary: "validate flows/ and locales/; lists every problem as file:node: problem",
    usage: "flows:check [--flows DIR] [--locales DIR] (paths relative to the project root)",
    run: async (args) => {
      const flows = option(args, "--flows") ?? "flows";
      const locales = option(args, "--locales") ?? "locales";
      const { flows: loaded, problems } = checkProject(ROOT, { flows, locales });
      for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
      if (problems.length > 0) {
        process.stderr.write(`flows:check: ${problems.length} problem(s)\n`);
        return 1;
      }
      process.stdout.write(`flows:check: ${loaded.size} flows ok\n`);
      return 0;
    },
  },
};

commands["webhooks:set"] = {
  summary: "register PUBLIC_URL/webhooks/<channel> with each configured channel's API",
  usage: "webhooks:set",
  run: async () => {
    const config = loadConfig();
    if (!config.publicUrl) throw new Error("PUBLIC_URL: required for webhooks:set");
    const silent = createLogger("silent");
    let done = 0;
    if (config.telegram) {
      await createTelegram(config.telegram, {
        handle: async () => undefined,
        logger: silent,
        clock: () => new Date(),
      }).setWebhook(config.publicUrl);
      process.stdout.write("telegram webhook set\n");
      done += 1;
    }
    if (config.zalo) {
      await createZalo(config.zalo, { handle: async () => undefined, logger: silent, clock: () => new Date() }).setWebhook(
        config.publicUrl,
      );
      process.stdout.write("zalo webhook set\n");
      done += 1;
    }
    if (done === 0) throw new Error("no channel configured: set TELEGRAM_BOT_TOKEN or ZALO_BOT_TOKEN");
    return 0;
  },
};

export function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export function helpText(): string {
  const lines = ["usage: npm run cli -- <command> [options]", "", "commands:"];
  for (const [name, c] of Object.entries(commands)) lines.push(`  ${name.padEnd(16)} ${c.summary}`);
  lines.push("", "Each command takes --help.");
  return `${lines.join("\n")}\n`;
}
