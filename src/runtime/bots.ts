// The bots this instance talks through: the environment's default bots and the stored ones
// (domain/bots), read again every few seconds and whenever a webhook names a bot not known yet.
// Each bot has its own client, hence its own send rate; a bot whose token the platform refused
// (401) is held: the sender leaves its messages waiting until the token is replaced.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "pino";
import { createTelegram, type TelegramConfig } from "../channels/telegram/telegram.ts";
import { botOf, type ChannelAdapter, type ChannelName, type FileReader, type InboundEvent } from "../channels/types.ts";
import { createZalo, type ZaloChannel, type ZaloConfig } from "../channels/zalo/zalo.ts";
import { type Db, write } from "../db/client.ts";
import { BOT_ID, type BotKind, botChannel, type LoadedBot, loadBots, markTokenRefused } from "../domain/bots/bots.ts";
import { BotSecretsError } from "../domain/bots/sealed.ts";
import { errorSummary } from "./turn.ts";

/** What a bot is to the server: how it sends, how its webhook is read, how its webhook is set. */
export type BotEntry = {
  adapter: ChannelAdapter;
  receive?: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  setWebhook?: (publicUrl: string) => Promise<void>;
};

export type BotsDeps = {
  db: Db;
  /** The environment's bots (TELEGRAM_BOT_TOKEN, ZALO_BOT_TOKEN), on /webhooks/telegram and /webhooks/zalo. */
  defaults: { telegram?: TelegramConfig; zalo?: Omit<ZaloConfig, "publicUrl"> };
  secretsKey?: string;
  telegramApiRoot: string;
  zaloApiRoot: string;
  zaloRatePerSec: number;
  publicUrl?: string;
  handle: (event: InboundEvent) => Promise<unknown>;
  readFile: FileReader;
  logger: Logger;
  clock: () => Date;
  /** A held bot can send again (its token was replaced): wake the sender. */
  released: () => void;
};

/** The least time between two reads of the stored bots asked for by unknown webhook ids. */
const UNKNOWN_BOT_REREAD_MS = 250;

export class Bots {
  private readonly entries = new Map<string, BotEntry>();
  private readonly stored = new Map<string, LoadedBot>();
  private readonly refused = new Set<string>();
  private timer?: NodeJS.Timeout;
  private lastRead = 0;
  private reading?: Promise<void>;

  /** The environment's Zalo bot, whose long poll (polling mode) runs on the leader. */
  readonly defaultZalo?: ZaloChannel;
  private readonly defaultRoutes: Array<(app: FastifyInstance) => void> = [];

  constructor(private readonly deps: BotsDeps) {
    const { handle, logger, clock, readFile, publicUrl } = deps;
    const { telegram, zalo } = deps.defaults;
    if (telegram) {
      const made = createTelegram(telegram, { handle, logger, clock, readFile });
      this.add("telegram", made);
      this.defaultRoutes.push(made.register);
    }
    if (zalo) {
      this.defaultZalo = createZalo({ ...zalo, publicUrl }, { handle, logger, clock });
      this.add("zalo", this.defaultZalo);
      this.defaultRoutes.push(this.defaultZalo.register);
    }
  }

  /** A channel kept for the process's life: the environment's bots, the web chat. */
  add(channel: ChannelName, entry: BotEntry): void {
    this.entries.set(channel, entry);
  }

  adapter(channel: string): ChannelAdapter | undefined {
    return this.entries.get(channel)?.adapter;
  }

  /** Whether the bot behind `channel` is held because its token was refused. */
  held(channel: string): boolean {
    return this.refused.has(channel);
  }

  /** The bots held now, for the metrics. */
  heldChannels(): string[] {
    return [...this.refused];
  }

  /** The platform answered 401 for this bot: hold it, and mark the stored bot so every instance knows. */
  async tokenRefused(channel: string): Promise<void> {
    if (this.refused.has(channel)) return;
    this.refused.add(channel);
    this.deps.logger.error({ bot: botOf(channel) }, "bot token refused: its messages are held until the token is replaced");
    const stored = this.stored.get(channel);
    if (stored) await write(this.deps.db, (tx) => markTokenRefused(tx, stored.id, stored.version, this.deps.clock()));
  }

