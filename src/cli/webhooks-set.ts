// `webhooks:set`: register each configured channel's webhook.
import { createTelegram } from "../channels/telegram/telegram.ts";
import { createZalo } from "../channels/zalo/zalo.ts";
import { loadConfig } from "../config.ts";
import { createLogger } from "../logger.ts";
import type { Command } from "./command.ts";

export const webhooksSetCommand: Command = {
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
        readFile: async () => undefined, // registering a webhook sends no files
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
