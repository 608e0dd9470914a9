// Which chats a message to a member can go to: their own linked chat that has not blocked the bot,
// or else the chat of a relative or volunteer linked as their proxy.
import { Prisma } from "../../../generated/prisma/client.ts";
import type { Tx } from "../../db/client.ts";

export const OPEN_CHAT = { linkedAt: { not: null }, blockedAt: null } satisfies Prisma.ChannelAccountWhereInput;
/** OPEN_CHAT for a raw statement, on the account as `a`. */
export const OPEN_CHAT_SQL = Prisma.sql`a."linkedAt" IS NOT NULL AND a."blockedAt" IS NULL`;
export const OPEN_PROXY = { revokedAt: null, account: { blockedAt: null } } satisfies Prisma.ProxyLinkWhereInput;

/** The officers over a club: its commune's, or its province's when they hold no commune. */
export function officersOver(club: { communeId: string; provinceId: string }): Prisma.MemberWhereInput {
  return {
    roles: {
      some: { role: "officer", OR: [{ communeId: club.communeId }, { communeId: null, provinceId: club.provinceId }] },
    },
  };
}

/** How many active members matching `where` a message reaches now: a member is never told «đã báo» for nobody. */
export function countReachable(tx: Tx, where: Prisma.MemberWhereInput): Promise<number> {
  return tx.member.count({ where: { status: "active", ...where, accounts: { some: OPEN_CHAT } } });
}

/**
 * Who hears of a member's request first: the first of `chain` (the club's roles, in order) with anyone
 * reachable, else the officers over the club, else nobody; and how many.
 */
export async function firstReached(
  tx: Tx,
  member: { id: string; clubId: string },
  chain: string[],
): Promise<{ whom: string; told: number }> {
  for (const role of chain) {
    const told = await countReachable(tx, { clubId: member.clubId, id: { not: member.id }, roles: { some: { role } } });
    if (told > 0) return { whom: role, told };
  }
  const club = await tx.club.findUniqueOrThrow({ where: { id: member.clubId }, include: { commune: true } });
  const told = await countReachable(tx, officersOver({ communeId: club.communeId, provinceId: club.commune.provinceId }));
  return told > 0 ? { whom: "officer", told } : { whom: "nobody", told: 0 };
}
