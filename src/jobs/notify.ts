// Queue a notice to members: one outbox row per linked, unblocked chat, in each member's language
// and form of address (or, if asked, through a relative linked as proxy for members without a chat).
// The dedupe key makes a re-run of the same job queue nothing new.
import type { Prisma } from "../../generated/prisma/client.ts";
import { messageParts } from "../channels/choices.ts";
import type { Tx } from "../db/client.ts";
import { passedOn } from "../domain/outbox/compose.ts";
import { type ChatMessages, queueAll, queuedKeys } from "../domain/outbox/queue.ts";
import { OPEN_CHAT, OPEN_PROXY } from "../domain/outbox/reach.ts";
import { formatterFor } from "../i18n/format.ts";
import type { I18n } from "../i18n/index.ts";

type Fmt = ReturnType<typeof formatterFor>;

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
    include: {
      accounts: { where: OPEN_CHAT },
      proxies: {
        where: OPEN_PROXY,
        include: { account: { include: { member: true } } },
      },
    },
  });
  const year = now.getUTCFullYear();
  const recipients = members.flatMap((member) => {
    const own = member.accounts.map((account) => ({ member, account, lang: member.language, proxy: false, relative: undefined }));
    const throughRelatives =
      own.length === 0 && options.viaProxy
        ? member.proxies.map(({ account }) => ({
            member,
            account,
            lang: account.member?.language ?? account.language ?? "vi",
            proxy: true,
            relative: account.member ?? undefined,
          }))
        : [];
    return [...own, ...throughRelatives];
  });
  // Every recipient's rows in one statement, after one look for what an earlier run queued.
  const queued = await queuedKeys(
    tx,
    recipients.map(({ account }) => `${dedupe}:${account.id}`),
  );
  const list: ChatMessages[] = [];
  for (const { member, account, lang, proxy, relative } of recipients) {
    const dedupeKey = `${dedupe}:${account.id}`;
    // A relative acting for two members hears the first only, as before.
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
