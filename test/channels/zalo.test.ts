// Zalo end to end: sample events POSTed over HTTP, replies asserted at a fake Zalo Bot API server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZaloClient, ZaloError } from "../../src/channels/zalo/client.ts";
import { createZalo } from "../../src/channels/zalo/zalo.ts";
import { createLogger } from "../../src/logger.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { type FakeBotApi, fakeZalo } from "../support/fake-bot-api.ts";
import { sample } from "../support/samples.ts";

const SECRET = "zalo-secret-123";
const TOKEN = "zalo:TOKEN-abc";
let api: FakeBotApi;
let t: TestApp;
let nextId = 1;

beforeAll(async () => {
  api = fakeZalo();
  await api.start();
  t = await startTestApp({
    env: { ZALO_BOT_TOKEN: TOKEN, ZALO_WEBHOOK_SECRET: SECRET, ZALO_API_ROOT: api.url },
    realClock: true,
  });
});
afterAll(async () => {
  await t.close();
  await api.stop();
});

function post(body: unknown, secret: string | null = SECRET) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (secret !== null) headers["x-bot-api-secret-token"] = secret;
  return fetch(`${t.url}/webhooks/zalo`, { method: "POST", headers, body: JSON.stringify(body) });
}

function textEvent(userId: string, text: string, messageId = `zm-${nextId++}`) {
  return {
    ok: true,
    result: {
      event_name: "message.text.received",
      message: {
        from: { id: userId, display_name: "Test", is_bot: false },
        chat: { id: userId, chat_type: "PRIVATE" },
        text,
        message_id: messageId,
        date: Date.now(),
      },
    },
  };
}

const texts = (chatId: string) => api.of("sendMessage", chatId).map((c) => String(c.body.text));

