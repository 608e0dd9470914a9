// A local fake of a bot HTTP API (Telegram or Zalo shape): a real HTTP server on an ephemeral port
// that records every call and answers from a script of one-shot responses, else with `ok`.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type Call = { token: string; method: string; body: Record<string, unknown>; at: number };
export type Scripted = { method: string; status: number; body: unknown; when?: (body: Record<string, unknown>) => boolean };
export type Answer = (method: string, body: Record<string, unknown>, callNumber: number) => unknown;

export class FakeBotApi {
  readonly calls: Call[] = [];
  private readonly script: Scripted[] = [];
  private server?: Server;
  private port = 0;
  url = "";
  /** Events handed out one per getUpdates call (long polling). */
  readonly updates: unknown[] = [];
  /** Tokens the platform no longer accepts (revoked): every call with one is answered 401. */
  readonly revoked = new Set<string>();

  constructor(private readonly answer: Answer) {}

  /** Listen on an ephemeral port, or on the same port again after stop(). */
  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve) => this.server?.listen(this.port, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    this.url = `http://127.0.0.1:${this.port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** The next call to `method` (matching `when`) gets this answer instead of ok. */
  push(answer: Scripted): void {
    this.script.push(answer);
  }

  of(method: string, chatId?: string | number): Call[] {
    return this.calls.filter((c) => c.method === method && (chatId === undefined || String(c.body.chat_id) === String(chatId)));
  }

  /** Wait until `predicate` holds, polling; throws with the calls seen on timeout. */
  async waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > until)
        throw new Error(`timed out; last calls: ${JSON.stringify(this.calls.slice(-10).map((c) => [c.method, c.body.chat_id]))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async serve(req: IncomingMessage, res: import("node:http").ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const match = (req.url ?? "").match(/^\/bot([^/]+)\/(\w+)/);
    const body = parseBody(req.headers["content-type"] ?? "", Buffer.concat(chunks));
    const method = match?.[2] ?? "";
    const token = match?.[1] ?? "";
    if (this.revoked.has(token)) {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: false, error_code: 401, description: "Unauthorized" }));
      return;
    }
    this.calls.push({ token, method, body, at: Date.now() });
    const index = this.script.findIndex((s) => s.method === method && (!s.when || s.when(body)));
    if (index >= 0) {
      const [scripted] = this.script.splice(index, 1);
      res.writeHead(scripted?.status ?? 200, { "content-type": "application/json" });
      res.end(JSON.stringify(scripted?.body));
      return;
    }
    if (method === "getUpdates") {
      // Hold the long poll briefly until an event is queued.
      const until = Date.now() + 300;
      while (this.updates.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true, result: this.updates.length > 0 ? this.updates.shift() : [] }));
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: true, result: this.answer(method, body, this.calls.length) }));
  }
}

/** An uploaded file as the fake saw it. */
export type Upload = { filename: string; type: string; bytes: Buffer };

/** JSON, or multipart/form-data as grammY sends uploads (files become `Upload`s). */
function parseBody(contentType: string, raw: Buffer): Record<string, unknown> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (contentType.startsWith("multipart/form-data") && boundary) return parseMultipart(raw, `--${boundary[1] ?? boundary[2]}`);
  const text = raw.toString("utf8");
  return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
}

/** Parts separated by the boundary: a header block, a blank line, then the bytes. */
function parseMultipart(raw: Buffer, boundary: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  let at = raw.indexOf(boundary);
  while (at >= 0) {
    const next = raw.indexOf(boundary, at + boundary.length);
    if (next < 0) break;
    const part = raw.subarray(at + boundary.length, next);
    const split = part.indexOf("\r\n\r\n");
    if (split >= 0) {
      const headers = part.subarray(0, split).toString("utf8");
      const content = part.subarray(split + 4, part.length - 2); // the CRLF before the next boundary
      // Quoted or not: grammY writes name="photo" and filename=a.png.
      const name = /;\s*name="?([^";\r\n]*)"?/.exec(headers)?.[1] ?? "";
      const filename = /filename="?([^";\r\n]*)"?/.exec(headers)?.[1];
      const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? "";
      body[name] =
        filename === undefined ? content.toString("utf8") : ({ filename, type, bytes: Buffer.from(content) } satisfies Upload);
    }
    at = next;
  }
  // grammY names an upload by reference: { photo: "attach://<field>" } with the file in that field.
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === "string" && value.startsWith("attach://")) body[key] = body[value.slice("attach://".length)];
  }
  return body;
}

/** Zalo Bot API answers for the methods we call. */
export function fakeZalo(): FakeBotApi {
  return new FakeBotApi((method, _body, n) => {
    if (method === "getMe") return { id: "bot1", account_name: "tuongtro", display_name: "Tương Trợ" };
    if (method === "sendMessage" || method === "sendPhoto") return { message_id: `m${n}`, date: Date.now() };
    return true;
  });
}

/** Telegram Bot API answers for the methods we call. */
export function fakeTelegram(): FakeBotApi {
  return new FakeBotApi((method, body, n) => {
    if (method === "getMe") return { id: 7000000001, is_bot: true, first_name: "Tương Trợ", username: "tuongtro_bot" };
    if (method === "sendMessage" || method === "sendPhoto" || method === "sendDocument")
      return { message_id: 1000 + n, date: 0, chat: { id: Number(body.chat_id), type: "private" }, text: body.text };
    return true;
  });
}
