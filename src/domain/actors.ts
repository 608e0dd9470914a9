// Load who is behind a chat account: the member, their roles and consents, and whom they act for.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { ChannelName } from "../channels/types.ts";
import type { Tx } from "../db/client.ts";
import type { Role } from "../engine/schema.ts";
import type { Actor, OfficerScope } from "./action.ts";
import { currentConsents } from "./consent.ts";

/** What to include when loading an account, so `actorOf` needs no further query. */
export const ACTOR_INCLUDE = {
  member: { include: { roles: true, consents: { orderBy: { id: "desc" } } } },
  proxyLinks: { where: { revokedAt: null }, select: { memberId: true } },
} as const satisfies Prisma.ChannelAccountInclude;

export type AccountWithMember = Prisma.ChannelAccountGetPayload<{ include: typeof ACTOR_INCLUDE }>;

export async function loadActor(tx: Tx, accountId: string): Promise<Actor> {
  return actorOf(await tx.channelAccount.findUniqueOrThrow({ where: { id: accountId }, include: ACTOR_INCLUDE }));
}

export function actorOf(account: AccountWithMember): Actor {
  const base = {
    accountId: account.id,
    channel: account.channel as ChannelName,
    proxyFor: account.proxyLinks.map((p) => p.memberId),
  };
  const member = account.member && account.member.status === "active" ? account.member : undefined;
  const proxy: Role[] = base.proxyFor.length > 0 ? ["proxy"] : [];
  if (!member) {
    return { ...base, roles: proxy.length > 0 ? proxy : ["guest"], consents: [], officerScopes: [] };
  }
  const roles = new Set<Role>(["member", ...proxy, ...member.roles.map((r) => r.role as Role)]);
  const officerScopes: OfficerScope[] = member.roles
    .filter((r) => r.role === "officer")
    .map((r) => ({ communeId: r.communeId ?? undefined, provinceId: r.provinceId ?? undefined }));
  return {
    ...base,
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
    consents: currentConsents(member.consents),
    officerScopes,
  };
}
