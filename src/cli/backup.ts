// `backup` and `restore`: the database to a checked file while the server runs, and back.
import { loadConfig } from "../config.ts";
import { backupDatabase, restoreDatabase } from "../db/backup.ts";
import { migrate } from "../db/migrate.ts";
import type { Command } from "./command.ts";
import { requiredOptions } from "./support.ts";

export const backupCommand: Command = {
  summary: "copy the database to a file while the server runs (SQLite online backup), then integrity_check the copy",
  usage: "backup --out <file>",
  run: async (args) => {
    const [out] = requiredOptions(args, "backup", ["--out", "file"]);
    const { pages } = await backupDatabase(loadConfig().databaseUrl, out);
    process.stdout.write(`backup written to ${out} (${pages} pages, integrity ok)\n`);
    return 0;
  },
};

export const restoreCommand: Command = {
  summary: "replace the database with a backup after checking it (integrity, schema); refused while a server runs",
  usage: "restore --from <file>",
  run: async (args) => {
    const [from] = requiredOptions(args, "restore", ["--from", "file"]);
    const { databaseUrl } = loadConfig();
    restoreDatabase(databaseUrl, from);
    await migrate(databaseUrl); // a backup from an older release is brought up to date
    process.stdout.write(`restored from ${from}\n`);
    return 0;
  },
};
