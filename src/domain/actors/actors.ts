// Load who is behind a chat account: the member, their roles and consents, and whom they act for.
// One raw statement for any number of accounts: the account rows with their members, their roles,
// consents and proxy links as parts of a union read (db/union-read.ts), so a batch's new chats cost
// one round trip, or none of their own when the inbox sends these parts with its batch's other reads.
// The query builder's include would cost six statements per account.
import { Prisma } from "../../../generated/prisma/client.ts";
import type { ChannelName } from "../../channels/types.ts";
import type { Tx } from "../../db/client.ts";
import { type Cell, readUnion, unionPart } from "../../db/union-read.ts";
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
  blocked: boolean;
  memberId: string | null;
  clubId: string | null;
  fullName: string | null;
  gender: string | null;
  birthYear: number | null;
  memberLanguage: string | null;
  addressForm: string | null;
  status: string | null;
};
type RoleRow = { memberId: string; role: string; communeId: string | null; provinceId: string | null };
type ConsentRow = { memberId: string; purpose: string; given: boolean };

/** Where the accounts are: by (channel, external user ids) or by account ids. */
export type AccountsWhere = { channel: string; userIds: string[] } | { ids: string[] };

/**
 * The union parts that read these accounts with their members, roles, consents and proxy links
 * (db/union-read.ts): kinds `a`, `r`, `c` and `p`, read back by `accountsOf`.
 */
export function accountParts(where: AccountsWhere): Prisma.Sql[] {
  const list = "ids" in where ? where.ids : where.userIds;
  if (list.length === 0) return [];
  const filter =
    "ids" in where
      ? Prisma.sql`a."id" IN (${Prisma.join(where.ids)})`
      : Prisma.sql`a."channel" = ${where.channel} AND a."externalUserId" IN (${Prisma.join(where.userIds)})`;
  const members = Prisma.sql`(SELECT a."memberId" FROM "ChannelAccount" a WHERE ${filter})`;
  const c = (...columns: string[]) => columns.map((column) => Prisma.raw(column));
  return [
    unionPart(
      "a",
      c('a."id"', 'a."channel"', 'a."externalUserId"', 'a."chatId"', 'a."language"', 'a."blockedAt"', 'a."memberId"') //
        .concat(c('m."clubId"', 'm."fullName"', 'm."gender"', 'm."birthYear"', 'm."language"', 'm."addressForm"', 'm."status"')),
      Prisma.sql`FROM "ChannelAccount" a LEFT JOIN "Member" m ON m."id" = a."memberId" WHERE ${filter}`,
    ),
    unionPart(
      "r",
      c('r."memberId"', 'r."role"', 'r."communeId"', 'r."provinceId"'),
      Prisma.sql`FROM "Role" r WHERE r."memberId" IN ${members}`,
    ),
    unionPart(
      "c",
      c('c."memberId"', 'c."purpose"', 'c."given"', 'c."id"'),
      Prisma.sql`FROM "Consent" c WHERE c."memberId" IN ${members}`,
    ),
    unionPart(
      "p",
      c('p."accountId"', 'p."memberId"'),
      Prisma.sql`FROM "ProxyLink" p JOIN "ChannelAccount" a ON a."id" = p."accountId" WHERE p."revokedAt" IS NULL AND ${filter}`,
    ),
  ];
}

/** The accounts, with their actors, from the rows of `accountParts`. */
export function accountsOf(rows: Map<string, Cell[][]>): LoadedAccount[] {
  const accounts: AccountRow[] = (rows.get("a") ?? []).map((r) => ({
    id: r[0] as string,
    channel: r[1] as string,
    externalUserId: r[2] as string,
    chatId: r[3] as string,
    language: r[4] ?? null,
    blocked: r[5] !== null,
    memberId: r[6] ?? null,
    clubId: r[7] ?? null,
    fullName: r[8] ?? null,
    gender: r[9] ?? null,
    birthYear: r[10] == null ? null : Number(r[10]),
    memberLanguage: r[11] ?? null,
    addressForm: r[12] ?? null,
    status: r[13] ?? null,
  }));
  const roles: RoleRow[] = (rows.get("r") ?? []).map((r) => ({
    memberId: r[0] as string,
    role: r[1] as string,
    communeId: r[2] ?? null,
    provinceId: r[3] ?? null,
  }));
  // The latest answer per purpose counts: newest first, as the consents' ids grow.
  const consents: ConsentRow[] = [...(rows.get("c") ?? [])]
    .sort((x, y) => Number(y[3]) - Number(x[3]))
    .map((r) => ({ memberId: r[0] as string, purpose: r[1] as string, given: r[2] === "1" || r[2] === "true" }));
  const proxies = (rows.get("p") ?? []).map((r) => ({ accountId: r[0] as string, memberId: r[1] as string }));
  return accounts.map((row) => ({
    id: row.id,
    channel: row.channel,
    externalUserId: row.externalUserId,
    chatId: row.chatId,
    blocked: row.blocked,
    language: row.language,
    actor: actorOf(
      row,
      roles.filter((r) => r.memberId === row.memberId),
      consents.filter((c) => c.memberId === row.memberId),
      proxies.filter((p) => p.accountId === row.id).map((p) => p.memberId),
    ),
  }));
}

/** Accounts by (channel, external user ids) or by account ids, each with its actor: one statement. */
export async function loadAccounts(tx: Tx, where: AccountsWhere): Promise<LoadedAccount[]> {
  return accountsOf(await readUnion(tx, accountParts(where)));
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
    consents: currentConsents(consentRows.map((c) => ({ purpose: c.purpose, given: c.given }))),
    officerScopes,
  };
}
