// Which chats a message to a member can go to: their own linked chat that has not blocked the bot,
// or else the chat of a relative or volunteer linked as their proxy.
import type { Prisma } from "../../generated/prisma/client.ts";

export const OPEN_CHAT = { linkedAt: { not: null }, blockedAt: null } satisfies Prisma.ChannelAccountWhereInput;
export const OPEN_PROXY = { revokedAt: null, account: { blockedAt: null } } satisfies Prisma.ProxyLinkWhereInput;
