// A club of N members (membership consent given on paper), each with a linked Telegram chat (ids from FIRST_CHAT), and a board author;
// then a broadcast to all of them made through the real `createBroadcast` action. Used by the
// 5,000-recipient kill test and bench/broadcast.ts.
import path from "node:path";
import { chunks } from "../../src/db/bulk.ts";
import { type Db, write } from "../../src/db/client.ts";
import { loadActor } from "../../src/domain/actors/actors.ts";
import { addBot } from "../../src/domain/bots/bots.ts";
import { createBroadcast } from "../../src/domain/broadcasts/create-broadcast.ts";
import { formatterFor } from "../../src/i18n/format.ts";
import { loadLocales } from "../../src/i18n/index.ts";
import { ROOT } from "../../src/root.ts";
import type { Call } from "./fake-bot-api.ts";

export const FIRST_CHAT = 5_000_000;
export const AUTHOR_CHAT = 4_999_999;

/** Where a big club is: its province, its code, the channel its chats are on and their first chat id. */
export type BigClubPlace = { province: string; code: string; channel: string; firstChat: number };
const ONE_PROVINCE: BigClubPlace = { province: "Tỉnh Thử", code: "BIG-01", channel: "telegram", firstChat: FIRST_CHAT };

export async function seedBigClub(
  db: Db,
  members: number,
  place: BigClubPlace = ONE_PROVINCE,
): Promise<{ clubId: string; provinceId: string; authorAccountId: string }> {
  const { channel, firstChat } = place;
  return write(db, async (tx) => {
    const province = await tx.province.create({ data: { name: place.province } });
    const commune = await tx.commune.create({ data: { provinceId: province.id, name: "Xã Thử" } });
    const club = await tx.club.create({ data: { communeId: commune.id, code: place.code, name: "CLB Thử" } });
    const author = await tx.member.create({
      data: { clubId: club.id, fullName: "Trưởng Ban Thử", gender: "F", birthYear: 1960, roles: { create: { role: "board" } } },
    });
    const account = await tx.channelAccount.create({
      data: {
        channel,
        externalUserId: String(firstChat - 1),
        chatId: String(firstChat - 1),
        memberId: author.id,
        linkedAt: new Date(),
      },
    });
    const ids = Array.from({ length: members }, (_, i) => i);
    for (const part of chunks(ids, 500)) {
      const made = await tx.member.createManyAndReturn({
        data: part.map((i) => ({
          clubId: club.id,
          fullName: `Thành viên ${String(i).padStart(5, "0")}`,
          gender: i % 3 === 0 ? "M" : "F",
          birthYear: 1940 + (i % 60),
          language: i % 10 === 0 ? "en" : "vi",
        })),
        select: { id: true, fullName: true },
      });
      // The club's paper forms: membership consent is given, so `menu` is the main menu.
      await tx.consent.createMany({
        data: made.map((m) => ({ memberId: m.id, purpose: "membership", given: true, via: "board", textVersion: 1 })),
      });
      await tx.channelAccount.createMany({
        data: made.map((m) => {
          const chat = String(firstChat + Number(m.fullName.slice(-5)));
          return { channel, externalUserId: chat, chatId: chat, memberId: m.id, linkedAt: new Date() };
        }),
      });
    }
    return { clubId: club.id, provinceId: province.id, authorAccountId: account.id };
  });
}

export const BENCH_SECRETS_KEY = "bench-bot-secrets-key-0123456789abcdef";

/** A province's big club whose chats are on a stored Telegram bot of its own. */
export type BotProvince = { botId: string; token: string; firstChat: number; authorAccountId: string };

/** `count` provinces of `members` each, a stored Telegram bot per province (`tokenOf(i)`), chats 100,000 apart. */
export async function seedBotProvinces(
  db: Db,
  count: number,
  members: number,
  tokenOf: (i: number) => string,
): Promise<BotProvince[]> {
  const provinces: BotProvince[] = [];
  for (let i = 0; i < count; i++) {
    const token = tokenOf(i);
    const botId = await write(db, (tx) =>
      addBot(tx, BENCH_SECRETS_KEY, {
        channel: "telegram",
        token,
        secret: `bench-secret-${i}`,
        name: `Tương Trợ ${i}`,
        areas: { provinceIds: [], communeIds: [] },
      }),
    );
    const firstChat = FIRST_CHAT + i * 100_000;
    const place = { province: `Tỉnh Thử ${i}`, code: `BIG-${i}`, channel: `telegram/${botId}`, firstChat };
    const { authorAccountId } = await seedBigClub(db, members, place);
    provinces.push({ botId, token, firstChat, authorAccountId });
  }
  return provinces;
}

/** One bot's sending as its Bot API saw it: messages, msg/s from first to last, the busiest calendar second. */
export function sendingFigures(calls: Call[]): { messages: number; seconds: number; rate: number; busiest: number } {
  const first = calls[0]?.at ?? 0;
  const seconds = ((calls.at(-1)?.at ?? 0) - first) / 1000;
  const bySecond = new Map<number, number>();
  for (const c of calls) bySecond.set(Math.floor(c.at / 1000), (bySecond.get(Math.floor(c.at / 1000)) ?? 0) + 1);
  return { messages: calls.length, seconds, rate: (calls.length - 1) / seconds, busiest: Math.max(0, ...bySecond.values()) };
}

/** The author sends an urgent notice (never held for quiet hours) to all members now, as the bot would on "Gửi". */
export async function broadcastToAll(db: Db, authorAccountId: string): Promise<number> {
  const i18n = loadLocales(path.join(ROOT, "locales"));
  const now = new Date();
  return write(db, async (tx) => {
    const actor = await loadActor(tx, authorAccountId);
    const result = (await createBroadcast.run(
      tx,
      { template: "urgent", audience: "all", text: "Họp bất thường tối nay 19h tại nhà văn hóa." },
      actor,
      now,
      formatterFor(i18n, "vi"),
    )) as { status: string; id: number };
    if (result.status !== "sending") throw new Error(`broadcast not created: ${result.status}`);
    return result.id;
  });
}

/** The members' chats at the fake Bot API: who got nothing, and how many messages beyond one each. */
export function deliveryTally(calls: Call[], members: number, firstChat = FIRST_CHAT): { missed: number[]; duplicates: number } {
  const perChat = new Map<number, number>();
  for (const c of calls) perChat.set(Number(c.body.chat_id), (perChat.get(Number(c.body.chat_id)) ?? 0) + 1);
  const missed = Array.from({ length: members }, (_, i) => firstChat + i).filter((chat) => !perChat.has(chat));
  return { missed, duplicates: [...perChat.values()].reduce((sum, n) => sum + n - 1, 0) };
}
