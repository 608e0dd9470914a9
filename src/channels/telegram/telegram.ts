// The Telegram channel: a grammY bot for the webhook and for sending through the Bot API.
import { autoRetry } from "@grammyjs/auto-retry";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import type { FastifyInstance } from "fastify";
import { Bot, GrammyError, HttpError, InputFile, webhookCallback } from "grammy";
import type { Logger } from "pino";
import { sameSecret } from "../secret.ts";
import type { ChannelAdapter, FileReader, InboundEvent, OutboundMessage, SendResult } from "../types.ts";
import { telegramEvent, updateSchema } from "./inbound.ts";
import { telegramMessages } from "./render.ts";

export type TelegramConfig = { token: string; secret: string; apiRoot: string };

export type TelegramChannel = {
  adapter: ChannelAdapter;
  register(app: FastifyInstance): void;
  setWebhook(publicUrl: string): Promise<void>;
};

export type TelegramDeps = {
  handle: (event: InboundEvent) => Promise<unknown>;
  logger: Logger;
  clock: () => Date;
  /** Report pictures and spreadsheets are uploaded from here. */
  readFile: FileReader;
};

export const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;

export function createTelegram(config: TelegramConfig, deps: TelegramDeps): TelegramChannel {
  // Bot info is fetched lazily by the first webhook call, so startup never needs the Bot API.
  const bot = new Bot(config.token, { client: { apiRoot: config.apiRoot } });
  // A short 429 wait is retried in place; longer waits, 5xx and network errors go back to the outbox schedule.
  bot.api.config.use(
    autoRetry({ maxRetryAttempts: 2, maxDelaySeconds: 10, rethrowInternalServerErrors: true, rethrowHttpErrors: true }),
  );
  // Telegram's limits: 30 messages/s overall — spaced evenly (34 ms), so no 1-second window ever holds
  // more than 30, which the plugin's default refilling reservoir allows (up to 60 across a refill) —
  // 1/s per chat and 20/min per group (the plugin's defaults).
  bot.api.config.use(apiThrottler({ global: { minTime: 34 } }));

  bot.use(async (ctx) => {
    const event = telegramEvent(updateSchema.parse(ctx.update), deps.clock());
    if (!event) return;
    await deps.handle(event);
    if (ctx.callbackQuery)
      await ctx.answerCallbackQuery().catch((e: Error) => deps.logger.warn({ err: e.message }, "answerCallbackQuery failed"));
  });

  /** A photo or document with its caption; a file no longer kept is not retried. */
  async function sendAttachment(chatId: string, message: OutboundMessage): Promise<SendResult> {
    const attachment = message.attachment as NonNullable<OutboundMessage["attachment"]>;
    const file = await deps.readFile(attachment.fileId);
    if (!file) return { ok: false, retryable: false, error: "attachment expired" };
    const upload = new InputFile(file.bytes, file.filename);
    const caption = message.text ? { caption: message.text } : {};
    if (attachment.kind === "photo") await bot.api.sendPhoto(chatId, upload, caption);
    else await bot.api.sendDocument(chatId, upload, caption);
    return { ok: true };
  }

  const callback = webhookCallback(bot, "fastify", { secretToken: config.secret, timeoutMilliseconds: 50_000 });

  return {
    adapter: {
      name: "telegram",
      async send(chatId, message) {
        try {
          if (message.attachment) return await sendAttachment(chatId, message);
          for (const part of telegramMessages(message)) {
            await bot.api.sendMessage(chatId, part.text, part.reply_markup ? { reply_markup: part.reply_markup as never } : {});
          }
          return { ok: true };
        } catch (error) {
          return classify(error);
        }
      },
    },
    register(app) {
      app.post("/webhooks/telegram", {
        // Check the secret before anything else: a wrong one gets 401 and nothing is stored.
        preHandler: async (request, reply) => {
          if (!sameSecret(request.headers["x-telegram-bot-api-secret-token"], config.secret)) {
            return reply.code(401).send({ error: "unauthorized" });
          }
          if (!updateSchema.safeParse(request.body).success) return reply.code(400).send({ error: "bad_update" });
        },
        handler: callback,
      });
    },
    async setWebhook(publicUrl) {
      await bot.api.setWebhook(`${publicUrl.replace(/\/$/, "")}/webhooks/telegram`, {
        secret_token: config.secret,
        allowed_updates: [...ALLOWED_UPDATES],
      });
    },
  };
}

/** Bot API errors → retry or give up; never includes the token (grammY errors name the method only). */
export function classify(error: unknown): SendResult {
  if (error instanceof GrammyError) {
    const described = `${error.method}: ${error.error_code} ${error.description}`;
    if (error.error_code === 429) {
      return { ok: false, retryable: true, retryAfterMs: (error.parameters.retry_after ?? 1) * 1000, error: described };
    }
    if (error.error_code === 403) return { ok: false, retryable: false, chatGone: true, error: described };
    if (error.error_code === 400 && /chat not found/i.test(error.description)) {
      return { ok: false, retryable: false, chatGone: true, error: described };
    }
    return { ok: false, retryable: error.error_code >= 500, error: described };
  }
  if (error instanceof HttpError) return { ok: false, retryable: true, error: "network error" };
  return { ok: false, retryable: true, error: error instanceof Error ? error.name : "unknown" };
}
