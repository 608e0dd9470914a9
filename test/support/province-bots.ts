// Three provinces, each with a club of a board member, a member (health consent given) and a
// volunteer; a Telegram bot per province and a Zalo bot for the first two, stored with the real
// `bot:add`. Each person writes to their province's bot, on that bot's webhook, with its secret.
import { write } from "../../src/db/client.ts";
import { issueInviteCode } from "../../src/domain/invites/invite-codes.ts";
import { deliver, type TestApp } from "./app.ts";
import { cli } from "./cli.ts";
import { freshDatabaseUrl } from "./db.ts";
import type { FakeBotApi } from "./fake-bot-api.ts";
import { type Hook, postTelegramText, postZaloText, startWithFakeChannels, type WithChannels } from "./webhooks.ts";

export const BOT_SECRETS_KEY = "test-bot-secrets-key-0123456789abcdef";
export const PROVINCES = ["Lạng Sơn", "Hà Giang", "Cao Bằng"] as const;
export const DEFAULT_TOKEN = "1:default-bot";
export const METRICS_TOKEN = "bots-metrics-token-0123456789";

export type StoredBot = { id: string; token: string; hook: Hook };
export type Person = { memberId: string; fullName: string; say(text: string): Promise<void>; bot: StoredBot; chatId: string };
export type Province = { name: string; clubCode: string; board: Person; member: Person; volunteer: Person; zalo?: Person };

/** Store a bot through the CLI, as an operator would; its id is the last line printed. */
export async function addBotByCli(
  databaseUrl: string,
  kind: "telegram" | "zalo",
  token: string,
  secret: string,
  province: string,
  username?: string,
): Promise<StoredBot> {
  const env = { DATABASE_URL: databaseUrl, BOT_SECRETS_KEY };
  const named = username ? ["--username", `@${username}`] : [];
  const options = ["--channel", kind, "--token", token, "--secret", secret, "--name", `Tương Trợ ${province}`, ...named];
  const added = await cli(["bot:add", ...options, "--province", province], env);
  if (added.code !== 0) throw new Error(`bot:add failed: ${added.stderr}`);
  const id = added.stdout.trim().split("\n").at(-1) as string;
  return { id, token, hook: { path: `/webhooks/${kind}/${id}`, secret } };
}

/** The three provinces, their bots and people, every person linked through their own bot. */
export async function threeProvinces(t: TestApp, databaseUrl: string, now: Date): Promise<Province[]> {
  let update = 1;
  const provinces: Province[] = [];
  for (const [i, name] of PROVINCES.entries()) {
    const club = await write(t.app.db, async (tx) => {
      const province = await tx.province.create({ data: { name } });
      const commune = await tx.commune.create({ data: { provinceId: province.id, name: "Xã Một" } });
      return tx.club.create({ data: { communeId: commune.id, code: `CLB-${i}`, name: `CLB ${name}` } });
    });
    const telegramBot = await addBotByCli(
      databaseUrl,
      "telegram",
      `${100 + i}:tg-token-${i}`,
      `tg-secret-${i}`,
      name,
      `TuongTroTinh${i}Bot`,
    );
    const zaloBot = i < 2 ? await addBotByCli(databaseUrl, "zalo", `zalo-token-${i}-abcd`, `zalo-secret-${i}`, name) : undefined;
    const person = async (role: string, fullName: string, userId: number, bot: StoredBot, zalo = false): Promise<Person> => {
      const member = await write(t.app.db, (tx) =>
        tx.member.create({
          data: {
            clubId: club.id,
            fullName,
            gender: "F",
            birthYear: role === "volunteer" ? 2000 : 1955,
            roles: role === "member" ? undefined : { create: { role, clubId: club.id } },
            consents: {
              create: ["membership", "health"].map((purpose) => ({ purpose, given: true, textVersion: 1, via: "board" })),
            },
          },
        }),
      );
      const chatId = zalo ? `z-${userId}` : String(userId);
      const say = async (text: string) => {
        const res = zalo
          ? await postZaloText(t.url, chatId, text, `m${update++}`, bot.hook)
          : await postTelegramText(t.url, userId, text, update++, bot.hook);
        if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      };
      await say(await write(t.app.db, (tx) => issueInviteCode(tx, member.id, now)));
      await say("0");
      await deliver(t.app);
      return { memberId: member.id, fullName, say, bot, chatId };
    };
    const base = 8_100_000 + i * 10;
    provinces.push({
      name,
      clubCode: `CLB-${i}`,
      board: await person("board", "Hoàng Văn Bảo", base + 1, telegramBot),
      member: await person("member", "Lý Thị Hồng", base + 2, telegramBot),
      volunteer: await person("volunteer", "Vi Thị Thảo", base + 3, telegramBot),
      zalo: zaloBot ? await person("member", "Nông Thị Lụa", base + 4, zaloBot, true) : undefined,
    });
  }
  return provinces;
}

/** The tokens of the bots a chat was sent through, in order. */
export function tokensTo(api: FakeBotApi, chatId: string): string[] {
  return api.calls.filter((c) => String(c.body.chat_id) === chatId).map((c) => c.token);
}

export type ProvinceBots = WithChannels & { databaseUrl: string; provinces: Province[] };

/** A server with the environment's Telegram bot as default and the three provinces' stored bots, on fake APIs. */
export async function startProvinceBots(now: Date): Promise<ProvinceBots> {
  const databaseUrl = await freshDatabaseUrl();
  const running = await startWithFakeChannels({
    seed: false,
    now,
    env: {
      DATABASE_URL: databaseUrl,
      BOT_SECRETS_KEY,
      BOTS_REFRESH_MS: "200",
      METRICS_TOKEN,
      PUBLIC_URL: "https://tuongtro.example",
      TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN,
    },
  });
  return { ...running, databaseUrl, provinces: await threeProvinces(running.t, databaseUrl, now) };
}
