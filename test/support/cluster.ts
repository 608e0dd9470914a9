// Several server processes on one PostgreSQL database, as behind a reverse proxy: each started with
// the same env, each asked over HTTP which one leads (tuongtro_leader on /metrics).
import { type ServerProcess, startServer } from "./server-process.ts";

export const METRICS_TOKEN = "cluster-metrics-token";

export function startInstances(count: number, env: Record<string, string>): Promise<ServerProcess[]> {
  return Promise.all(Array.from({ length: count }, () => startServer({ METRICS_TOKEN, ...env })));
}

/** Whether this instance leads right now (it sends and sweeps). */
export async function leads(server: ServerProcess): Promise<boolean> {
  const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  return /^tuongtro_leader 1$/m.test(await res.text());
}

/** The leader among `servers`, waiting for one to be elected. */
export async function leaderOf(servers: ServerProcess[], timeoutMs = 15_000): Promise<ServerProcess> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    for (const server of servers) if (server.child.exitCode === null && (await leads(server).catch(() => false))) return server;
    if (Date.now() > until) throw new Error("no instance leads");
    await new Promise((r) => setTimeout(r, 100));
  }
}
