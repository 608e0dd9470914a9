// The Zalo channel: webhook route, optional long-polling loop, and sending through ZaloClient.

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "pino";
import { z } from "zod";
import { numberedText, splitText } from "../choices.ts";
import { fileUrl } from "../file-url.ts";
import { RateLimiter } from "../rate-limit.ts";
import { sameSecret } from "../secret.ts";
import type { ChannelAdapter, ChannelName, InboundEvent, SendResult } from "../types.ts";
import { ZALO_TEXT_LIMIT, ZaloClient, ZaloError, zaloEventSchema } from "./client.ts";
import { zaloEvent } from "./inbound.ts";
import { ZaloPoller } from "./poller.ts";

export type ZaloConfig = {
  token: string;
  secret: string;
  apiRoot: string;
  mode: "webhook" | "polling";
  /** Messages per second across all chats (Zalo publishes no figure; the default is cautious). */
  ratePerSec?: number;
  /** Where Zalo fetches report pictures from (`<publicUrl>/files/<id>`); without it only the caption goes. */
  publicUrl?: string;
  /** "zalo" for the environment's bot, "zalo/<id>" for a stored one: its chats' channel. */
  channel?: ChannelName;
};

export type ZaloDeps = {
  handle: (event: InboundEvent) => Promise<unknown>;
  logger: Logger;
  clock: () => Date;
};

export type ZaloChannel = {
  client: ZaloClient;
  adapter: ChannelAdapter;
  /** The webhook's handler: checks this bot's secret, reads the event, hands it to the inbox. */
  receive(request: FastifyRequest, reply: FastifyReply): Promise<unknown>;
  /** The default bot's route, POST /webhooks/zalo (none in polling mode). */
  register(app: FastifyInstance): void;
  /** Polling mode only: start / stop the long-poll loop. */
  start(): Promise<void>;
  stop(): Promise<void>;
  setWebhook(publicUrl: string): Promise<void>;
};

/** The webhook body: the `{ok, result}` envelope or the bare event. */
const webhookBody = z.union([z.object({ ok: z.literal(true), result: zaloEventSchema }), zaloEventSchema]);

export function createZalo(config: ZaloConfig, deps: ZaloDeps): ZaloChannel {
  const channel = config.channel ?? "zalo";
  const client = new ZaloClient(config.token, config.apiRoot);
  // Every message part waits for its slot: the configured rate holds across all chats.
  const limiter = new RateLimiter(config.ratePerSec ?? 20);
  const handleEvent = async (raw: z.infer<typeof zaloEventSchema>) => {
    const event = zaloEvent(raw, deps.clock(), channel);
    if (event) await deps.handle(event);
  };
  const poller = config.mode === "polling" ? new ZaloPoller(client, handleEvent, deps.logger) : undefined;

  async function receive(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    if (!sameSecret(request.headers["x-bot-api-secret-token"], config.secret))
      return reply.code(401).send({ error: "unauthorized" });
    const body = webhookBody.safeParse(request.body);
    if (!body.success) return reply.code(400).send({ error: "bad_event" });
    await handleEvent("result" in body.data ? body.data.result : body.data);
    return reply.send({ ok: true });
  }

  return {
    client,
    receive,
    adapter: {
      name: channel,
      async send(chatId, message) {
        try {
          const photo = message.attachment?.kind === "photo" && config.publicUrl ? message.attachment : undefined;
          if (photo) {
            await limiter.take();
            await client.sendPhoto(chatId, fileUrl(config.publicUrl as string, photo.fileId), message.text || undefined);
            return { ok: true };
          }
          // Plain text only: member-supplied names can't inject formatting.
          for (const part of splitText(numberedText(message), ZALO_TEXT_LIMIT)) {
            await limiter.take();
            await client.sendMessage(chatId, part);
          }
          return { ok: true };
        } catch (error) {
          return classify(error);
        }
      },
    },
    register(app) {
      if (config.mode !== "polling") app.post("/webhooks/zalo", receive); // never together with the webhook
    },
    async start() {
      await poller?.start();
    },
    async stop() {
      await poller?.stop();
    },
    async setWebhook(publicUrl) {
      await client.setWebhook(`${publicUrl.replace(/\/$/, "")}/webhooks/${channel}`, config.secret);
    },
  };
}

export function classify(error: unknown): SendResult {
  if (error instanceof ZaloError) {
    if (error.code === 401) return { ok: false, retryable: true, tokenRefused: true, error: error.message };
    const gone = error.code === 403 || error.code === 404;
    return { ok: false, retryable: error.retryable, chatGone: gone || undefined, error: error.message };
  }
  return { ok: false, retryable: true, error: error instanceof Error ? error.name : "unknown" };
}
