// Wires one running Tương Trợ: database, flows, i18n, inbox, outbox, channels and the HTTP server.
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { InboundEvent } from "./channels/types.ts";
import { webchatAdapter } from "./channels/webchat/adapter.ts";
import type { Config } from "./config.ts";
import { type Db, openDb, pingDb } from "./db/client.ts";
import { leadership } from "./db/leader.ts";
import { pendingIn } from "./db/migrate.ts";
import { readFile } from "./domain/reports/files.ts";
import { formatProblem } from "./engine/loader.ts";
import type { FlowSet } from "./engine/types.ts";
import type { I18n } from "./i18n/index.ts";
import { broadcastJobHandlers, finishBroadcasts } from "./jobs/broadcasts.ts";
import { helpJobHandlers } from "./jobs/help-notices.ts";
import { housekeeping } from "./jobs/housekeeping.ts";
import { ledgerJobHandlers } from "./jobs/ledger-receipts.ts";
import { atMostEvery, planMeetings } from "./jobs/meeting-plan.ts";
import { meetingJobHandlers } from "./jobs/meeting-reminders.ts";
import { nightlyBackup } from "./jobs/nightly-backup.ts";
import { OutboxSender } from "./jobs/outbox.ts";
import { healthJobHandlers, sendDueReminders } from "./jobs/reminders.ts";
import { monthlyReports, reportJobHandlers } from "./jobs/reports.ts";
import { Scheduler } from "./jobs/scheduler.ts";
import { visitJobHandlers } from "./jobs/visit-notices.ts";
import { createLogger } from "./logger.ts";
import { Metrics } from "./metrics.ts";
import { ROOT } from "./root.ts";
import { Bots } from "./runtime/bots.ts";
import { Inbox } from "./runtime/inbox.ts";
import { checkProject } from "./runtime/project-check.ts";
import { buildServer } from "./server.ts";

export type App = {
  config: Config;
  db: Db;
  flows: FlowSet;
  i18n: I18n;
  inbox: Inbox;
  outbox: OutboxSender;
  scheduler: Scheduler;
  server: FastifyInstance;
  logger: Logger;
  /** Finish in-flight work, stop loops, close the server and the database. */
  close(): Promise<void>;
};

