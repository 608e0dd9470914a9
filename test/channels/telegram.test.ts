// Telegram end to end: sample updates POSTed over HTTP, replies asserted at a fake Bot API server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { splitText } from "../../src/channels/choices.ts";
import { telegramMessages } from "../../src/channels/telegram/render.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { type FakeBotApi, fakeTelegram } from "../support/fake-bot-api.ts";
import { demoContact, sample, telegramText } from "../support/samples.ts";

const SECRET = "test-secret_123";
const TOKEN = "123456:TEST-token";
let api: FakeBotApi;
let t: TestApp;
let nextUpdateId = 900_000_000;

beforeAll(async () => {
  api = fakeTelegram();
  await api.start();
  t = await startTestApp({
    env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: api.url },
    realClock: true,
  });
});
afterAll(async () => {
  await t.close();
  await api.stop();
});

function post(update: unknown, secret: string | null = SECRET, raw?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (secret !== null) headers["x-telegram-bot-api-secret-token"] = secret;
  return fetch(`${t.url}/webhooks/telegram`, { method: "POST", headers, body: raw ?? JSON.stringify(update) });
}

/** A private text message from a user, with a fresh update_id. */
const text = (userId: number, body: string, updateId = nextUpdateId++) => telegramText(userId, body, updateId);

/** The user shares their own phone with the contact button. */
function contactFrom(userId: number, phone: string) {
  const update = text(userId, "");
  const { text: _unused, ...message } = update.message;
  return { update_id: update.update_id, message: { ...message, contact: { phone_number: phone, user_id: userId } } };
}

