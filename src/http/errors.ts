// JSON errors: bad input gets its 4xx, never a 5xx; unexpected failures are logged without payloads.
// A full inbox answers 429 with Retry-After: Telegram and Zalo send the update again later.
import type { FastifyError, FastifyInstance } from "fastify";
import { Overloaded } from "../runtime/inbox.ts";

export function errorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: "not_found" }));
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const overloaded = overloadOf(error);
    if (overloaded) {
      return reply.code(429).header("retry-after", String(overloaded.retryAfterSeconds)).send({ error: "busy" });
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: { name: error.name, message: error.message } }, "request failed");
    return reply.code(status).send({ error: status === 500 ? "internal" : (error.code ?? "bad_request") });
  });
}

/** The Overloaded behind an error, also when a channel library wrapped it (grammY's BotError keeps it as `error`). */
function overloadOf(error: unknown): Overloaded | undefined {
  if (error instanceof Overloaded) return error;
  const inner = (error as { error?: unknown } | null)?.error;
  return inner instanceof Overloaded ? inner : undefined;
}
