// Load who is behind a chat account: the member, their roles and consents, and whom they act for.
// Four raw statements for any number of accounts (account with member, roles, consents, proxy
// links): the inbox loads every new chat of a batch at once, and the query builder's include
// would cost six statements per account (bench/statements-per-update.ts).
import { Prisma } from "../../../generated/prisma/client.ts";
import type { ChannelName } from "../../channels/types.ts";
import type { Tx } from "../../db/client.ts";
import type { Role } from "../../engine/schema.ts";
import type { Actor, OfficerScope } from "../actions/action.ts";
import { currentConsents } from "../consent/consent.ts";

/** A chat account and who is behind it. */
export type LoadedAccount = {
  id: string;
  channel: string;
  externalUserId: string;
  chatId: string;
  blocked: boolean;
  /** The chat's own language choice (a member's language wins over it). */
  language: string | null;
  actor: Actor;
};

type AccountRow = {
  id: string;
  channel: string;
  externalUserId: string;
  chatId: string;
  language: string | null;
  blockedAt: string | Date | null;
  memberId: string | null;
  clubId: string | null;
  fullName: string | null;
  gender: string | null;
  birthYear: number | bigint | null;
  memberLanguage: string | null;
  addressForm: string | null;
  status: string | null;
};
type RoleRow = { memberId: string; role: string; communeId: string | null; provinceId: string | null };
type ConsentRow = { memberId: string; purpose: string; given: boolean | number | bigint };

/** Accounts by (channel, external user ids) or by account ids, each with its actor. */
export async function loadAccounts(
  tx: Tx,
  where: { channel: string; userIds: string[] } | { ids: string[] },
): Promise<LoadedAccount[]> {
  const list = "ids" in where ? where.ids : where.userIds;
  if (list.length === 0) return [];
  const filter =
    "ids" in where
      ? Prisma.sql`a."id" IN (${Prisma.join(where.ids)})`
      : Prisma.sql`a."channel" = ${where.channel} AND a."externalUserId" IN (${Prisma.join(where.userIds)})`;
  const accounts = await tx.$queryRaw<AccountRow[]>(Prisma.sql`
    SELECT a."id", a."channel", a."externalUserId", a."chatId", a."language", a."blockedAt", a."memberId",
           m."clubId", m."fullName", m."gender", m."birthYear", m."language" AS "memberLanguage", m."addressForm", m."status"
    FROM "ChannelAccount" a LEFT JOIN "Member" m ON m."id" = a."memberId"
    WHERE ${filter}`);
  if (accounts.length === 0) return [];
  const memberIds = [...new Set(accounts.flatMap((a) => (a.memberId && a.status === "active" ? [a.memberId] : [])))];
  const [roles, consents] =
    memberIds.length === 0
      ? [[], []]
      : [
          await tx.$queryRaw<RoleRow[]>(Prisma.sql`
            SELECT "memberId", "role", "communeId", "provinceId" FROM "Role" WHERE "memberId" IN (${Prisma.join(memberIds)})`),
          await tx.$queryRaw<ConsentRow[]>(Prisma.sql`
            SELECT "memberId", "purpose", "given" FROM "Consent" WHERE "memberId" IN (${Prisma.join(memberIds)})
            ORDER BY "id" DESC`),
        ];
  const proxies = await tx.$queryRaw<Array<{ accountId: string; memberId: string }>>(Prisma.sql`
    SELECT "accountId", "memberId" FROM "ProxyLink"
    WHERE "revokedAt" IS NULL AND "accountId" IN (${Prisma.join(accounts.map((a) => a.id))})`);
  return accounts.map((row) => ({
    id: row.id,
    channel: row.channel,
    externalUserId: row.externalUserId,
    chatId: row.chatId,
    blocked: row.blockedAt !== null,
    language: row.language,
    actor: actorOf(
      row,
      roles.filter((r) => r.memberId === row.memberId),
      consents.filter((c) => c.memberId === row.memberId),
      proxies.filter((p) => p.accountId === row.id).map((p) => p.memberId),
    ),
  }));
}

/** One account's actor. */
export async function loadActor(tx: Tx, accountId: string): Promise<Actor> {
  const [account] = await loadAccounts(tx, { ids: [accountId] });
  if (!account) throw new Error(`no account ${accountId}`);
  return account.actor;
}

/** The account of a brand-new chat: no member and no proxy links yet, so a guest. */
export function newAccount(row: {
  id: string;
  channel: string;
  externalUserId: string;
  chatId: string;
  language: string | null;
  blockedAt: Date | null;
}): LoadedAccount {
  const { id, channel, externalUserId, chatId, language, blockedAt } = row;
  const actor = actorOf({ id, channel, memberId: null }, [], [], []);
  return { id, channel, externalUserId, chatId, language, blocked: blockedAt !== null, actor };
}

function actorOf(
  account: Pick<AccountRow, "id" | "channel" | "memberId"> & Partial<AccountRow>,
  roleRows: RoleRow[],
  consentRows: ConsentRow[],
  proxyFor: string[],
): Actor {
  const base = { accountId: account.id, channel: account.channel as ChannelName, proxyFor };
  const proxy: Role[] = proxyFor.length > 0 ? ["proxy"] : [];
  if (!account.memberId || account.status !== "active") {
    return { ...base, roles: proxy.length > 0 ? proxy : ["guest"], consents: [], officerScopes: [] };
  }
  const roles = new Set<Role>(["member", ...proxy, ...roleRows.map((r) => r.role as Role)]);
  const officerScopes: OfficerScope[] = roleRows
    .filter((r) => r.role === "officer")
    .map((r) => ({ communeId: r.communeId ?? undefined, provinceId: r.provinceId ?? undefined }));
  return {
    ...base,
    member: {
      id: account.memberId,
      clubId: account.clubId ?? "",
      fullName: account.fullName ?? "",
      gender: account.gender ?? "",
      birthYear: Number(account.birthYear ?? 0),
      language: account.memberLanguage ?? "vi",
      addressForm: account.addressForm ?? null,
    },
    roles: [...roles],
    consents: currentConsents(consentRows.map((c) => ({ purpose: c.purpose, given: Boolean(Number(c.given)) }))),
    officerScopes,
  };
}
