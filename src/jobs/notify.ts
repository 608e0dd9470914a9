// Queue a notice to members: one outbox row per linked, unblocked chat, in each member's language
// and form of address. The dedupe key makes a re-run of the same job queue nothing new.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "../db/client.ts";
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
): Promise<number> {
  const members = await tx.member.findMany({
    where: { status: "active", ...where },
    include: { accounts: { where: { linkedAt: { not: null }, blockedAt: null } } },
  });
  let queued = 0;
  for (const member of members) {
    const lang = member.language;
    const fmt = formatterFor(i18n, lang);
    const text = i18n.t(lang, key, { me: addressParams(i18n, lang, member, now.getUTCFullYear()), ...params(fmt) });
    for (const account of member.accounts) {
      const dedupeKey = `${dedupe}:${account.id}`;
      if (await tx.outboxMessage.findUnique({ where: { dedupeKey } })) continue;
      await tx.outboxMessage.create({
        data: {
          channel: account.channel,
          chatId: account.chatId,
          payload: JSON.stringify({ text }),
          dedupeKey,
          nextAttemptAt: now,
        },
      });
      queued += 1;
    }
  }
  return queued;
}
