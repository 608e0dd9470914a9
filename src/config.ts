// The only reader of process.env: every variable the server and its commands take, parsed and typed.
import { z } from "zod";

/** Days old rows are kept before housekeeping prunes them. */
export type KeepDays = { processedUpdates: number; sentMessages: number; finishedJobs: number };

/** Requests per minute per IP: web chat API, `/files/<id>`, `/web/login/<token>`. */
export type DoorLimits = { webchatPerMinute: number; filesPerMinute: number; signInPerMinute: number };

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const envSchema = z.object({
  NODE_ENV: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres:\/\/|postgresql:\/\/)/, "must start with file:, postgres:// or postgresql://")
    .default("file:./data/tuongtro.db"),
  /** PostgreSQL connections per instance (the inbox's 4 lanes hold up to 4, the outbox and jobs the rest). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  TELEGRAM_BOT_TOKEN: optionalText.pipe(
    z
      .string()
      .regex(/^\d+:[\w-]+$/, "must look like 123456:ABC-def")
      .optional(),
  ),
  TELEGRAM_WEBHOOK_SECRET: optionalText.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, "1-256 characters of A-Z, a-z, 0-9, _ and -")
      .optional(),
  ),
  TELEGRAM_API_ROOT: z.url().default("https://api.telegram.org"),
  /** The bot's @username: the invite sheet's and the check-in sheet's QR codes open the bot with the code. */
  TELEGRAM_BOT_USERNAME: optionalText.pipe(
    z
      .string()
      .regex(/^@?[A-Za-z]\w{3,31}$/, "a Telegram username like @TuongTroBot")
      .transform((name) => name.replace(/^@/, ""))
      .optional(),
  ),
  ZALO_BOT_TOKEN: optionalText,
  ZALO_WEBHOOK_SECRET: optionalText.pipe(z.string().min(8).max(256).optional()),
  ZALO_API_ROOT: z.url().default("https://bot-api.zaloplatforms.com"),
  ZALO_UPDATE_MODE: z.enum(["webhook", "polling"]).default("webhook"),
  ZALO_RATE_PER_SEC: z.coerce.number().positive().max(1000).default(20),
  /** Seals stored bots' tokens and webhook secrets (`bot:add`); needed once a bot is stored. */
  BOT_SECRETS_KEY: optionalText.pipe(z.string().min(32, "at least 32 characters").optional()),
  /** How often each instance reads the stored bots again (added, removed, a token replaced). */
  BOTS_REFRESH_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
  BACKUP_DIR: optionalText,
  BACKUP_KEEP: z.coerce.number().int().min(1).max(3650).default(14),
  METRICS_TOKEN: optionalText.pipe(z.string().min(16, "at least 16 characters").optional()),
  OUTBOX_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(15_000),
  INBOX_MAX_BACKLOG: z.coerce.number().int().min(1).max(1_000_000).default(3500),
  /**
   * Housekeeping: days kept of processed-update ids (the dedupe window: keep it past Telegram's and
   * Zalo's redelivery, a day), sent messages, finished jobs. Fractions are for soak runs.
   */
  KEEP_PROCESSED_UPDATES_DAYS: z.coerce.number().min(0.0001).max(3650).default(7),
  KEEP_SENT_MESSAGES_DAYS: z.coerce.number().min(0.0001).max(3650).default(30),
  KEEP_FINISHED_JOBS_DAYS: z.coerce.number().min(0.0001).max(3650).default(30),
  /** How often old rows are pruned: often enough that each pass deletes little. */
  HOUSEKEEPING_EVERY_MS: z.coerce.number().int().min(1000).max(86_400_000).default(600_000),
  /** How long a client may take to send its whole request before a 408. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(200).max(600_000).default(15_000),
  /** Requests per minute per IP address on the doors a stranger can reach without a secret. */
  RATE_LIMIT_WEBCHAT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(600),
  RATE_LIMIT_FILES_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(60),
  RATE_LIMIT_SIGNIN_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(30),
  WEBCHAT_ENABLED: bool.optional(),
  PUBLIC_URL: optionalText.pipe(z.url().optional()),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string;
  /** PostgreSQL: connections per instance. */
  databasePoolSize: number;
  telegram?: { token: string; secret: string; apiRoot: string };
  zalo?: { token: string; secret: string; apiRoot: string; mode: "webhook" | "polling"; ratePerSec: number };
  /** Stored bots: the key their secrets are sealed with, and how often they are read again. */
  bots: { secretsKey?: string; refreshMs: number; telegramApiRoot: string; zaloApiRoot: string; zaloRatePerSec: number };
  /** How long a sender holds an outbox row it is sending; after a crash the row waits this long. */
  outboxLeaseMs: number;
  /** Events waiting for the database past which webhooks answer 429 (some seconds of work: beyond it, waiting helps nobody). */
  inboxMaxBacklog: number;
  requestTimeoutMs: number;
  keepDays: KeepDays;
  housekeepingEveryMs: number;
  rateLimits: DoorLimits;
  webchatEnabled: boolean;
  /** Nightly backups after 02:00 Vietnam time go here, kept `keepDays` days. */
  backup?: { dir: string; keepDays: number };
  /** GET /metrics answers requests bearing this token; without it /metrics is off. */
  metricsToken?: string;
  /** No channel token and not production: an empty database gets the demo club. */
  demoMode: boolean;
  publicUrl?: string;
  /** The Telegram bot's @username without the @ (`TELEGRAM_BOT_USERNAME`), for the printed QR codes. */
  telegramUsername?: string;
  logLevel: string;
};

