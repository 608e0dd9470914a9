// JSON errors: bad input gets its 4xx, never a 5xx; unexpected failures are logged without payloads.
// A full inbox answers 429 with Retry-After, a database that is down or full 503 with Retry-After:
// Telegram and Zalo send the update again later, and nothing uncommitted is ever answered 200.
import type { FastifyError, FastifyInstance } from "fastify";
import { isDatabaseUnavailable } from "../db/dialect.ts";
import { Overloaded, Unavailable } from "../runtime/inbox.ts";

export function errorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: "not_found" }));
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const overloaded = wrapped(error, Overloaded);
    if (overloaded) {
      return reply.code(429).header("retry-after", String(overloaded.retryAfterSeconds)).send({ error: "busy" });
    }
    if (wrapped(error, Unavailable) || isDatabaseUnavailable(error)) {
      request.log.warn({ route: request.routeOptions.url ?? "unknown" }, "database unavailable: answered 503");
      return reply.code(503).header("retry-after", "5").send({ error: "unavailable" });
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: { name: error.name, message: error.message } }, "request failed");
    return reply.code(status).send({ error: status === 500 ? "internal" : (error.code ?? "bad_request") });
  });
}

/** The error of this class behind an error, also when a channel library wrapped it (grammY's BotError keeps it as `error`). */
function wrapped<T>(error: unknown, kind: new (...args: never[]) => T): T | undefined {
  if (error instanceof kind) return error;
  const inner = (error as { error?: unknown } | null)?.error;
  return inner instanceof kind ? inner : undefined;
}
