// buildServer(deps): the Fastify app, one plugin per concern. Used by main and by tests.
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import type { Logger } from "pino";
import { type WebchatDeps, webchatRoutes } from "./channels/webchat/routes.ts";
import type { Db } from "./db/client.ts";
import { type Doors, guardDoors } from "./http/doors.ts";
import { errorHandling } from "./http/errors.ts";
import { fileRoutes } from "./http/files.ts";
import { healthRoutes } from "./http/health.ts";
import { metricsRoutes } from "./http/metrics.ts";
import type { Metrics } from "./metrics.ts";
import type { WebDeps } from "./web/context.ts";
import { webRoutes } from "./web/routes.ts";

export const BODY_LIMIT = 256 * 1024;

export type ServerDeps = {
  logger: Logger;
  ping: () => Promise<boolean>;
  /** The database answers and its migrations are all applied. */
  ready: () => Promise<boolean>;
  /** Served at /metrics for this bearer token. */
  metrics?: { registry: Metrics; token: string };
  webchat?: WebchatDeps;
  /** Report pictures and spreadsheets at /files/<id>. */
  files?: { db: Db; clock: () => Date };
  /** The web workplace for boards, treasurers and officers at /web. */
  web?: WebDeps;
  /** Channel webhook plugins (Telegram, Zalo), each registering its own route. */
  webhooks?: Array<(app: FastifyInstance) => void>;
  /** Headers, request rates per IP, and how long a client may take to send its request. */
  doors: Doors & { requestTimeoutMs: number };
};

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  // No access log line per request (two per webhook, most of a burst's logging): refused requests are
  // logged below, failures by errorHandling, and /metrics counts the rest.
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    // A client that has not sent its whole request in time gets 408 (slowloris holds no socket for long).
    requestTimeout: deps.doors.requestTimeoutMs,
    http: { connectionsCheckingInterval: Math.max(100, Math.floor(deps.doors.requestTimeoutMs / 4)) },
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.addHook("onResponse", async (request, reply) => {
    // The route's pattern, never the URL itself: a file link's id is its secret.
    if (reply.statusCode >= 400 && reply.statusCode < 500 && reply.statusCode !== 429) {
      request.log.info({ route: request.routeOptions.url ?? "unknown", status: reply.statusCode }, "request refused");
    }
  });
  errorHandling(app);
  await guardDoors(app, deps.doors);
  healthRoutes(app, deps.ping, deps.ready);
  if (deps.metrics) metricsRoutes(app, deps.metrics.registry, deps.metrics.token);
  if (deps.webchat) webchatRoutes(app, deps.webchat);
  if (deps.files) fileRoutes(app, deps.files);
  if (deps.web) await webRoutes(app, deps.web);
  for (const register of deps.webhooks ?? []) register(app);
  await app.ready();
  return app;
}
