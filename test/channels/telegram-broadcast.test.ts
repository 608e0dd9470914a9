// A broadcast over Telegram, in process: every member gets exactly one message; a 429 and a 500 are
// retried; a blocked chat fails for good and is marked; the author's status counts each outcome.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { write } from "../../src/db/client.ts";
import { loadActor } from "../../src/domain/actors/actors.ts";
import { followBroadcast } from "../../src/domain/broadcasts/follow-broadcast.ts";
import { formatterFor } from "../../src/i18n/format.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { AUTHOR_CHAT, broadcastToAll, FIRST_CHAT, seedBigClub } from "../support/broadcast-load.ts";
import { type FakeBotApi, fakeTelegram } from "../support/fake-bot-api.ts";

const MEMBERS = 60;
let api: FakeBotApi;
let t: TestApp;

beforeAll(async () => {
  api = fakeTelegram();
  await api.start();
  t = await startTestApp({
    env: { TELEGRAM_BOT_TOKEN: "1:bc", TELEGRAM_WEBHOOK_SECRET: "sec", TELEGRAM_API_ROOT: api.url },
    realClock: true,
    seed: false,
  });
});
afterAll(async () => {
  await t.close();
  await api.stop();
});

const chat = (i: number) => FIRST_CHAT + i;

describe("a broadcast over Telegram", () => {
  it("one message per member; 429 and 500 retried; a blocked chat failed and marked; status counts them", async () => {
    const { authorAccountId } = await seedBigClub(t.app.db, MEMBERS);
    const failing = (i: number) => (b: Record<string, unknown>) => Number(b.chat_id) === chat(i);
    api.push({
      method: "sendMessage",
      when: failing(3),
      status: 429,
      body: { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } },
    });
    api.push({ method: "sendMessage", when: failing(4), status: 500, body: { ok: false, error_code: 500, description: "oops" } });
    api.push({
      method: "sendMessage",
      when: failing(5),
      status: 403,
      body: { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
    });
    const id = await broadcastToAll(t.app.db, authorAccountId);
    await api.waitFor(() => api.of("sendMessage", AUTHOR_CHAT).some((c) => /đã gửi xong/.test(String(c.body.text))), 30_000);

    for (let i = 0; i < MEMBERS; i++) {
      const got = api.of("sendMessage", chat(i)).length;
      // Delivered once; the 429 and the 500 were one extra attempt each, the blocked chat one attempt.
      expect(got, `chat ${chat(i)}`).toBe([3, 4].includes(i) ? 2 : 1);
    }
    expect(String(api.of("sendMessage", chat(1))[0]?.body.text)).toMatch(/^KHẨN — CLB Thử:\nHọp bất thường tối nay/);
    expect(String(api.of("sendMessage", chat(10))[0]?.body.text)).toMatch(/^URGENT — CLB Thử:/); // an English reader
    const blocked = await t.app.db.channelAccount.findFirstOrThrow({ where: { chatId: String(chat(5)) } });
    expect(blocked.blockedAt).not.toBeNull();

    const seen = await write(t.app.db, async (tx) =>
      followBroadcast.run(tx, { id }, await loadActor(tx, authorAccountId), new Date(), formatterFor(t.app.i18n, "vi")),
    );
    expect(seen).toMatchObject({
      status: "ok",
      id,
      state: "done",
      total: MEMBERS + 1,
      sent: MEMBERS,
      failed: 1,
      pending: 0,
      noChat: 0,
    });
    const report = String(api.of("sendMessage", AUTHOR_CHAT).at(-1)?.body.text);
    expect(report).toMatch(new RegExp(`^Thông báo #${id} đã gửi xong: ${MEMBERS}/${MEMBERS + 1} tới nơi, 1 không gửi được`));
  });
});
