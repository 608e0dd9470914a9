import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

describe("config", () => {
  it("has the documented defaults", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: "0.0.0.0",
      databaseUrl: "file:./data/tuongtro.db",
      webchatEnabled: true,
      logLevel: "info",
      outboxLeaseMs: 15_000,
    });
    expect(c.telegram).toBeUndefined();
    expect(c.zalo).toBeUndefined();
  });

  it("turns the web chat off in production unless asked", () => {
    expect(loadConfig({ NODE_ENV: "production" }).webchatEnabled).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", WEBCHAT_ENABLED: "true" }).webchatEnabled).toBe(true);
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ TELEGRAM_BOT_TOKEN: "123:abc" }, "TELEGRAM_WEBHOOK_SECRET"],
    [{ ZALO_BOT_TOKEN: "z-token" }, "ZALO_WEBHOOK_SECRET"],
    [{ ZALO_BOT_TOKEN: "z-token", ZALO_WEBHOOK_SECRET: "short" }, "ZALO_WEBHOOK_SECRET"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ TELEGRAM_API_ROOT: "not a url" }, "TELEGRAM_API_ROOT"],
    [{ ZALO_RATE_PER_SEC: "0" }, "ZALO_RATE_PER_SEC"],
    [{ OUTBOX_LEASE_MS: "10" }, "OUTBOX_LEASE_MS"],
  ])("%j stops startup naming %s", (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${variable}`));
  });

  it("enables a channel when token and secret are set", () => {
    const c = loadConfig({ TELEGRAM_BOT_TOKEN: "123:abc", TELEGRAM_WEBHOOK_SECRET: "s3cret" });
    expect(c.telegram).toEqual({ token: "123:abc", secret: "s3cret", apiRoot: "https://api.telegram.org" });
    const z = loadConfig({ ZALO_BOT_TOKEN: "z-token", ZALO_WEBHOOK_SECRET: "long-enough", ZALO_RATE_PER_SEC: "5" });
    expect(z.zalo).toMatchObject({ token: "z-token", mode: "webhook", ratePerSec: 5 });
  });
});