type Button = { text: string; callback_data: string };
function inlineKeyboard(body: Record<string, unknown> | undefined): Button[][] {
  return (body?.reply_markup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? [];
}

/** Link with a code, agree to membership, skip the other consent questions with 0, wait for the main menu. */
async function linkedUser(userId: number, code: string) {
  await post(text(userId, code));
  await api.waitFor(() => api.of("sendMessage", userId).some((c) => String(c.body.text).includes("lưu tên")));
  await post(text(userId, "1"));
  await api.waitFor(() => api.of("sendMessage", userId).some((c) => String(c.body.text).includes("sức khỏe")));
  await post(text(userId, "0"));
  await api.waitFor(() => api.of("sendMessage", userId).some((c) => String(c.body.text).includes("cần gì ạ")));
}

describe("Telegram webhook", () => {
  it("start.json from an unknown user → one Vietnamese message asking to link, with a request_contact keyboard", async () => {
    const res = await post(sample("telegram", "start"));
    expect(res.status).toBe(200);
    await api.waitFor(() => api.of("sendMessage", 5123456789).length === 1);
    const [call] = api.of("sendMessage", 5123456789);
    expect(call?.token).toBe(TOKEN);
    expect(call?.body.text).toMatch(/Gửi số điện thoại.*mã mời/s);
    expect(call?.body.reply_markup).toMatchObject({ keyboard: [[{ request_contact: true }]] });
  });

  it("contact_someone_else.json → refused, nothing linked", async () => {
    await post(sample("telegram", "contact_someone_else"));
    await api.waitFor(() => api.of("sendMessage", 5123456789).length === 3);
    const [refusal, again] = api.of("sendMessage", 5123456789).slice(1);
    expect(refusal?.body.text).toMatch(/số điện thoại của chính mình/);
    expect(again?.body.reply_markup).toMatchObject({ keyboard: [[{ request_contact: true }]] });
    const account = await t.app.db.channelAccount.findFirstOrThrow({
      where: { channel: "telegram", externalUserId: "5123456789" },
    });
    expect(account.memberId).toBeNull();
  });

  it("contact.json with a roster phone → linked, keyboard removed, the consent steps with inline buttons", async () => {
    await post(demoContact());
    await api.waitFor(() => api.of("sendMessage", 5123456789).length === 5);
    const [welcome, consent] = api.of("sendMessage", 5123456789).slice(3);
    expect(welcome?.body).toMatchObject({ text: "Kết nối xong. Chào mừng Bà Lan!", reply_markup: { remove_keyboard: true } });
    expect(consent?.body.text).toMatch(/lưu tên, năm sinh, số điện thoại[\s\S]*\n\n1\. Có\n2\. Không\n0\. Menu chính$/);
    const keyboard = inlineKeyboard(consent?.body);
    expect(keyboard.map((row) => row[0]?.text)).toEqual(["1. Có", "2. Không", "0. Menu chính"]);
    expect(keyboard.every((row) => row.length === 1 && Buffer.byteLength(row[0]?.callback_data ?? "") <= 64)).toBe(true);
    const account = await t.app.db.channelAccount.findFirstOrThrow({
      where: { channel: "telegram", externalUserId: "5123456789" },
      include: { member: true },
    });
    expect(account.member?.fullName).toBe("Trần Thị Lan");
  });

  it("callback_query.json (an old button) → answered, 'menu is old' and the current question", async () => {
    const before = api.of("sendMessage", 5123456789).length;
    await post(sample("telegram", "callback_query"));
    await api.waitFor(() => api.of("sendMessage", 5123456789).length === before + 2);
    expect(api.of("answerCallbackQuery").map((c) => c.body.callback_query_id)).toContain("2200559914431190561");
    const [old, question] = api.of("sendMessage", 5123456789).slice(before);
    expect(old?.body.text).toMatch(/Menu đó đã cũ/);
    expect(question?.body.text).toMatch(/lưu tên, năm sinh/);
  });

  /** Tap a button of the last question (by its text) as a fresh callback query; the text sent back. */
  async function tapLast(label: (text: string) => boolean, callbackId: string): Promise<string> {
    const question = api.of("sendMessage", 5123456789).at(-1);
    const button = inlineKeyboard(question?.body)
      .flat()
      .find((b) => label(b.text));
    const update = sample<{ update_id: number; callback_query: { id: string; data: string } }>("telegram", "callback_query");
    update.update_id = nextUpdateId++;
    update.callback_query.id = callbackId;
    update.callback_query.data = button?.callback_data ?? "";
    const before = api.of("sendMessage", 5123456789).length;
    await post(update);
    await api.waitFor(() => api.of("sendMessage", 5123456789).length === before + 1);
    expect(api.of("answerCallbackQuery").map((c) => c.body.callback_query_id)).toContain(callbackId);
    return String(api.of("sendMessage", 5123456789).at(-1)?.body.text);
  }

  it("a current button → answered and the next question", async () => {
    expect(await tapLast((text) => text.includes("Có"), "fresh-callback")).toMatch(/thông tin sức khỏe/);
  });

  it("the «0. Menu chính» button is the same as typing 0", async () => {
    expect(await tapLast((text) => text === "0. Menu chính", "home-callback")).toMatch(/^Bà Lan cần gì ạ\? Nhắn số:/);
  });

  it("photo.json → one kind 'I read text and numbers' reply", async () => {
    const before = api.of("sendMessage", 5123456789).length;
    await post(sample("telegram", "photo"));
    await api.waitFor(() => api.of("sendMessage", 5123456789).length >= before + 1);
    expect(api.of("sendMessage", 5123456789)[before]?.body.text).toMatch(/chỉ đọc được chữ và số/);
  });

  it("edited_message.json → 200 and ignored; malformed JSON → 400; wrong or missing secret → 401, nothing stored", async () => {
    expect((await post(sample("telegram", "edited_message"))).status).toBe(200);
    expect((await post(undefined, SECRET, "{not json")).status).toBe(400);
    expect((await post({ hello: "world" })).status).toBe(400);
    const wrong = text(5999, "menu");
    expect((await post(wrong, "wrong-secret")).status).toBe(401);
    expect((await post(wrong, null)).status).toBe(401);
    const stored = await t.app.db.processedUpdate.count({
      where: { channel: "telegram", updateId: { in: [String(wrong.update_id), "734518205"] } },
    });
    expect(stored).toBe(0);
    expect(await t.app.db.channelAccount.count({ where: { externalUserId: "5999" } })).toBe(0);
    // Operators see refusals in the log, by route, without a line for every accepted update.
    const refused = t.logs.filter((line) => line.includes('"request refused"') && line.includes('"status":401'));
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(refused[0]).toContain('"route":"/webhooks/telegram"');
    expect(t.logs.some((line) => line.includes("incoming request"))).toBe(false);
  });

  it("the same update_id 20 times at once → one reply, one set of records", async () => {
    const update = text(6001, "xin chào");
    const statuses = await Promise.all(Array.from({ length: 20 }, () => post(update).then((r) => r.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    await api.waitFor(() => api.of("sendMessage", 6001).length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(api.of("sendMessage", 6001)).toHaveLength(1);
    expect(await t.app.db.outboxMessage.count({ where: { channel: "telegram", chatId: "6001" } })).toBe(1);
    expect(await t.app.db.channelAccount.count({ where: { externalUserId: "6001" } })).toBe(1);
  });

  it("updates of one chat posted at once are answered in order", async () => {
    await linkedUser(6002, "NGA234");
    const base = api.of("sendMessage", 6002).length;
    const updates = ["gặp người", "2", "gặp người", "2", "gặp người", "2"].map((body) => text(6002, body));
    await Promise.all(updates.map((u) => post(u)));
    await api.waitFor(() => api.of("sendMessage", 6002).length === base + 6, 20_000);
    const texts = api
      .of("sendMessage", 6002)
      .slice(base)
      .map((c) => String(c.body.text));
    for (const [i, reply] of texts.entries()) expect(reply).toMatch(i % 2 === 0 ? /gọi lại/ : /^Dạ\./);
  }, 30_000);

  it("200 chats in parallel are all answered", async () => {
    const users = Array.from({ length: 200 }, (_, i) => 700_000 + i);
    const statuses = await Promise.all(users.map((u) => post(text(u, "xin chào")).then((r) => r.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    await api.waitFor(() => users.every((u) => api.of("sendMessage", u).length === 1), 20_000);
  }, 30_000);

  it("group chats: /start gets a pointer to the private chat; other messages get nothing", async () => {
    const group = {
      update_id: nextUpdateId++,
      message: {
        message_id: 1,
        from: { id: 6003, is_bot: false, first_name: "A" },
        chat: { id: -100123, type: "supergroup" },
        date: 1,
        text: "/start",
      },
    };
    await post(group);
    await api.waitFor(() => api.of("sendMessage", -100123).length === 1);
    expect(api.of("sendMessage", -100123)[0]?.body.text).toMatch(/nhắn riêng/);
    await post({ ...group, update_id: nextUpdateId++, message: { ...group.message, text: "hello everyone" } });
    await new Promise((r) => setTimeout(r, 200));
    expect(api.of("sendMessage", -100123)).toHaveLength(1);
  });
});

describe("Telegram sending", () => {
  it("429 → the message is sent after retry_after, once", async () => {
    api.push({
      method: "sendMessage",
      when: (b) => String(b.chat_id) === "6100",
      status: 429,
      body: { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } },
    });
    await post(text(6100, "xin chào"));
    await api.waitFor(() => api.of("sendMessage", 6100).length === 2, 10_000);
    const [limited, sent] = api.of("sendMessage", 6100);
    expect((sent?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(900);
    // The fake records the call as it arrives; the row is marked once the answer is back.
    await expect
      .poll(
        async () => (await t.app.db.outboxMessage.findFirstOrThrow({ where: { channel: "telegram", chatId: "6100" } })).status,
      )
      .toBe("sent");
  });

  it("403 blocked → chat marked blocked and no more sends to it", async () => {
    api.push({
      method: "sendMessage",
      when: (b) => String(b.chat_id) === "6200",
      status: 403,
      body: { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
    });
    await post(text(6200, "xin chào"));
    await api.waitFor(() => api.of("sendMessage", 6200).length === 1);
    await expect
      .poll(async () => (await t.app.db.channelAccount.findFirstOrThrow({ where: { externalUserId: "6200" } })).blockedAt)
      .not.toBeNull();
    const row = await t.app.db.outboxMessage.findFirstOrThrow({ where: { channel: "telegram", chatId: "6200" } });
    expect(row.status).toBe("failed");
  });

  it("my_chat_member_blocked.json → chat marked blocked; pending sends stop", async () => {
    await post(sample("telegram", "my_chat_member_blocked"));
    const account = await t.app.db.channelAccount.findFirstOrThrow({
      where: { channel: "telegram", externalUserId: "5123456789" },
    });
    expect(account.blockedAt).not.toBeNull();
    expect(await t.app.db.outboxMessage.count({ where: { channel: "telegram", chatId: "5123456789", status: "pending" } })).toBe(
      0,
    );
  });

  it("500 from the API → retried until it goes through", async () => {
    for (let i = 0; i < 3; i++) {
      api.push({
        method: "sendMessage",
        when: (b) => String(b.chat_id) === "6300",
        status: 500,
        body: { ok: false, error_code: 500, description: "Internal Server Error" },
      });
    }
    await post(text(6300, "xin chào"));
    await api.waitFor(() => api.of("sendMessage", 6300).length === 4, 15_000);
    await expect
      .poll(async () => (await t.app.db.outboxMessage.findFirstOrThrow({ where: { chatId: "6300" } })).status, { timeout: 5000 })
      .toBe("sent");
  }, 20_000);
});

describe("Telegram rendering", () => {
  it("a text over 4,096 characters is split on line breaks, buttons on the last part", () => {
    const text = Array.from({ length: 300 }, (_, i) => `Dòng số ${i}: ${"chữ ".repeat(5)}`).join("\n");
    const parts = telegramMessages({ text, choices: [{ n: 1, id: "a", label: "A" }], version: 7 });
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.text.length <= 4096)).toBe(true);
    expect(parts.map((p) => p.text).join("\n")).toBe(`${text}\n\n1. A`);
    expect(parts.at(-1)?.reply_markup).toEqual({ inline_keyboard: [[{ text: "1. A", callback_data: "7:a" }]] });
    expect(parts[0]?.reply_markup).toBeUndefined();
  });

  it("splitText keeps order and never exceeds the limit, even for one long line", () => {
    const parts = splitText(`${"a ".repeat(3000)}\nshort`, 2000);
    expect(parts.every((p) => p.length <= 2000)).toBe(true);
    expect(parts.at(-1)).toMatch(/short$/);
  });
});

describe("Telegram setup", () => {
  it("webhooks:set registers PUBLIC_URL/webhooks/telegram with the secret and allowed updates", async () => {
    const { execFile } = await import("node:child_process");
    const { promisify } = await import("node:util");
    const { ROOT } = await import("../../src/root.ts");
    const env = {
      ...process.env,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: api.url,
      PUBLIC_URL: "https://tuongtro.example.vn/",
    };
    const { stdout } = await promisify(execFile)("npx", ["tsx", "src/main.ts", "webhooks:set"], { cwd: ROOT, env });
    expect(stdout).toMatch(/telegram webhook set/);
    expect(api.of("setWebhook").at(-1)?.body).toEqual({
      url: "https://tuongtro.example.vn/webhooks/telegram",
      secret_token: SECRET,
      allowed_updates: ["message", "callback_query", "my_chat_member"],
    });
  });

  it("starts and answers /healthz while the Bot API is unreachable", async () => {
    const down = await startTestApp({
      env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: "http://127.0.0.1:9" },
      seed: false,
    });
    try {
      expect((await fetch(`${down.url}/healthz`)).status).toBe(200);
      // A wrong secret is still refused without touching the Bot API.
      const res = await fetch(`${down.url}/webhooks/telegram`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      expect(res.status).toBe(401);
    } finally {
      await down.close();
    }
  });
});

describe("Telegram linking by a shared phone", () => {
  it("two members on one phone (an elderly couple) → asked who is writing, then linked to the one picked", async () => {
    const userId = 6400;
    await post(text(userId, "/start"));
    await api.waitFor(() => api.of("sendMessage", userId).length === 1);
    const contact = contactFrom(userId, "01000000109");
    await post(contact);
    await api.waitFor(() => api.of("sendMessage", userId).length === 2);
    const question = api.of("sendMessage", userId)[1];
    expect(question?.body.text).toMatch(/Ai đang nhắn ạ\?[\s\S]*1\. Ngô Văn Dũng\n2\. Ngô Thị Hằng/);
    await post(text(userId, "1"));
    await api.waitFor(() => api.of("sendMessage", userId).length === 4);
    expect(api.of("sendMessage", userId)[2]?.body.text).toBe("Kết nối xong. Chào mừng Ông Dũng!");
    expect(api.of("sendMessage", userId)[3]?.body.text).toMatch(/Ông đồng ý không\?/);
  });

  it("a phone not on the roster → a kind message and the invite-code path", async () => {
    const userId = 6401;
    const contact = contactFrom(userId, "+84999999999");
    await post(text(userId, "/start"));
    await api.waitFor(() => api.of("sendMessage", userId).length === 1);
    await post(contact);
    await api.waitFor(() => api.of("sendMessage", userId).length === 3);
    const [sorry, ask] = api.of("sendMessage", userId).slice(1);
    expect(sorry?.body.text).toMatch(/chưa có trong danh sách.*hỏi Ban Chủ nhiệm/s);
    expect(ask?.body.text).toMatch(/nhắn mã mời/);
  });
});
