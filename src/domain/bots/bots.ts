// The stored bots: the one module that writes Bot and BotArea rows. Tokens and secrets go in sealed
// and come out only for the process that sends and receives (`loadBots`); lists show the last 4.
import { randomBytes } from "node:crypto";
import type { ChannelName } from "../../channels/types.ts";
import type { Db, Tx } from "../../db/client.ts";
import { BotSecretsError, lastFour, seal, unseal } from "./sealed.ts";

export type BotKind = "telegram" | "zalo";
/** A bot's areas, by id: its clubs' invite sheets and check-in codes name it. */
export type BotAreas = { provinceIds: string[]; communeIds: string[] };

export type NewBot = { channel: BotKind; token: string; secret: string; name: string; username?: string; areas: BotAreas };

/** A bot as the process that talks to its platform needs it. */
export type LoadedBot = {
  id: string;
  channel: ChannelName;
  kind: BotKind;
  token: string;
  secret: string;
  name: string;
  username: string | null;
  refused: boolean;
  /** Changes whenever the row does: a replaced token makes a new client. */
  version: number;
};

/** What an operator is shown of a bot. */
export type ListedBot = { id: string; channel: BotKind; name: string; areas: string[]; tokenLast4: string; refused: boolean };

export const BOT_ID = /^[a-z0-9]{2,24}$/;

export function botChannel(kind: BotKind, id: string): ChannelName {
  return `${kind}/${id}`;
}

function newBotId(): string {
  return Array.from(randomBytes(6), (b) => "abcdefghijkmnpqrstuvwxyz23456789"[b % 32]).join("");
}

export async function addBot(tx: Tx, secretsKey: string, bot: NewBot): Promise<string> {
  const id = newBotId();
  await tx.bot.create({
    data: {
      id,
      channel: bot.channel,
      tokenSealed: seal(secretsKey, bot.token),
      tokenLast4: lastFour(bot.token),
      secretSealed: seal(secretsKey, bot.secret),
      name: bot.name,
      username: bot.username ?? null,
      areas: { create: areaRows(bot.areas) },
    },
  });
  return id;
}

/** Replaces the bot's areas; false when there is no such bot. */
export async function setBotAreas(tx: Tx, id: string, areas: BotAreas): Promise<boolean> {
  if (!(await tx.bot.findUnique({ where: { id } }))) return false;
  await tx.botArea.deleteMany({ where: { botId: id } });
  await tx.botArea.createMany({ data: areaRows(areas).map((a) => ({ ...a, botId: id })) });
  return true;
}

/** A new token for a bot (the old one was revoked): its held messages go out with it. */
export async function setBotToken(tx: Tx, secretsKey: string, id: string, token: string): Promise<boolean> {
  const { count } = await tx.bot.updateMany({
    where: { id },
    data: { tokenSealed: seal(secretsKey, token), tokenLast4: lastFour(token), refusedAt: null },
  });
  return count > 0;
}

export async function removeBot(tx: Tx, id: string): Promise<boolean> {
  const { count } = await tx.bot.deleteMany({ where: { id } });
  return count > 0;
}

/**
 * The platform refused the bot's token: kept on the row so every instance and `bot:list` see it.
 * Only for the token of `version`: a refusal of the old token arriving after its replacement is not the new one's.
 */
export async function markTokenRefused(tx: Tx, id: string, version: number, at: Date): Promise<void> {
  await tx.bot.updateMany({ where: { id, refusedAt: null, updatedAt: new Date(version) }, data: { refusedAt: at } });
}

export async function listBots(db: Db): Promise<ListedBot[]> {
  const bots = await db.bot.findMany({
    orderBy: { createdAt: "asc" },
    include: { areas: { include: { province: true, commune: { include: { province: true } } } } },
  });
  return bots.map((b) => ({
    id: b.id,
    channel: b.channel as BotKind,
    name: b.name,
    areas: b.areas.map((a) => (a.commune ? `${a.commune.province.name}/${a.commune.name}` : (a.province?.name ?? ""))),
    tokenLast4: b.tokenLast4,
    refused: b.refusedAt !== null,
  }));
}

/** Every stored bot with its token and secret, for the running server and `webhooks:set`. */
export async function loadBots(db: Db, secretsKey: string | undefined): Promise<LoadedBot[]> {
  const rows = await db.bot.findMany({ orderBy: { createdAt: "asc" } });
  if (rows.length === 0) return [];
  if (!secretsKey) throw new BotSecretsError("BOT_SECRETS_KEY: required, bots are stored (bot:list)");
  return rows.map((row) => ({
    id: row.id,
    channel: botChannel(row.channel as BotKind, row.id),
    kind: row.channel as BotKind,
    token: unseal(secretsKey, row.tokenSealed),
    secret: unseal(secretsKey, row.secretSealed),
    name: row.name,
    username: row.username,
    refused: row.refusedAt !== null,
    version: row.updatedAt.getTime(),
  }));
}

function areaRows(areas: BotAreas): Array<{ provinceId?: string; communeId?: string }> {
  return [...areas.provinceIds.map((provinceId) => ({ provinceId })), ...areas.communeIds.map((communeId) => ({ communeId }))];
}
