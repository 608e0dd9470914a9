import { existsSync, writeFileSync } from "node:fs";
// The HTTP contract: health, errors, body limit, and the web chat API's dedupe and ordering.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { WebchatUser } from "../support/webchat.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("HTTP", () => {
  it("GET /healthz → 200 ok", async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("unknown route → 404 JSON", async () => {
    const res = await fetch(`${t.url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "not_found" });
  });

  it.each(["/chat/api/messages"])("malformed JSON to %s → 400", async (route) => {
    const res = await fetch(`${t.url}${route}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{oops",
    });
    expect(res.status).toBe(400);
  });

  it("a body over 256 KiB → 413, not 5xx", async () => {
    const body = JSON.stringify({ user: "guest-big", messageId: "1", text: "x".repeat(300 * 1024) });
    const res = await fetch(`${t.url}/chat/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(res.status).toBe(413);
  });

  it("a well-formed body with wrong fields → 400", async () => {
    const res = await fetch(`${t.url}/chat/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user: "<script>", messageId: "1" }),
    });
    expect(res.status).toBe(400);
  });

  it("GET /chat serves the simulator page", async () => {
    const res = await fetch(`${t.url}/chat`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(await res.text()).toContain("Người mới (chưa kết nối)");
  });
});

describe("web chat", () => {
  it("the same message id twice is handled once", async () => {
    const chat = new WebchatUser(t.url, "guest-dedupe");
    const first = await chat.send("menu", "same-id");
    const second = await chat.send("menu", "same-id");
    expect(first.status).toBe("handled");
    expect(second).toEqual({ status: "duplicate", replies: [], person: null });
    expect(await chat.transcript()).toHaveLength(1);
  });

  it("50 messages sent at once in one chat: all handled, none lost", async () => {
    const chat = new WebchatUser(t.url, "guest-burst");
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => chat.send(`xin chao ${i}`, `burst-${i}`)));
    expect(results.every((r) => r.status === "handled" && r.replies.length >= 1)).toBe(true);
    const account = await t.app.db.channelAccount.findFirstOrThrow({ where: { externalUserId: "guest-burst" } });
    const session = await t.app.db.session.findUniqueOrThrow({ where: { accountId: account.id } });
    expect(session.version).toBe(50);
    const processed = await t.app.db.processedUpdate.count({
      where: { channel: "webchat", updateId: { startsWith: "guest-burst:" } },
    });
    expect(processed).toBe(50);
  });

  it("messages of one chat are handled in arrival order", async () => {
    const member = await t.app.db.member.findFirstOrThrow({ where: { fullName: "Hoàng Thị Mận" } });
    const user = `member-${member.id}`;
    await new WebchatUser(t.url, user).send("menu");
    // Queue 20 events without waiting: "gặp người" asks yes/no, "2" answers no. Out of order, "2" would land on the menu.
    const { webchatEvent } = await import("../../src/channels/webchat/inbound.ts");
    const texts = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? "gặp người" : "2"));
    await Promise.all(
      texts.map((text, i) => t.app.inbox.handle(webchatEvent({ user, messageId: `order-${i}`, text }, new Date()))),
    );
    const replies = (await new WebchatUser(t.url, user).transcript()).slice(1).map((r) => r.text);
    expect(replies).toHaveLength(20);
    for (const [i, text] of replies.entries()) expect(text).toMatch(i % 2 === 0 ? /Ban Chủ nhiệm gọi lại/ : /^Dạ\./);
  });

  it("a stale button says so and repeats the current question", async () => {
    const chat = new WebchatUser(t.url, "guest-stale");
    await chat.send("nga 234");
    await chat.send("1"); // membership consent: from now on «menu» is the main menu
    const menu = (await chat.send("menu")).replies[0];
    await chat.send("menu");
    const stale = await chat.tap("help", menu?.version);
    expect(stale.replies.map((r) => r.text).join("\n")).toMatch(/Menu đó đã cũ[\s\S]*cần gì ạ/);
    const fresh = (await chat.send("menu")).replies[0];
    const tapped = await chat.tap("help", fresh?.version);
    expect(tapped.replies[0]?.text).toMatch(/Tương Trợ giúp/);
  });
});

describe("health when the database is gone", () => {
  it("GET /healthz → 503", async () => {
    const other = await startTestApp({ seed: false });
    // Overwrite the database file with garbage: SQLite now answers "file is not a database".
    const file = other.app.config.databaseUrl.slice("file:".length);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) writeFileSync(f, Buffer.alloc(8192, 7));
    const res = await fetch(`${other.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "unavailable" });
    await other.app.server.close();
  });
});
