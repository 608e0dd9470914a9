// Queue a notice to members: one outbox row per linked, unblocked chat, in each member's language
// and form of address (or, if asked, through a relative linked as proxy for members without a chat).
// The dedupe key makes a re-run of the same job queue nothing new.
import { Prisma } from "../../generated/prisma/client.ts";
import { messageParts } from "../channels/choices.ts";
import type { Tx } from "../db/client.ts";
import { query } from "../db/direct.ts";
import { passedOn } from "../domain/outbox/compose.ts";
import { type ChatMessages, queueAll, queuedKeys } from "../domain/outbox/queue.ts";
import { OPEN_CHAT_SQL } from "../domain/outbox/reach.ts";
import { formatterFor } from "../i18n/format.ts";
import type { I18n } from "../i18n/index.ts";

type Fmt = ReturnType<typeof formatterFor>;

type Person = { fullName: string; gender: string; birthYear: number; addressForm: string | null; language: string };
type ChatRow = {
  k: "own" | "proxy";
  memberId: string;
  id: string;
  channel: string;
  chatId: string;
  language: string | null;
  fullName: string | null;
  gender: string | null;
  birthYear: number | bigint | null;
  addressForm: string | null;
  memberLanguage: string | null;
};

/**
 * The members' open chats and, for each, the relatives linked as their proxies (with the relative's
 * own member row): one raw statement, as the query builder's includes cost one per relation.
 */
async function chatsOf(tx: Tx, memberIds: string[]): Promise<ChatRow[]> {
  if (memberIds.length === 0) return [];
  const ids = Prisma.join(memberIds);
  return query<ChatRow>(
    tx,
    Prisma.sql`
    SELECT 'own' AS "k", a."memberId", a."id", a."channel", a."chatId", a."language",
           NULL AS "fullName", NULL AS "gender", NULL AS "birthYear", NULL AS "addressForm", NULL AS "memberLanguage"
    FROM "ChannelAccount" a
    WHERE a."memberId" IN (${ids}) AND ${OPEN_CHAT_SQL}
    UNION ALL
    SELECT 'proxy', p."memberId", a."id", a."channel", a."chatId", a."language",
           r."fullName", r."gender", r."birthYear", r."addressForm", r."language"
    FROM "ProxyLink" p JOIN "ChannelAccount" a ON a."id" = p."accountId" LEFT JOIN "Member" r ON r."id" = a."memberId"
    WHERE p."memberId" IN (${ids}) AND p."revokedAt" IS NULL AND a."blockedAt" IS NULL`,
  );
}

export async function notifyMembers(
  tx: Tx,
  i18n: I18n,
  where: Prisma.MemberWhereInput,
  key: string,
  params: (fmt: Fmt) => Record<string, unknown>,
  dedupe: string,
  now: Date,
  /** Members without a chat of their own hear it through the relative linked as their proxy. */
  options: { viaProxy?: boolean } = {},
): Promise<number> {
  const members = await tx.member.findMany({
    where: { status: "active", ...where },
    select: { id: true, fullName: true, gender: true, birthYear: true, addressForm: true, language: true },
  });
  const chats = await chatsOf(
    tx,
    members.map((m) => m.id),
  );
  const year = now.getUTCFullYear();
  const recipients = members.flatMap((member: Person & { id: string }) => {
    const mine = chats.filter((c) => c.memberId === member.id);
    const own = mine
      .filter((c) => c.k === "own")
      .map((account) => ({ member, account, lang: member.language, relative: undefined }));
    const throughRelatives =
      own.length === 0 && options.viaProxy
        ? mine
            .filter((c) => c.k === "proxy")
            .map((account) => {
              const relative =
                account.fullName === null
                  ? undefined
                  : {
                      fullName: account.fullName,
                      gender: account.gender ?? "",
                      birthYear: Number(account.birthYear ?? 0),
                      addressForm: account.addressForm,
                    };
              return { member, account, lang: account.memberLanguage ?? account.language ?? "vi", relative, proxy: true };
            })
        : [];
    return [...own.map((r) => ({ ...r, proxy: false })), ...throughRelatives];
  });
  // Every recipient's rows in one statement, after one look for what an earlier run queued.
  const queued = await queuedKeys(
    tx,
    recipients.map(({ account }) => `${dedupe}:${account.id}`),
  );
  const list: ChatMessages[] = [];
  for (const { member, account, lang, proxy, relative } of recipients) {
    const dedupeKey = `${dedupe}:${account.id}`;
    // A relative acting for two members hears the first only: one row per dedupe key.
    if (queued.has(dedupeKey)) continue;
    queued.add(dedupeKey);
    const fmt = formatterFor(i18n, lang);
    const notice = fmt.text(key, { me: fmt.address(member, year), ...params(fmt) });
    const text = proxy ? passedOn(fmt, relative, member.fullName, notice, year) : notice;
    list.push({ chat: account, messages: messageParts(text).map((part) => ({ text: part })), dedupe: dedupeKey });
  }
  await queueAll(tx, list, now);
  return list.length;
}
