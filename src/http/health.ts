import type { FastifyInstance } from "fastify";

/** GET /healthz: 200 when the database answers, else 503. Never calls Telegram or Zalo. */
export function healthRoutes(app: FastifyInstance, ping: () => Promise<boolean>): void {
  app.get("/healthz", async (_request, reply) => {
    const ok = await ping();
    return reply.code(ok ? 200 : 503).send({ status: ok ? "ok" : "unavailable" });
  });
}
