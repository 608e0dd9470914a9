// Posting a text to the server's Telegram and Zalo webhooks as each platform does (the secrets are
// the ones the channel tests configure).
import { startTestApp, type TestApp } from "./app.ts";
import { type FakeBotApi, fakeTelegram, fakeZalo } from "./fake-bot-api.ts";
import { telegramText } from "./samples.ts";

export const TELEGRAM_SECRET = "tg-secret";
export const ZALO_SECRET = "zalo-secret";

export type WithChannels = { t: TestApp; telegram: FakeBotApi; zalo: FakeBotApi; close(): Promise<void> };

/** A test server talking to a fake Telegram and a fake Zalo, both started. */
export async function startWithFakeChannels(options: Parameters<typeof startTestApp>[0] = {}): Promise<WithChannels> {
  const telegram = fakeTelegram();
  const zalo = fakeZalo();
  await telegram.start();
  await zalo.start();
  const t = await startTestApp({ ...options, env: { ...channelEnv(telegram.url, zalo.url), ...options.env } });
  return {
    t,
    telegram,
    zalo,
    async close() {
      await t.close();
      await telegram.stop();
      await zalo.stop();
    },
  };
}

/** The channel variables for a server talking to fake Telegram and Zalo APIs. */
function channelEnv(telegramApi: string, zaloApi: string): Record<string, string> {
  return {
    TELEGRAM_BOT_TOKEN: "1:x",
    TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
    TELEGRAM_API_ROOT: telegramApi,
    ZALO_BOT_TOKEN: "zalo-token",
    ZALO_WEBHOOK_SECRET: ZALO_SECRET,
    ZALO_API_ROOT: zaloApi,
  };
}

/** Which webhook a post goes to: the default bot's (`/webhooks/telegram`) or a stored bot's, with its secret. */
export type Hook = { path: string; secret: string };

export function postTelegramText(
  serverUrl: string,
  userId: number,
  text: string,
  updateId: number,
  hook: Hook = { path: "/webhooks/telegram", secret: TELEGRAM_SECRET },
): Promise<Response> {
  return fetch(`${serverUrl}${hook.path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": hook.secret },
    body: JSON.stringify(telegramText(userId, text, updateId)),
  });
}

export function postZaloText(
  serverUrl: string,
  userId: string,
  text: string,
  messageId: string,
  hook: Hook = { path: "/webhooks/zalo", secret: ZALO_SECRET },
): Promise<Response> {
  return fetch(`${serverUrl}${hook.path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-bot-api-secret-token": hook.secret },
    body: JSON.stringify({
      event_name: "message.text.received",
      message: {
        from: { id: userId, display_name: "Z" },
        chat: { id: userId, chat_type: "PRIVATE" },
        text,
        message_id: messageId,
        date: 1,
      },
    }),
  });
}