describe("Zalo webhook", () => {
  it("wrong or missing secret → 401 and nothing stored", async () => {
    expect((await post(sample("zalo", "text_wrapped"), "wrong-secret")).status).toBe(401);
    expect((await post(sample("zalo", "text_wrapped"), null)).status).toBe(401);
    expect(await t.app.db.processedUpdate.count({ where: { channel: "zalo" } })).toBe(0);
  });

  it.each(["text_wrapped", "text_unwrapped", "image", "sticker", "unsupported", "group_text"])(
    "%s with the right secret → 200",
    async (name) => {
      expect((await post(sample("zalo", name))).status).toBe(200);
    },
  );

  it("image, sticker and unsupported events each get one kind reply; a group gets a pointer to the private chat", async () => {
    await api.waitFor(() => texts("8a1c22f0e3b94a7d5c01").length === 1);
    expect(texts("8a1c22f0e3b94a7d5c01")[0]).toMatch(/chỉ đọc được chữ và số/);
    await api.waitFor(() => texts("6ede9afa66b88fe6d6a9").filter((x) => x.includes("chỉ đọc được chữ và số")).length === 2);
    await api.waitFor(() => texts("g91f0c2a7d3e54b8a").length === 1);
    expect(texts("g91f0c2a7d3e54b8a")[0]).toMatch(/nhắn riêng/);
  });

  it("malformed JSON → 400; an unknown future event → 200 and ignored", async () => {
    const bad = await fetch(`${t.url}/webhooks/zalo`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-bot-api-secret-token": SECRET },
      body: "{oops",
    });
    expect(bad.status).toBe(400);
    const future = {
      ok: true,
      result: { event_name: "message.reaction.received", message: { ...textEvent("u-future", "x").result.message } },
    };
    expect((await post(future)).status).toBe(200);
    expect(await t.app.db.channelAccount.count({ where: { externalUserId: "u-future" } })).toBe(0);
  });

  it("an unknown user writing menu is asked for an invite code; a valid code links, asks consent, shows the numbered menu", async () => {
    await post(textEvent("zu-1", "menu"));
    await api.waitFor(() => texts("zu-1").length === 1);
    expect(texts("zu-1")[0]).toMatch(/nhắn mã mời 6 chữ/);
    await post(textEvent("zu-1", "nga234"));
    await api.waitFor(() => texts("zu-1").length === 3);
    expect(texts("zu-1")[1]).toBe("Kết nối xong. Chào mừng Bà Nga!");
    expect(texts("zu-1")[2]).toMatch(/lưu tên[\s\S]*\n1\. Có\n2\. Không\n0\. Menu chính$/);
    await post(textEvent("zu-1", "1"));
    await api.waitFor(() => texts("zu-1").length === 4);
    await post(textEvent("zu-1", "co"));
    await api.waitFor(() => texts("zu-1").length === 5);
    await post(textEvent("zu-1", "Có"));
    await api.waitFor(() => texts("zu-1").length === 7);
    expect(texts("zu-1").at(-1)).toMatch(
      /^Bà Nga cần gì ạ\? Nhắn số:\n\n1\. Điểm danh\n2\. Khoản vay của tôi\n3\. Nhờ thăm nhà\n4\. Cài đặt\n5\. Sức khỏe\n6\. Hướng dẫn\n0\. Menu chính$/,
    );
    expect(
      api.of("sendMessage", "zu-1").every((c) => c.token === TOKEN && Object.keys(c.body).sort().join() === "chat_id,text"),
    ).toBe(true);
  });

  it.each([
    ["6", /Tương Trợ giúp Bà/],
    ["Hướng dẫn", /Tương Trợ giúp Bà/],
    ["huong dan", /Tương Trợ giúp Bà/],
  ])("typing %s picks the choice", async (typed, expected) => {
    await post(textEvent("zu-1", "menu"));
    const before = texts("zu-1").length + 1;
    await api.waitFor(() => texts("zu-1").length === before);
    await post(textEvent("zu-1", typed));
    await api.waitFor(() => texts("zu-1").length === before + 2);
    expect(texts("zu-1").at(-2)).toMatch(expected);
  });

  it("the same message_id twice → handled once", async () => {
    const event = textEvent("zu-2", "xin chào", "zalo-dup-1");
    await Promise.all([post(event), post(event)]);
    await post(event);
    await api.waitFor(() => texts("zu-2").length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(texts("zu-2")).toHaveLength(1);
    expect(await t.app.db.processedUpdate.count({ where: { channel: "zalo", updateId: "zalo-dup-1" } })).toBe(1);
  });

  it("wrong invite codes are limited to 5 per hour per chat", async () => {
    for (const code of ["AAAAAA", "BBBBBB", "CCCCCC", "DDDDDD", "EEEEEE", "FFFFFF"]) await post(textEvent("zu-3", code));
    await api.waitFor(() => texts("zu-3").some((x) => x.includes("nhập sai nhiều lần")));
    // Even the right code is refused until the hour is over.
    await post(textEvent("zu-3", "THU234"));
    await new Promise((r) => setTimeout(r, 300));
    expect(texts("zu-3").join("\n")).not.toMatch(/Kết nối xong/);
  });
});

