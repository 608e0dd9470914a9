// `bot:remove`: forget a stored bot; its chats stay, and what was waiting for it is not sent.
import { write } from "../db/client.ts";
import { removeBot } from "../domain/bots/bots.ts";
import type { Command } from "./command.ts";
import { requiredOptions, withDb } from "./support.ts";

export const botRemoveCommand: Command = {
  summary: "remove a stored bot (its webhook answers 404 once the servers read the bots again)",
  usage: "bot:remove --bot <id>",
  run: async (args) => {
    const [id] = requiredOptions(args, "bot:remove", ["--bot", "id"]);
    return withDb(async (db) => {
      if (!(await write(db, (tx) => removeBot(tx, id)))) throw new Error(`bot:remove: no bot ${id}`);
      process.stdout.write(`removed ${id}\n`);
      return 0;
    });
  },
};
