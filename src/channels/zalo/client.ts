// A small typed client for the Zalo Bot Platform HTTP API: POST <root>/bot<token>/<method>, JSON in,
// `{ok, result}` or `{ok:false, error_code, description}` out. HTTP 2xx alone is not success.
// The token is in every URL: no URL, request or upstream error text that holds it is ever kept.
import { z } from "zod";

export const ZALO_TEXT_LIMIT = 2000;

const failure = z.object({ ok: z.literal(false), error_code: z.number().optional(), description: z.string().optional() });
const success = z.object({ ok: z.literal(true), result: z.unknown() });
const answer = z.union([success, failure]);

export const zaloMessageSchema = z.object({
  from: z.object({ id: z.string(), display_name: z.string().optional(), is_bot: z.boolean().optional() }),
  chat: z.object({ id: z.string(), chat_type: z.string() }),
  message_id: z.string(),
  date: z.number(),
  text: z.string().optional(),
  photo: z.string().optional(),
  caption: z.string().optional(),
  sticker: z.string().optional(),
  url: z.string().optional(),
});
export const zaloEventSchema = z.object({ event_name: z.string(), message: zaloMessageSchema.optional() });
export type ZaloEvent = z.infer<typeof zaloEventSchema>;

const botInfo = z.object({ id: z.string(), account_name: z.string().optional(), display_name: z.string().optional() }).loose();
const sentMessage = z.object({ message_id: z.string().optional() }).loose();
const webhookInfo = z.object({ url: z.string().optional() }).loose();

/** A failed call: which method, what Zalo said, and whether trying again can help. Never the token. */
export class ZaloError extends Error {
  constructor(
    readonly method: string,
    readonly code: number | undefined,
    readonly description: string,
    readonly retryable: boolean,
  ) {
    super(`Zalo ${method} failed: ${code ?? "-"} ${description}`);
    this.name = "ZaloError";
  }
}

const RETRYABLE_STATUS = new Set([408, 429]);

export class ZaloClient {
  constructor(
    private readonly token: string,
    private readonly apiRoot: string,
    private readonly timeoutMs = 15_000,
  ) {}

  getMe() {
    return this.call("getMe", {}, botInfo);
  }

  /** Long poll: waits up to `timeout` seconds for the next event; undefined when none came. */
  async getUpdates(timeout: number, signal?: AbortSignal): Promise<ZaloEvent[]> {
    const result = await this.call("getUpdates", { timeout: String(timeout) }, z.unknown(), (timeout + 10) * 1000, signal);
    if (result === null || result === undefined) return [];
    const list = Array.isArray(result) ? result : [result];
    return list.map((e) => zaloEventSchema.parse(e));
  }

  setWebhook(url: string, secretToken: string) {
    return this.call("setWebhook", { url, secret_token: secretToken }, z.unknown());
  }

  deleteWebhook() {
    return this.call("deleteWebhook", {}, z.unknown());
  }

  getWebhookInfo() {
    return this.call("getWebhookInfo", {}, webhookInfo);
  }

  sendMessage(chatId: string, text: string) {
    if (text.length < 1 || text.length > ZALO_TEXT_LIMIT) throw new RangeError("Zalo text must be 1-2000 characters");
    return this.call("sendMessage", { chat_id: chatId, text }, sentMessage);
  }

  sendPhoto(chatId: string, photo: string, caption?: string) {
    return this.call("sendPhoto", { chat_id: chatId, photo, caption }, sentMessage);
  }

  sendSticker(chatId: string, sticker: string) {
    return this.call("sendSticker", { chat_id: chatId, sticker }, sentMessage);
  }

  sendChatAction(chatId: string, action: "typing" = "typing") {
    return this.call("sendChatAction", { chat_id: chatId, action }, z.unknown());
  }

  private async call<T>(
    method: string,
    body: Record<string, unknown>,
    result: z.ZodType<T>,
    timeoutMs = this.timeoutMs,
    signal?: AbortSignal,
  ): Promise<T> {
    let response: Response;
    try {
      const timeout = AbortSignal.timeout(timeoutMs);
      response = await fetch(`${this.apiRoot.replace(/\/$/, "")}/bot${this.token}/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      // fetch errors can carry the URL: keep only their kind.
      const kind = (error as Error).name === "TimeoutError" ? "timeout" : "network error";
      throw new ZaloError(method, undefined, kind, true);
    }
    const parsed = answer.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) {
      throw new ZaloError(
        method,
        response.status,
        "unreadable answer",
        response.status >= 500 || RETRYABLE_STATUS.has(response.status),
      );
    }
    if (!parsed.data.ok) {
      const code = parsed.data.error_code ?? response.status;
      const retryable = code >= 500 || RETRYABLE_STATUS.has(code);
      throw new ZaloError(method, code, (parsed.data.description ?? "error").replaceAll(this.token, "[token]"), retryable);
    }
    return result.parse(parsed.data.result);
  }
}
