// `webhooks:set`: register each bot's webhook: the environment's bots and every stored one.
import { loadConfig } from "../config.ts";
import { createLogger } from "../logger.ts";
import { Bots } from "../runtime/bots.ts";
import type { Command } from "./command.ts";
import { withDb } from "./support.ts";

export const webhooksSetCommand: Command = {
  summary: "register PUBLIC_URL/webhooks/<channel> (and /webhooks/<channel>/<bot id> for stored bots) with each bot's API",
  usage: "webhooks:set",
  run: async () => {
    const config = loadConfig();
    const publicUrl = config.publicUrl;
    if (!publicUrl) throw new Error("PUBLIC_URL: required for webhooks:set");
    return withDb(async (db) => {
      const bots = new Bots({
        db,
        defaults: { telegram: config.telegram, zalo: config.zalo },
        ...config.bots,
        publicUrl,
        // Registering a webhook reads no updates and sends no files.
        handle: async () => undefined,
        readFile: async () => undefined,
        logger: createLogger("silent"),
        clock: () => new Date(),
        released: () => undefined,
      });
      await bots.refresh();
      const setters = bots.webhookSetters();
      if (setters.length === 0) throw new Error("no bot configured: set TELEGRAM_BOT_TOKEN or ZALO_BOT_TOKEN, or bot:add");
      for (const [channel, setWebhook] of setters) {
        await setWebhook(publicUrl);
        process.stdout.write(`${channel} webhook set\n`);
      }
      return 0;
    });
  },
};
