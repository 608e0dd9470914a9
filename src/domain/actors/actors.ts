// Load who is behind a chat account: the member, their roles and consents, and whom they act for.
// One raw statement for any number of accounts: the account rows with their members, their roles,
// consents and proxy links as a union of rows of one shape (every column text, a kind in the
// first), so a batch's new chats cost one round trip; on PostgreSQL every batch loads its chats.
// The query builder's include would cost six statements per account.
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

/** One row of the union: `k` says which kind (account, role, consent, proxy link), c1… its columns. */
type Cell = string | null;
type UnionRow = { k: "a" | "r" | "c" | "p"; c1: Cell; c2: Cell; c3: Cell; c4: Cell; c5: Cell; c6: Cell; c7: Cell } & {
  c8: Cell;
  c9: Cell;
  c10: Cell;
  c11: Cell;
  c12: Cell;
  c13: Cell;
  c14: Cell;
  c15: Cell;
};

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
  const members = Prisma.sql`(SELECT a."memberId" FROM "ChannelAccount" a WHERE ${filter})`;
  const text = (column: string) => Prisma.raw(`CAST(${column} AS TEXT)`);
  const rows = await tx.$queryRaw<UnionRow[]>(Prisma.sql`
    SELECT 'a' AS "k", a."id" AS "c1", a."channel" AS "c2", a."externalUserId" AS "c3", a."chatId" AS "c4",
           a."language" AS "c5", ${text('a."blockedAt"')} AS "c6", a."memberId" AS "c7", m."clubId" AS "c8",
           m."fullName" AS "c9", m."gender" AS "c10", ${text('m."birthYear"')} AS "c11", m."language" AS "c12",
           m."addressForm" AS "c13", m."status" AS "c14", ${text("0")} AS "c15"
    FROM "ChannelAccount" a LEFT JOIN "Member" m ON m."id" = a."memberId"
    WHERE ${filter}
    UNION ALL
    SELECT 'r', r."memberId", r."role", r."communeId", r."provinceId", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM "Role" r WHERE r."memberId" IN ${members}
    UNION ALL
    SELECT 'c', c."memberId", c."purpose", ${text('c."given"')}, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           ${text('c."id"')}
    FROM "Consent" c WHERE c."memberId" IN ${members}
    UNION ALL
    SELECT 'p', p."accountId", p."memberId", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM "ProxyLink" p JOIN "ChannelAccount" a ON a."id" = p."accountId"
    WHERE p."revokedAt" IS NULL AND ${filter}`);
  const accounts: AccountRow[] = rows
    .filter((r) => r.k === "a")
    .map((r) => ({
      id: r.c1 as string,
      channel: r.c2 as string,
      externalUserId: r.c3 as string,
      chatId: r.c4 as string,
      language: r.c5,
      blocked: r.c6 !== null,
      memberId: r.c7,
      clubId: r.c8,
      fullName: r.c9,
      gender: r.c10,
      birthYear: r.c11 === null ? null : Number(r.c11),
      memberLanguage: r.c12,
      addressForm: r.c13,
      status: r.c14,
    }));
  const roles: RoleRow[] = rows
    .filter((r) => r.k === "r")
    .map((r) => ({ memberId: r.c1 as string, role: r.c2 as string, communeId: r.c3, provinceId: r.c4 }));
  // The latest answer per purpose counts: newest first, as the consents' ids grow.
  const consents: ConsentRow[] = rows
    .filter((r) => r.k === "c")
    .sort((x, y) => Number(y.c15) - Number(x.c15))
    .map((r) => ({ memberId: r.c1 as string, purpose: r.c2 as string, given: r.c3 === "1" || r.c3 === "true" }));
  const proxies = rows.filter((r) => r.k === "p").map((r) => ({ accountId: r.c1 as string, memberId: r.c2 as string }));
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