  /** Every bot's webhook setter, the stored bots' included, for `webhooks:set`. */
  webhookSetters(): Array<[ChannelName, (publicUrl: string) => Promise<void>]> {
    return [...this.entries.entries()].flatMap(([channel, entry]) =>
      entry.setWebhook ? [[channel as ChannelName, entry.setWebhook] as [ChannelName, (url: string) => Promise<void>]] : [],
    );
  }

  /**
   * Read the stored bots now, then every `everyMs`. A key that can't open them stops the start; a
   * database not ready yet (migrations pending, unreachable) only delays them to the next read.
   */
  async start(everyMs: number): Promise<void> {
    const reread = () =>
      this.refresh().catch((error: unknown) => {
        if (error instanceof BotSecretsError) throw error;
        this.deps.logger.warn({ err: errorSummary(error) }, "reading the stored bots failed");
      });
    await reread();
    this.timer = setInterval(
      () => void reread().catch((e: Error) => this.deps.logger.error({ err: e.message }, "stored bots")),
      everyMs,
    );
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Read the stored bots: new ones get a client, removed ones go, a replaced token gets a new client. */
  refresh(): Promise<void> {
    this.reading ??= this.read().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  private async read(): Promise<void> {
    this.lastRead = Date.now();
    const bots = await loadBots(this.deps.db, this.deps.secretsKey);
    const seen = new Set<string>(bots.map((b) => b.channel));
    for (const channel of this.stored.keys()) {
      if (seen.has(channel)) continue;
      this.stored.delete(channel);
      this.entries.delete(channel);
      this.refused.delete(channel);
    }
    let released = false;
    for (const bot of bots) {
      const known = this.stored.get(bot.channel);
      if (known?.version === bot.version) continue;
      this.stored.set(bot.channel, bot);
      this.entries.set(bot.channel, this.connect(bot));
      if (bot.refused) this.refused.add(bot.channel);
      else if (this.refused.delete(bot.channel)) released = true;
    }
    if (released) this.deps.released();
  }

  private connect(bot: LoadedBot): BotEntry {
    const { handle, logger, clock, readFile, publicUrl } = this.deps;
    const channel = bot.channel;
    const made =
      bot.kind === "telegram"
        ? createTelegram(
            { token: bot.token, secret: bot.secret, apiRoot: this.deps.telegramApiRoot, channel },
            { handle, logger, clock, readFile },
          )
        : createZalo(
            {
              token: bot.token,
              secret: bot.secret,
              apiRoot: this.deps.zaloApiRoot,
              mode: "webhook",
              ratePerSec: this.deps.zaloRatePerSec,
              publicUrl,
              channel,
            },
            { handle, logger, clock },
          );
    return made;
  }

  /** The default bots' routes, and POST /webhooks/telegram/<bot id>, /webhooks/zalo/<bot id>: the named bot's own handler. */
  register(app: FastifyInstance): void {
    for (const route of this.defaultRoutes) route(app);
    for (const kind of ["telegram", "zalo"] as const satisfies BotKind[]) {
      app.post<{ Params: { botId: string } }>(`/webhooks/${kind}/:botId`, async (request, reply) => {
        const entry = await this.entryFor(kind, request.params.botId);
        if (!entry?.receive) return reply.code(404).send({ error: "unknown_bot" });
        return entry.receive(request, reply);
      });
    }
  }

  /**
   * The bot a webhook names; one added since the last read is found by reading again. Unknown ids
   * wait for the next read (at most four a second, shared by every request waiting), never a 404 for
   * a bot added a moment ago.
   */
  private async entryFor(kind: BotKind, id: string): Promise<BotEntry | undefined> {
    if (!BOT_ID.test(id)) return undefined;
    const channel = botChannel(kind, id);
    const asked = Date.now();
    // Until a read begun after the request has answered (one in flight may predate the bot).
    while (!this.entries.has(channel) && this.lastRead < asked) {
      const wait = this.lastRead + UNKNOWN_BOT_REREAD_MS - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await this.refresh();
    }
    return this.entries.get(channel);
  }
}
