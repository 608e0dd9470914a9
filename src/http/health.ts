import type { FastifyInstance } from "fastify";

/**
 * GET /healthz (liveness): 200 when the database answers, else 503. GET /readyz: 200 only when the
 * database answers and every migration is applied. Neither calls Telegram or Zalo.
 */
export function healthRoutes(app: FastifyInstance, ping: () => Promise<boolean>, ready: () => Promise<boolean>): void {
  app.get("/healthz", async (_request, reply) => {
    const ok = await ping();
    return reply.code(ok ? 200 : 503).send({ status: ok ? "ok" : "unavailable" });
  });
  app.get("/readyz", async (_request, reply) => {
    const ok = await ready().catch(() => false);
    return reply.code(ok ? 200 : 503).send({ status: ok ? "ready" : "not_ready" });
  });
}
