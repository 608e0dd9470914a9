// Start a real server on an ephemeral port with its own database, for tests that speak HTTP.
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { type App, createApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { seedDemo } from "../../src/domain/demo/demo-seed.ts";
import { createLogger } from "../../src/logger.ts";
import { freshDatabaseUrl } from "./db.ts";
import { LIFTED_LIMITS } from "./server-process.ts";
import { WebchatUser } from "./webchat.ts";

export type TestApp = {
  app: App;
  url: string;
  logs: string[];
  /** What the app's clock says now. */
  now(): Date;
  /** Move the fixed clock. */
  setNow(at: Date): void;
  /** Run `fn` with the clock at `at`, then put it back. */
  at<T>(at: Date, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export async function startTestApp(
  options: {
    env?: Record<string, string>;
    now?: Date;
    seed?: boolean;
    realClock?: boolean;
    /** A clock that runs in real time from `now` (retries and backoff, on a day the test picks). */
    runningClock?: boolean;
    /** How often the job loop runs by itself; a test that must act between a job's queueing and its run sets it long and calls `deliver`. */
    jobsIntervalMs?: number;
    /** false: no job loop and no sending, on this instance or when it is elected leader (a bench that counts the inbox alone). */
    startJobs?: boolean;
  } = {},
): Promise<TestApp> {
  const config = loadConfig({ DATABASE_URL: await freshDatabaseUrl(), LOG_LEVEL: "info", ...LIFTED_LIMITS, ...options.env });
  let now = options.now ?? new Date("2026-12-15T00:55:00Z");
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  // A fixed clock by default (scenarios); retries and backoff need the real one.
  const started = Date.now();
  const clock = options.realClock
    ? () => new Date()
    : options.runningClock
      ? () => new Date(now.getTime() + Date.now() - started)
      : () => now;
  const app = await createApp(config, {
    clock,
    logger: createLogger("info", sink),
    outboxIntervalMs: 50,
    jobsIntervalMs: options.jobsIntervalMs,
    startJobs: options.startJobs,
  });
  if (options.seed !== false) await seedDemo(app.db, now);
  await app.server.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.server.address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    logs,
    now: clock,
    setNow: (at) => {
      now = at;
    },
    async at(at, fn) {
      const before = now;
      now = at;
      try {
        return await fn();
      } finally {
        now = before;
      }
    },
    close: () => app.close(),
  };
}

/** The id of a demo member by full name. */
export async function memberId(app: App, fullName: string): Promise<string> {
  const member = await app.db.member.findFirstOrThrow({ where: { fullName } });
  return member.id;
}

/** The web chat of a demo member, by full name. */
export async function chatOf(t: TestApp, fullName: string): Promise<WebchatUser> {
  return new WebchatUser(t.url, `member-${await memberId(t.app, fullName)}`);
}

/** Run due jobs and send everything queued (pushed notices reach their chats). */
export async function deliver(app: App): Promise<void> {
  await app.scheduler.flush();
  await app.outbox.flush();
}
