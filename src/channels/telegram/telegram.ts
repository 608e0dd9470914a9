// The Telegram channel: our own webhook route reads updates; grammY's API client sends through the Bot API.
import { autoRetry } from "@grammyjs/auto-retry";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Api, GrammyError, HttpError, InputFile } from "grammy";
import type { Logger } from "pino";
import { RateLimiter } from "../rate-limit.ts";
import { sameSecret } from "../secret.ts";
import type { ChannelAdapter, ChannelName, FileReader, InboundEvent, OutboundMessage, SendResult } from "../types.ts";
import { telegramEvent, updateSchema } from "./inbound.ts";
import { telegramMessages } from "./render.ts";

export type TelegramConfig = {
  token: string;
  secret: string;
  apiRoot: string;
  /** "telegram" for the environment's bot, "telegram/<id>" for a stored one: its chats' channel. */
  channel?: ChannelName;
};

export type TelegramChannel = {
  adapter: ChannelAdapter;
  /** The webhook's handler: checks this bot's secret, reads the update, hands it to the inbox. */
  receive(request: FastifyRequest, reply: FastifyReply): Promise<unknown>;
  /** The default bot's route, POST /webhooks/telegram. */
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

/**
 * Messages per second to the Bot API, per bot: the starts keep a grid of 29 a second and at most 29 fit
 * in any 1-second window, one below Telegram's 30 for network jitter.
 */
const TELEGRAM_RATE = 29;

export const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;

export function createTelegram(config: TelegramConfig, deps: TelegramDeps): TelegramChannel {
  const channel = config.channel ?? "telegram";
  // Only the Bot API client: updates are read by our own webhook route, so nothing asks getMe.
  const api = new Api(config.token, { apiRoot: config.apiRoot });
  // Telegram's 30 messages/s overall: every call to the Bot API, retries included, takes a slot of
  // the pacer (innermost), spaced so no 1-second window at Telegram holds more than 29 (room for
  // network jitter). Only the instance that leads sends (db/leader.ts), so this is the bot's rate.
  const pacer = new RateLimiter(TELEGRAM_RATE);
  api.config.use(async (prev, method, payload, signal) => {
    await pacer.take();
    return prev(method, payload, signal);
  });
  // A short 429 wait is retried in place; longer waits, 5xx and network errors go back to the outbox schedule.
  api.config.use(
    autoRetry({ maxRetryAttempts: 2, maxDelaySeconds: 10, rethrowInternalServerErrors: true, rethrowHttpErrors: true }),
  );
  // 1/s per chat and 20/min per group (the plugin's defaults); the overall rate is the pacer's.
  api.config.use(apiThrottler({ global: {} }));

  /** A photo or document with its caption; a file no longer kept is not retried. */
  async function sendAttachment(chatId: string, message: OutboundMessage): Promise<SendResult> {
    const attachment = message.attachment as NonNullable<OutboundMessage["attachment"]>;
    const file = await deps.readFile(attachment.fileId);
    if (!file) return { ok: false, retryable: false, error: "attachment expired" };
    const upload = new InputFile(file.bytes, file.filename);
    const caption = message.text ? { caption: message.text } : {};
    if (attachment.kind === "photo") await api.sendPhoto(chatId, upload, caption);
    else await api.sendDocument(chatId, upload, caption);
    return { ok: true };
  }

  // Check the secret before anything else: a wrong one gets 401 and nothing is stored.
  // The update goes straight to the inbox: grammY's own update handling (a context and middleware
  // per update, and getMe before the first) is not needed to read it.
  async function receive(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    if (!sameSecret(request.headers["x-telegram-bot-api-secret-token"], config.secret)) {
      return reply.code(401).send({ error: "unauthorized" });
    }
    const update = updateSchema.safeParse(request.body);
    if (!update.success) return reply.code(400).send({ error: "bad_update" });
    const event = telegramEvent(update.data, deps.clock(), channel);
    if (event) await deps.handle(event);
    const callbackId = update.data.callback_query?.id;
    // Stops the button's spinner; it waits its turn at the send rate, the acknowledgement does not.
    if (callbackId) {
      api.answerCallbackQuery(callbackId).catch((e: Error) => deps.logger.warn({ err: e.message }, "answerCallbackQuery failed"));
    }
    return reply.send({ ok: true });
  }

  return {
    receive,
    adapter: {
      name: channel,
      async send(chatId, message) {
        try {
          if (message.attachment) return await sendAttachment(chatId, message);
          for (const part of telegramMessages(message)) {
            await api.sendMessage(chatId, part.text, part.reply_markup ? { reply_markup: part.reply_markup as never } : {});
          }
          return { ok: true };
        } catch (error) {
          return classify(error);
        }
      },
    },
    register(app) {
      app.post("/webhooks/telegram", receive);
    },
    async setWebhook(publicUrl) {
      await api.setWebhook(`${publicUrl.replace(/\/$/, "")}/webhooks/${channel}`, {
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
    if (error.error_code === 401) return { ok: false, retryable: true, tokenRefused: true, error: described };
    if (error.error_code === 403) return { ok: false, retryable: false, chatGone: true, error: described };
    if (error.error_code === 400 && /chat not found/i.test(error.description)) {
      return { ok: false, retryable: false, chatGone: true, error: described };
    }
    return { ok: false, retryable: error.error_code >= 500, error: described };
  }
  if (error instanceof HttpError) return { ok: false, retryable: true, error: "network error" };
  return { ok: false, retryable: true, error: error instanceof Error ? error.name : "unknown" };
}
