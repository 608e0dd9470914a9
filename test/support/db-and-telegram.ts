// For tests that run the real server in a child process (kill -9, restarts): a fresh database the
// test also opens, and a fake Telegram, set up before the file's tests and closed after them.
import { afterAll, beforeAll } from "vitest";
import { type Db, openDb } from "../../src/db/client.ts";
import { freshDatabaseUrl } from "./db.ts";
import { type FakeBotApi, fakeTelegram } from "./fake-bot-api.ts";

export type DbAndTelegram = { api: FakeBotApi; db: Db; url: string };

/** Filled in by `beforeAll`: read its fields inside tests, not at import time. */
export function useDbAndTelegram(): DbAndTelegram {
  const context = { api: fakeTelegram() } as DbAndTelegram;
  beforeAll(async () => {
    await context.api.start();
    context.url = await freshDatabaseUrl();
    context.db = await openDb(context.url);
  });
  afterAll(async () => {
    await context.db.$disconnect();
    await context.api.stop();
  });
  return context;
}