describe("Zalo sending", () => {
  it("the configured rate holds across chats: 6 sends at 10/s are spread over at least half a second", async () => {
    const zalo = createZalo(
      { token: TOKEN, secret: SECRET, apiRoot: api.url, mode: "webhook", ratePerSec: 10 },
      { handle: async () => undefined, logger: createLogger("silent"), clock: () => new Date() },
    );
    const chats = Array.from({ length: 6 }, (_, i) => `zu-rate-${i}`);
    await Promise.all(chats.map((chat) => zalo.adapter.send(chat, { text: "Họp chiều nay" })));
    const at = api.calls.filter((c) => chats.includes(String(c.body.chat_id))).map((c) => c.at);
    expect(at).toHaveLength(6);
    // Slots 100 ms apart: the 6th starts no sooner than 500 ms after the 1st (timer slack allowed).
    expect(Math.max(...at) - Math.min(...at)).toBeGreaterThanOrEqual(480);
  });

  it("a reply over 2,000 characters arrives as several messages, none longer, in order", async () => {
    const zalo = createZalo(
      { token: TOKEN, secret: SECRET, apiRoot: api.url, mode: "webhook" },
      { handle: async () => undefined, logger: createLogger("silent"), clock: () => new Date() },
    );
    const lines = Array.from({ length: 120 }, (_, i) => `Dòng ${String(i).padStart(3, "0")}: ${"chữ ".repeat(8)}`);
    const result = await zalo.adapter.send("zu-long", { text: lines.join("\n") });
    expect(result).toEqual({ ok: true });
    const parts = texts("zu-long");
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= 2000)).toBe(true);
    expect(parts.join("\n")).toBe(lines.join("\n"));
  });

  it("ok:false is a failure even with HTTP 200; 429/5xx retryable, 403 final and chat gone; the token never shows", async () => {
    const zalo = createZalo(
      { token: TOKEN, secret: SECRET, apiRoot: api.url, mode: "webhook" },
      { handle: async () => undefined, logger: createLogger("silent"), clock: () => new Date() },
    );
    api.push({ method: "sendMessage", status: 200, body: { ok: false, error_code: 403, description: `blocked (${TOKEN})` } });
    const blocked = await zalo.adapter.send("zu-x", { text: "hi" });
    expect(blocked).toMatchObject({ ok: false, retryable: false, chatGone: true });
    expect(JSON.stringify(blocked)).not.toContain(TOKEN);
    api.push({ method: "sendMessage", status: 429, body: { ok: false, error_code: 429, description: "Too many requests" } });
    expect(await zalo.adapter.send("zu-x", { text: "hi" })).toMatchObject({ ok: false, retryable: true });
    api.push({ method: "sendMessage", status: 500, body: { ok: false, error_code: 500, description: "oops" } });
    expect(await zalo.adapter.send("zu-x", { text: "hi" })).toMatchObject({ ok: false, retryable: true });
    api.push({ method: "sendMessage", status: 400, body: { ok: false, error_code: 400, description: "bad request" } });
    expect(await zalo.adapter.send("zu-x", { text: "hi" })).toMatchObject({ ok: false, retryable: false });
  });

  it("a network failure is retryable and says nothing of the URL", async () => {
    const client = new ZaloClient(TOKEN, "http://127.0.0.1:9");
    const error = await client.sendMessage("c", "hi").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZaloError);
    expect((error as ZaloError).retryable).toBe(true);
    expect(String((error as Error).message)).not.toContain(TOKEN);
  });
});

describe("Zalo polling mode", () => {
  it("handles polled messages in order, backs off when the API dies, and recovers", async () => {
    const poll = fakeZalo();
    await poll.start();
    const p = await startTestApp({
      env: { ZALO_BOT_TOKEN: TOKEN, ZALO_WEBHOOK_SECRET: SECRET, ZALO_API_ROOT: poll.url, ZALO_UPDATE_MODE: "polling" },
      realClock: true,
    });
    try {
      expect(poll.of("deleteWebhook")).toHaveLength(1);
      expect((await fetch(`${p.url}/webhooks/zalo`, { method: "POST", body: "{}" })).status).toBe(404);
      for (const text of ["gặp người", "2"]) poll.updates.push(textEvent("zp-1", text).result);
      await poll.waitFor(() => poll.of("sendMessage", "zp-1").length === 3);
      // A guest: the first message opens linking; "2" is not a code, so the hint and the question again.
      expect(poll.of("sendMessage", "zp-1").map((c) => String(c.body.text))).toEqual([
        expect.stringMatching(/nhắn mã mời/),
        expect.stringMatching(/^Xin Bác nhắn mã gồm 6 chữ/),
        expect.stringMatching(/nhắn mã mời/),
      ]);
      await poll.stop();
      await new Promise((r) => setTimeout(r, 1500));
      await poll.start();
      poll.updates.push(textEvent("zp-2", "THU234").result);
      await poll.waitFor(() => poll.of("sendMessage", "zp-2").length === 2, 15_000);
      expect(String(poll.of("sendMessage", "zp-2")[0]?.body.text)).toMatch(/Kết nối xong/);
      expect(p.logs.join("")).toMatch(/zalo poll failed/);
    } finally {
      await p.close();
      await poll.stop();
    }
  }, 30_000);
});
