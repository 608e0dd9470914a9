// What every public door gets before any route: security headers with a content security policy
// that allows no inline script (helmet's), and per-IP request rates on the routes a stranger can
// reach without a secret (the web chat API, /files links, the workplace's sign-in). Body size and
// slow-client timeouts are the server's own options (server.ts).
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance } from "fastify";
import helmet from "helmet";
import type { DoorLimits } from "../config.ts";

export type Doors = { https: boolean; limits: DoorLimits };

/** The per-minute limit of a route, by its path; undefined where none applies (webhooks have secrets). */
function limitOf(url: string, limits: DoorLimits): number | undefined {
  if (url.startsWith("/chat/api/")) return limits.webchatPerMinute;
  if (url.startsWith("/files/")) return limits.filesPerMinute;
  if (url.startsWith("/web/login/")) return limits.signInPerMinute;
  return undefined;
}

export async function guardDoors(app: FastifyInstance, doors: Doors): Promise<void> {
  // Built once: Fastify's helmet plugin builds the headers again on every request.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // ECharts and the pages set style attributes; no script runs from them.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        ...(doors.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // HSTS only where the site is served over https (the demo runs on plain http).
    strictTransportSecurity: doors.https ? { maxAge: 15_552_000 } : false,
  });
  app.addHook("onRequest", (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)),
  );
  // Before the rate-limit plugin's own onRoute hook: give the public routes their limit.
  app.addHook("onRoute", (route) => {
    const max = limitOf(route.url ?? "", doors.limits);
    if (max !== undefined) route.config = { ...(route.config ?? {}), rateLimit: { max, timeWindow: 60_000 } };
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`rate limit: retry in ${context.after}`), { statusCode: 429, code: "too_many_requests" }),
  });
}
