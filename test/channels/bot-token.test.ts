// A bot's token revoked: the platform answers 401, that bot's messages are held and counted, the
// other bots' members still get everything, and the held messages go once `bot:set-token` gives a
// new one. Tokens and secrets never appear in logs, metrics, the CLI's list or the database file.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliver } from "../support/app.ts";
import { broadcastToAll } from "../support/broadcast-load.ts";
import { cli } from "../support/cli.ts";
import {
  BOT_SECRETS_KEY,
  DEFAULT_TOKEN,
  METRICS_TOKEN,
  type Person,
  type ProvinceBots,
  startProvinceBots,
  tokensTo,
} from "../support/province-bots.ts";

const NOW = new Date("2026-12-15T03:00:00Z");
const NEW_TOKEN = "100:tg-token-0-replaced";
let running: ProvinceBots;

beforeAll(async () => {
  running = await startProvinceBots(NOW);
}, 180_000);
afterAll(() => running.close(), 120_000);

const noticeTo = (person: Person) =>
  running.telegram.calls.filter(
    (c) => String(c.body.chat_id) === person.chatId && /Họp bất thường/.test(String(c.body.text ?? "")),
  );

async function metricsText(): Promise<string> {
  const res = await fetch(`${running.t.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  return res.text();
}

describe("a revoked bot token", () => {
  it("holds that bot's messages, counts them, lets the other bots send, and sends them once the token is replaced", async () => {
    const { t, telegram, provinces, databaseUrl } = running;
    const [held, ...others] = provinces as [(typeof provinces)[0], ...typeof provinces];
    const heldBot = held.board.bot;
    telegram.revoked.add(heldBot.token);
    for (const p of provinces) {
      const account = await t.app.db.channelAccount.findFirstOrThrow({ where: { memberId: p.board.memberId } });
      await broadcastToAll(t.app.db, account.id);
    }
    await deliver(t.app);
    for (const p of others) for (const person of [p.board, p.member, p.volunteer]) expect(noticeTo(person)).toHaveLength(1);
    for (const person of [held.board, held.member, held.volunteer]) expect(noticeTo(person)).toHaveLength(0);

    // Held, not failed: every row of the bot waits, untried.
    const waiting = await t.app.db.outboxMessage.findMany({
      where: { channel: `telegram/${heldBot.id}`, status: { not: "sent" } },
    });
    expect(waiting.length).toBe(3);
    expect(waiting.every((row) => row.status === "pending" && row.attempts === 0)).toBe(true);
    const metrics = await metricsText();
    expect(metrics).toContain(`tuongtro_bot_token_refused{channel="telegram",bot="${heldBot.id}"} 1`);
    expect(metrics).toMatch(new RegExp(`tuongtro_outbox_backlog\\{channel="telegram",priority="1",bot="${heldBot.id}"\\} 3`));
    expect(metrics).toMatch(
      new RegExp(`tuongtro_sends_total\\{channel="telegram",result="refused",bot="${heldBot.id}"\\} [1-3]\\b`),
    );
    expect(t.logs.join("")).toMatch(new RegExp(`"bot":"${heldBot.id}".*bot token refused`));
    const listed = await cli(["bot:list"], { DATABASE_URL: databaseUrl, BOT_SECRETS_KEY });
    expect(listed.stdout.split("\n").find((r) => r.startsWith(heldBot.id))).toMatch(/,yes$/);

    const replaced = await cli(["bot:set-token", "--bot", heldBot.id, "--token", NEW_TOKEN], {
      DATABASE_URL: databaseUrl,
      BOT_SECRETS_KEY,
    });
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toBe(`${heldBot.id}: token …aced\n`);
    await telegram.waitFor(() => [held.board, held.member, held.volunteer].every((p) => noticeTo(p).length === 1), 15_000);
    for (const person of [held.board, held.member, held.volunteer]) {
      expect(noticeTo(person)[0]?.token).toBe(NEW_TOKEN);
      expect(new Set(tokensTo(telegram, person.chatId))).toEqual(new Set([heldBot.token, NEW_TOKEN]));
    }
    expect(await metricsText()).not.toContain(`tuongtro_bot_token_refused{channel="telegram",bot="${heldBot.id}"}`);
  }, 60_000);

  it("no token or webhook secret is in the logs, the metrics, the CLI's list or the database file", async () => {
    const { t, provinces, databaseUrl } = running;
    const secrets = [
      DEFAULT_TOKEN,
      NEW_TOKEN,
      ...provinces.flatMap((p) => [p.board.bot, ...(p.zalo ? [p.zalo.bot] : [])]).flatMap((b) => [b.token, b.hook.secret]),
    ];
    const listed = await cli(["bot:list"], { DATABASE_URL: databaseUrl, BOT_SECRETS_KEY });
    const places = {
      logs: t.logs.join(""),
      metrics: await metricsText(),
      list: listed.stdout + listed.stderr,
      // SQLite: the file and its WAL as bytes; PostgreSQL: every stored bot's row as read back.
      database: databaseUrl.startsWith("file:")
        ? ["", "-wal"]
            .map((suffix) => `${fileURLToPath(databaseUrl.replace(/^file:/, "file://"))}${suffix}`)
            .filter((file) => existsSync(file))
            .map((file) => readFileSync(file).toString("latin1"))
            .join("")
        : JSON.stringify(await t.app.db.bot.findMany()),
    };
    expect(places.logs.length).toBeGreaterThan(1000);
    for (const [where, text] of Object.entries(places)) {
      for (const secret of secrets) expect(text.includes(secret), `${where} holds a secret`).toBe(false);
    }
  });
});
