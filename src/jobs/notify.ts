// Queue a notice to members: one outbox row per linked, unblocked chat, in each member's language
// and form of address (or, if asked, through a relative linked as proxy for members without a chat).
// The dedupe key makes a re-run of the same job queue nothing new.
import type { Prisma } from "../../generated/prisma/client.ts";
import { messageParts } from "../channels/choices.ts";
import type { Tx } from "../db/client.ts";
import { OPEN_CHAT, OPEN_PROXY } from "../domain/reach.ts";
import { addressParams } from "../i18n/address.ts";
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
  let queued = 0;
  for (const member of members) {
    const own = member.accounts.map((account) => ({ account, lang: member.language, proxy: false, relative: undefined }));
    const throughRelatives =
      own.length === 0 && options.viaProxy
        ? member.proxies.map(({ account }) => ({
            account,
            lang: account.member?.language ?? account.language ?? "vi",
            proxy: true,
            relative: account.member ?? undefined,
          }))
        : [];
    for (const { account, lang, proxy, relative } of [...own, ...throughRelatives]) {
      const dedupeKey = `${dedupe}:${account.id}`;
      if (await tx.outboxMessage.findUnique({ where: { dedupeKey } })) continue;
      const notice = i18n.t(lang, key, { me: addressParams(i18n, lang, member, year), ...params(formatterFor(i18n, lang)) });
      const text = proxy
        ? i18n.t(lang, "common:via_proxy", { me: addressParams(i18n, lang, relative, year), name: member.fullName, notice })
        : notice;
      // The first part keeps the plain key (the re-run check above); the others follow it in order.
      for (const [i, part] of messageParts(text).entries()) {
        await tx.outboxMessage.create({
          data: {
            channel: account.channel,
            chatId: account.chatId,
            payload: JSON.stringify({ text: part }),
            dedupeKey: i === 0 ? dedupeKey : `${dedupeKey}:${i}`,
            nextAttemptAt: now,
          },
        });
      }
      queued += 1;
    }
  }
  return queued;
}
