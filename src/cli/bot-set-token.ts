// `bot:set-token`: a new token for a stored bot (the old one was revoked); its held messages then go.
import { loadConfig } from "../config.ts";
import { write } from "../db/client.ts";
import { botKindSchema, tokenSchema } from "../domain/bots/bot-input.ts";
import { setBotToken } from "../domain/bots/bots.ts";
import { lastFour } from "../domain/bots/sealed.ts";
import { checked } from "./bot-add.ts";
import type { Command } from "./command.ts";
import { requiredOptions, withDb } from "./support.ts";

export const botSetTokenCommand: Command = {
  summary: "replace a stored bot's token: the messages held since the platform refused the old one go out",
  usage: "bot:set-token --bot <id> --token <token>",
  run: async (args) => {
    const [id, token] = requiredOptions(args, "bot:set-token", ["--bot", "id"], ["--token", "token"]);
    const secretsKey = loadConfig().bots.secretsKey;
    if (!secretsKey) throw new Error("bot:set-token: BOT_SECRETS_KEY is required (the key the bots were stored with)");
    return withDb(async (db) => {
      const bot = await db.bot.findUnique({ where: { id } });
      if (!bot) throw new Error(`bot:set-token: no bot ${id}`);
      const valid = checked("--token", tokenSchema(botKindSchema.parse(bot.channel)), token);
      await write(db, (tx) => setBotToken(tx, secretsKey, id, valid));
      process.stdout.write(`${id}: token …${lastFour(valid)}\n`);
      return 0;
    });
  },
};