export class ConfigError extends Error {}

/** Parse the environment; a bad value throws a ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${String(issue?.path[0] ?? "environment")}: ${issue?.message ?? "invalid"}`);
  }
  const e = parsed.data;
  if (e.TELEGRAM_BOT_TOKEN && !e.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError("TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_BOT_TOKEN is set");
  }
  if (e.BACKUP_DIR && !e.DATABASE_URL.startsWith("file:")) {
    throw new ConfigError("BACKUP_DIR: nightly backups are for SQLite; on PostgreSQL schedule pg_dump (docs/deploy.md)");
  }
  if (e.ZALO_BOT_TOKEN && !e.ZALO_WEBHOOK_SECRET) {
    throw new ConfigError("ZALO_WEBHOOK_SECRET: required when ZALO_BOT_TOKEN is set (8-256 characters)");
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    telegram:
      e.TELEGRAM_BOT_TOKEN && e.TELEGRAM_WEBHOOK_SECRET
        ? { token: e.TELEGRAM_BOT_TOKEN, secret: e.TELEGRAM_WEBHOOK_SECRET, apiRoot: e.TELEGRAM_API_ROOT }
        : undefined,
    zalo:
      e.ZALO_BOT_TOKEN && e.ZALO_WEBHOOK_SECRET
        ? {
            token: e.ZALO_BOT_TOKEN,
            secret: e.ZALO_WEBHOOK_SECRET,
            apiRoot: e.ZALO_API_ROOT,
            mode: e.ZALO_UPDATE_MODE,
            ratePerSec: e.ZALO_RATE_PER_SEC,
          }
        : undefined,
    bots: {
      secretsKey: e.BOT_SECRETS_KEY,
      refreshMs: e.BOTS_REFRESH_MS,
      telegramApiRoot: e.TELEGRAM_API_ROOT,
      zaloApiRoot: e.ZALO_API_ROOT,
      zaloRatePerSec: e.ZALO_RATE_PER_SEC,
    },
    outboxLeaseMs: e.OUTBOX_LEASE_MS,
    inboxMaxBacklog: e.INBOX_MAX_BACKLOG,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    housekeepingEveryMs: e.HOUSEKEEPING_EVERY_MS,
    keepDays: {
      processedUpdates: e.KEEP_PROCESSED_UPDATES_DAYS,
      sentMessages: e.KEEP_SENT_MESSAGES_DAYS,
      finishedJobs: e.KEEP_FINISHED_JOBS_DAYS,
    },
    rateLimits: {
      webchatPerMinute: e.RATE_LIMIT_WEBCHAT_PER_MINUTE,
      filesPerMinute: e.RATE_LIMIT_FILES_PER_MINUTE,
      signInPerMinute: e.RATE_LIMIT_SIGNIN_PER_MINUTE,
    },
    webchatEnabled: e.WEBCHAT_ENABLED ?? e.NODE_ENV !== "production",
    demoMode: !e.TELEGRAM_BOT_TOKEN && !e.ZALO_BOT_TOKEN && e.NODE_ENV !== "production",
    publicUrl: e.PUBLIC_URL,
    telegramUsername: e.TELEGRAM_BOT_USERNAME,
    metricsToken: e.METRICS_TOKEN,
    backup: e.BACKUP_DIR ? { dir: e.BACKUP_DIR, keepDays: e.BACKUP_KEEP } : undefined,
    logLevel: e.LOG_LEVEL,
  };
}
