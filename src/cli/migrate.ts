// `migrate`: apply pending migrations.
import { loadConfig } from "../config.ts";
import { migrate } from "../db/migrate.ts";
import type { Command } from "./command.ts";

export const migrateCommand: Command = {
  summary: "apply pending migrations to DATABASE_URL (idempotent)",
  usage: "migrate",
  run: async () => {
    await migrate(loadConfig().databaseUrl);
    process.stdout.write("migrations applied\n");
    return 0;
  },
};
