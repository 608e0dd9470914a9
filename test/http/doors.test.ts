// The public doors against strangers: a body too large is 413, too many requests from one address is
// 429 while another address is still served, a client too slow to send its request is 408 while
// others are answered, and every HTML page carries the security headers with a CSP allowing no
// inline script.
import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BODY_LIMIT } from "../../src/server.ts";
import { startTestApp, type TestApp } from "../support/app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    env: {
      RATE_LIMIT_WEBCHAT_PER_MINUTE: "20",
      RATE_LIMIT_FILES_PER_MINUTE: "5",
      RATE_LIMIT_SIGNIN_PER_MINUTE: "5",
      REQUEST_TIMEOUT_MS: "600",
    },
  });
});
afterAll(() => t?.close());

/** A GET from a chosen loopback address (Linux answers on all of 127.0.0.0/8): another client. */
function getFrom(localAddress: string, path: string): Promise<number> {
  const { port } = new URL(t.url);
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path, localAddress, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on("error", reject);
  });
}

describe("limits", () => {
  it("a body past the limit is 413, and the server still answers", async () => {
    const res = await fetch(`${t.url}/chat/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user: "guest-big", text: "x".repeat(BODY_LIMIT + 10) }),
    });
    expect(res.status).toBe(413);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });

  for (const [door, path, max] of [
    ["the web chat API", "/chat/api/messages?user=guest-rate", 20],
    ["a /files link", "/files/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 5],
    ["the sign-in link", "/web/login/not-a-token-at-all", 5],
  ] as const) {
    it(`${door}: past ${max} a minute from one address is 429; another address is served`, async () => {
      const statuses: number[] = [];
      for (let i = 0; i < max + 2; i++) statuses.push(await getFrom("127.0.0.2", path));
      expect(statuses.slice(0, max).every((s) => s !== 429)).toBe(true);
      expect(statuses.slice(max)).toEqual([429, 429]);
      expect(await getFrom("127.0.0.3", path)).not.toBe(429);
    });
  }

  it("a client that sends its headers too slowly gets 408; another client is answered meanwhile", async () => {
    const { port } = new URL(t.url);
    const slow = net.connect(Number(port), "127.0.0.1");
    const answer = new Promise<string>((resolve) => {
      let data = "";
      slow.on("data", (chunk) => {
        data += chunk;
      });
      slow.on("close", () => resolve(data));
    });
    slow.write("GET /healthz HTTP/1.1\r\nHost: x\r\n");
    const drip = setInterval(() => slow.write("X-Slow: 1\r\n"), 100);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const reply = await answer;
    clearInterval(drip);
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
  });
});

describe("headers", () => {
  it("every HTML page has the security headers and a CSP without inline script", async () => {
    for (const path of ["/chat", "/web/signin", "/web/login/not-a-token-at-all", "/web"]) {
      const res = await fetch(`${t.url}${path}`, { redirect: "manual" });
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toMatch(/script-src 'self'(;|$)/);
      expect(csp, path).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toBe("no-referrer");
      expect(res.headers.get("x-frame-options"), path).toBe("SAMEORIGIN");
      const body = await res.text();
      // No inline script: each <script> either loads a file or holds data.
      for (const [tag] of body.matchAll(/<script[^>]*>/g)) expect(tag, path).toMatch(/src=|type="application\/json"/);
      expect(body, path).not.toMatch(/\son(click|load|submit|change)=/);
    }
  });
});
