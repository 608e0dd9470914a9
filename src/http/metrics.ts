// GET /metrics: Prometheus text, only when METRICS_TOKEN is set and only for «Authorization: Bearer <token>».
import type { FastifyInstance } from "fastify";
import { sameSecret } from "../channels/secret.ts";
import type { Metrics } from "../metrics.ts";

export function metricsRoutes(app: FastifyInstance, metrics: Metrics, token: string): void {
  app.get("/metrics", async (request, reply) => {
    const given = request.headers.authorization?.replace(/^Bearer /, "");
    if (!sameSecret(given, token)) return reply.code(401).header("www-authenticate", "Bearer").send({ error: "unauthorized" });
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
