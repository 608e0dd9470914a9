// `bot:add`: store one more Telegram or Zalo bot (token and secret sealed), serving some areas.
import { z } from "zod";
import { loadConfig } from "../config.ts";
import { write } from "../db/client.ts";
import { resolveAreas } from "../domain/bots/bot-areas.ts";
import { botKindSchema, secretSchema, tokenSchema, usernameSchema } from "../domain/bots/bot-input.ts";
import { addBot } from "../domain/bots/bots.ts";
import type { Command } from "./command.ts";
import { option, optionValues, requiredOptions, withDb } from "./support.ts";

export const botAddCommand: Command = {
  summary: "store a Telegram or Zalo bot for some provinces or communes; prints its id (webhook /webhooks/<channel>/<id>)",
  usage:
    "bot:add --channel telegram|zalo --token <token> --secret <webhook secret> --name <display name> [--username <@bot>] [--province <name>…] [--commune <name>…]",
  run: async (args) => {
    const [channel, token, secret, name] = requiredOptions(
      args,
      "bot:add",
      ["--channel", "telegram|zalo"],
      ["--token", "token"],
      ["--secret", "webhook secret"],
      ["--name", "display name"],
    );
    const kind = checked("--channel", botKindSchema, channel);
    const input = {
      channel: kind,
      token: checked("--token", tokenSchema(kind), token),
      secret: checked("--secret", secretSchema, secret),
      name: checked("--name", z.string().trim().min(1).max(80), name),
      username:
        option(args, "--username") === undefined ? undefined : checked("--username", usernameSchema, option(args, "--username")),
    };
    const secretsKey = loadConfig().bots.secretsKey;
    if (!secretsKey) throw new Error("bot:add: BOT_SECRETS_KEY is required (at least 32 characters) to store a token");
    return withDb(async (db) => {
      const id = await write(db, async (tx) => {
        const areas = await resolveAreas(tx, {
          provinces: optionValues(args, "--province"),
          communes: optionValues(args, "--commune"),
        });
        if ("unknown" in areas) throw new Error(`bot:add: no province or commune ${areas.unknown}`);
        return addBot(tx, secretsKey, { ...input, areas });
      });
      process.stdout.write(`${id}\n`);
      return 0;
    });
  },
};

/** The value, or a one-line reason naming the option (never the value: it may be a token). */
export function checked<T>(name: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`${name}: ${result.error.issues[0]?.message ?? "invalid"}`);
  return result.data;
}