export type AppOptions = {
  clock?: () => Date;
  logger?: Logger;
  /** Start the outbox loop (tests may drive it by hand with outbox.flush()). */
  startJobs?: boolean;
  outboxIntervalMs?: number;
  jobsIntervalMs?: number;
};

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? (() => new Date());
  const project = checkProject(ROOT);
  if (project.problems.length > 0) {
    throw new Error(`flows/locales are not valid:\n${project.problems.map(formatProblem).join("\n")}`);
  }
  const { flows, i18n } = project;
  const db = await openDb(config.databaseUrl, { poolSize: config.databasePoolSize });
  const bots: Bots = new Bots({
    db,
    defaults: { telegram: config.telegram, zalo: config.zalo },
    ...config.bots,
    publicUrl: config.publicUrl,
    handle: (event: InboundEvent) => inbox.handle(event),
    readFile: (id) => readFile(db, id, clock()),
    logger,
    clock,
    released: () => queued(false),
  });
  if (config.webchatEnabled) bots.add("webchat", { adapter: webchatAdapter });
  await bots.start(config.bots.refreshMs);
  const zalo = bots.defaultZalo;
  const metrics = new Metrics();
  // Sending, sweeps and the Zalo poll run on one instance at a time (db/leader.ts).
  let jobsRunning = false;
  const leader = leadership(config.databaseUrl, {
    elected: () => {
      logger.info("this instance leads: it sends and sweeps");
      if (!jobsRunning) return;
      outbox.start();
      void zalo?.start();
    },
    deposed: () => {
      logger.warn("this instance no longer leads: sending stops here");
      void outbox.stop();
      void zalo?.stop();
    },
    woken: () => outbox.kick(true),
    error: (message) => logger.warn({ err: message }, "leader connection failed"),
  });
  const queued = (urgent: boolean): void => (leader.isLeader() ? outbox.kick(urgent) : leader.wake());
  const outbox: OutboxSender = new OutboxSender(
    { db, channels: bots, logger, clock, metrics },
    { intervalMs: options.outboxIntervalMs, leaseMs: config.outboxLeaseMs },
  );
  const inbox = new Inbox({
    db,
    metrics,
    maxBacklog: config.inboxMaxBacklog,
    flows,
    i18n,
    logger,
    clock,
    onQueued: () => queued(true),
    // The server is made below; links are asked for only once it listens.
    siteUrl: () => config.publicUrl ?? serverAddress(server),
  });
  const scheduler = new Scheduler(
    {
      db,
      handlers: {
        ...meetingJobHandlers(i18n),
        ...ledgerJobHandlers(i18n),
        ...visitJobHandlers(i18n),
        ...helpJobHandlers(i18n),
        ...healthJobHandlers(i18n),
        ...broadcastJobHandlers(i18n),
        ...reportJobHandlers({ db, i18n, plans: project.plans, publicUrl: config.publicUrl }),
      },
      sweeps: [
        (now) => sendDueReminders(db, i18n, now),
        (now) => finishBroadcasts(db, i18n, now),
        atMostEvery(3_600_000, (now) => planMeetings(db, now)),
        atMostEvery(60_000, monthlyReports(db)),
        atMostEvery(config.housekeepingEveryMs, housekeeping(db, config.databaseUrl, config.keepDays, logger)),
        ...(config.backup
          ? [atMostEvery(60_000, nightlyBackup(config.databaseUrl, config.backup.dir, config.backup.keepDays))]
          : []),
      ],
      logger,
      clock,
      onDone: () => queued(false),
      sweepsWhen: () => leader.isLeader(),
    },
    { intervalMs: options.jobsIntervalMs },
  );
  metrics.watch({
    db,
    inboxBacklog: () => inbox.backlog,
    leads: () => leader.isLeader(),
    clock,
    refusedBots: () => bots.heldChannels(),
  });
  const server = await buildServer({
    logger,
    ping: () => pingDb(db),
    ready: async () => (await pingDb(db)) && (await pendingIn(db)).length === 0,
    metrics: config.metricsToken ? { registry: metrics, token: config.metricsToken } : undefined,
    webchat: config.webchatEnabled ? { db, inbox, i18n, clock } : undefined,
    files: { db, clock },
    web: { db, i18n, plans: project.plans, clock, publicUrl: config.publicUrl, telegramUsername: config.telegramUsername },
    webhooks: [(app) => bots.register(app)],
    doors: {
      https: config.publicUrl?.startsWith("https:") ?? false,
      limits: config.rateLimits,
      requestTimeoutMs: config.requestTimeoutMs,
    },
  });
  if (options.startJobs !== false) {
    jobsRunning = true;
    scheduler.start();
    if (leader.isLeader()) {
      outbox.start();
      await zalo?.start();
    }
  }
  let closed = false;
  return {
    config,
    db,
    flows,
    i18n,
    inbox,
    outbox,
    scheduler,
    server,
    logger,
    async close() {
      if (closed) return;
      closed = true;
      // A keep-alive connection whose request was in flight at close turns idle only after its reply:
      // close it then, or the close waits for its keep-alive timeout (72 s).
      const idle = setInterval(() => server.server.closeIdleConnections(), 50);
      // A client that stops reading a long reply (a download) would hold its connection for ever:
      // past the grace, every connection is cut (a cut webhook is sent again by its platform).
      const cut = setTimeout(() => server.server.closeAllConnections(), CLOSE_GRACE_MS);
      await server.close().finally(() => {
        clearInterval(idle);
        clearTimeout(cut);
      });
      await zalo?.stop();
      bots.stop();
      await scheduler.stop();
      await inbox.drain();
      await outbox.stop();
      await leader.stop();
      await db.$disconnect();
    },
  };
}

/** How long a closing server waits for its connections' replies before it cuts them. */
const CLOSE_GRACE_MS = 5000;

/** `http://localhost:<port>`, the address of a server with no PUBLIC_URL (demo mode). */
function serverAddress(server: { server: { address(): unknown } }): string {
  const address = server.server.address();
  return typeof address === "object" && address && "port" in address ? `http://localhost:${address.port}` : "";
}
