// GET /metrics (Prometheus text, bearer token only) and GET /readyz (database and migrations).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { migrate } from "../../src/db/migrate.ts";
import { createLogger } from "../../src/logger.ts";
import { chatOf, deliver, startTestApp, type TestApp } from "../support/app.ts";
import { TMP } from "../support/global-setup.ts";

const TOKEN = "metrics-token-0123456789";

/** Every sample line of a Prometheus text exposition, as name{labels} → value; throws on a bad line. */
function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const m = line.match(/^([a-zA-Z_:][\w:]*)(\{[^}]*\})? (-?[\d.e+-]+|NaN|\+Inf)$/);
    if (!m) throw new Error(`not Prometheus text: ${line}`);
    samples.set(`${m[1]}${m[2] ?? ""}`, Number(m[3]));
  }
  return samples;
}

describe("/metrics", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { METRICS_TOKEN: TOKEN, INBOX_MAX_BACKLOG: "1" }, realClock: true });
  });
  afterAll(() => t.close());

  const scrape = async () => {
    const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    return parse(await res.text());
  };

  it("answers only the bearer of METRICS_TOKEN", async () => {
    expect((await fetch(`${t.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${t.url}/metrics`, { headers: { authorization: "Bearer wrong-token-000000" } })).status).toBe(401);
    const samples = await scrape();
    expect(samples.get("tuongtro_inbox_backlog")).toBe(0);
    expect(samples.get("tuongtro_leader")).toBe(1); // SQLite: the one process leads
  });

  it("its counters move with updates, duplicates, sends and a 429", async () => {
    const handled = 'tuongtro_updates_total{channel="webchat",outcome="handled",bot="default"}';
    const before = await scrape();
    const man = await chatOf(t, "Hoàng Thị Mận");
    await man.send("menu");
    const res = await fetch(`${t.url}/chat/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user: man.user, messageId: "same-1", text: "menu" }),
    });
    expect(res.status).toBe(200);
    await fetch(`${t.url}/chat/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user: man.user, messageId: "same-1", text: "menu" }),
    });
    await deliver(t.app);
    // A burst past the backlog of 1 at once: the inbox refuses some (the webhooks answer those 429).
    const burst = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        t.app.inbox.handle({
          channel: "telegram",
          updateId: `burst-${i}`,
          chatId: String(9_100 + i),
          userId: String(9_100 + i),
          chatType: "private",
          kind: "text",
          text: "xin chào",
          at: new Date(),
        }),
      ),
    );
    const refused = burst.filter((r) => r.status === "rejected").length;
    expect(refused).toBeGreaterThan(0);
    const after = await scrape();
    const grew = (key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
    expect(grew(handled)).toBeGreaterThanOrEqual(2);
    expect(grew('tuongtro_updates_total{channel="webchat",outcome="duplicate",bot="default"}')).toBe(1);
    expect(grew('tuongtro_updates_total{channel="telegram",outcome="rejected",bot="default"}')).toBe(refused);
    expect(grew('tuongtro_sends_total{channel="webchat",result="ok",bot="default"}')).toBeGreaterThanOrEqual(2);
    expect(grew('tuongtro_update_processing_seconds_count{channel="webchat",bot="default"}')).toBe(grew(handled) + 1);
    // Every update reached the database: statements and transactions were counted at the adapter.
    expect(grew("tuongtro_db_statements_total")).toBeGreaterThan(grew(handled));
    expect(grew("tuongtro_db_transactions_total")).toBeGreaterThan(0);
    // The inbox's own: part of them, apart from the sending beside.
    expect(grew("tuongtro_db_update_statements_total")).toBeGreaterThan(0);
    expect(grew("tuongtro_db_update_statements_total")).toBeLessThanOrEqual(grew("tuongtro_db_statements_total"));
    expect(grew("tuongtro_db_update_transactions_total")).toBeGreaterThan(0);
  });
});

describe("/readyz", () => {
  it("is 503 before the migrations and 200 after", async () => {
    const url = `file:${path.join(TMP, `unmigrated-${Date.now()}.db`)}`;
    const open = () => createApp(loadConfig({ DATABASE_URL: url }), { logger: createLogger("silent"), startJobs: false });
    const before = await open();
    expect((await before.server.inject({ url: "/readyz" })).statusCode).toBe(503);
    expect((await before.server.inject({ url: "/metrics" })).statusCode).toBe(404); // no METRICS_TOKEN: off
    await before.close();
    await migrate(url); // `migrate deploy` wants the database to itself
    const after = await open();
    expect((await after.server.inject({ url: "/readyz" })).statusCode).toBe(200);
    expect((await after.server.inject({ url: "/healthz" })).statusCode).toBe(200);
    await after.close();
  }, 60_000);

  it("is 503 when a migration is missing from an old database", async () => {
    const t = await startTestApp({ seed: false });
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
    await t.app.db.$executeRawUnsafe(`DELETE FROM "_prisma_migrations" WHERE migration_name LIKE '%member_address'`);
    expect((await fetch(`${t.url}/readyz`)).status).toBe(503);
    await t.close();
  });
});
