// JSON errors: bad input gets its 4xx, never a 5xx; unexpected failures are logged without payloads.
import type { FastifyError, FastifyInstance } from "fastify";

export function errorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: "not_found" }));
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: { name: error.name, message: error.message } }, "request failed");
    return reply.code(status).send({ error: status === 500 ? "internal" : (error.code ?? "bad_request") });
  });
}
