// Load who is behind a chat account: the member and their roles.

import type { Prisma } from "../../generated/prisma/client.ts";
import type { ChannelName } from "../channels/types.ts";
import type { Tx } from "../db/client.ts";
import type { Role } from "../engine/schema.ts";
import type { Actor } from "./action.ts";

/** What to include when loading an account, so `actorOf` needs no further query. */
export const ACTOR_INCLUDE = { member: { include: { roles: true } } } as const;

type AccountWithMember = Prisma.ChannelAccountGetPayload<{ include: typeof ACTOR_INCLUDE }>;

export async function loadActor(tx: Tx, accountId: string): Promise<Actor> {
  return actorOf(await tx.channelAccount.findUniqueOrThrow({ where: { id: accountId }, include: ACTOR_INCLUDE }));
}

export function actorOf(account: AccountWithMember): Actor {
  const accountId = account.id;
  const member = account.member && account.member.status === "active" ? account.member : undefined;
  if (!member) return { accountId, channel: account.channel as ChannelName, roles: ["guest"] };
  const roles = new Set<Role>(["member", ...member.roles.map((r) => r.role as Role)]);
  return {
    accountId,
    channel: account.channel as ChannelName,
    member: {
      id: member.id,
      clubId: member.clubId,
      fullName: member.fullName,
      gender: member.gender,
      birthYear: member.birthYear,
      language: member.language,
      addressForm: member.addressForm,
    },
    roles: [...roles],
  };
}
