// Which bots a club's printed sheets name: the stored bot serving its commune, else its province,
// else the environment's default (known by its Telegram username only).
import type { Db } from "../../db/client.ts";
import type { BotKind } from "./bots.ts";

export type NamedBot = { name: string; username?: string };
export type ClubBots = Partial<Record<BotKind, NamedBot>>;

export async function clubBots(db: Db, clubId: string, defaultTelegramUsername?: string): Promise<ClubBots> {
  const club = await db.club.findUnique({ where: { id: clubId }, include: { commune: true } });
  const found: ClubBots = defaultTelegramUsername ? { telegram: { name: "", username: defaultTelegramUsername } } : {};
  if (!club) return found;
  const areas = await db.botArea.findMany({
    where: { OR: [{ communeId: club.communeId }, { provinceId: club.commune.provinceId }] },
    include: { bot: true },
    orderBy: { bot: { createdAt: "asc" } },
  });
  // A commune's own bot wins over its province's.
  const ranked = [...areas.filter((a) => a.provinceId), ...areas.filter((a) => a.communeId)];
  for (const { bot } of ranked) found[bot.channel as BotKind] = { name: bot.name, username: bot.username ?? undefined };
  return found;
}
