// `bot:list`: the stored bots, with only the last 4 characters of each token.
import { listBots } from "../domain/bots/bots.ts";
import type { Command } from "./command.ts";
import { csvLine, withDb } from "./support.ts";

export const botListCommand: Command = {
  summary: "print CSV id,channel,name,areas,token (its last 4 characters),refused (the platform refused the token)",
  usage: "bot:list",
  run: async () =>
    withDb(async (db) => {
      process.stdout.write(`${csvLine(["id", "channel", "name", "areas", "token", "refused"])}\n`);
      for (const bot of await listBots(db)) {
        const row = [bot.id, bot.channel, bot.name, bot.areas.join("; "), `…${bot.tokenLast4}`, bot.refused ? "yes" : "no"];
        process.stdout.write(`${csvLine(row)}\n`);
      }
      return 0;
    }),
};
