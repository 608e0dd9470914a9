// Broadcasts: at their time, one outbox row per member (unique key per broadcast and member), bulk
// priority so replies never wait behind them; meeting notices leave each chat waiting for 1 / 2.
// A member without a chat of their own is reached through a relative linked as proxy; those with
// neither are listed to their club's volunteers to phone. When no row is left pending, the author
// gets the final report.
import type { Broadcast } from "../../generated/prisma/client.ts";
import type { OutboundMessage } from "../channels/types.ts";
import { chunks, insertRows } from "../db/bulk.ts";
import { type Db, type Tx, write } from "../db/client.ts";
import { audienceWhere } from "../domain/broadcasts/audience.ts";
import { type NoticeContent, renderNotice, rsvpChoices } from "../domain/broadcasts/notice.ts";
import { broadcastStatus } from "../domain/broadcasts/status.ts";
import { nameWithPhone } from "../domain/members/phone.ts";
import { passedOn, question } from "../domain/outbox/compose.ts";
import { queueAll, queueMessages } from "../domain/outbox/queue.ts";
import { OPEN_CHAT, OPEN_PROXY } from "../domain/outbox/reach.ts";
import { parkSessions } from "../domain/sessions/sessions.ts";
import { PARKED, waitingAt } from "../engine/session-codec.ts";
import type { SessionState } from "../engine/types.ts";
import type { Formatter } from "../i18n/format.ts";
import { formatterFor } from "../i18n/format.ts";
import type { I18n } from "../i18n/index.ts";
import { notifyMembers } from "./notify.ts";
import type { JobHandler } from "./scheduler.ts";

const BULK_PRIORITY = 1;
/** Members per round: recipients, sessions and outbox rows for 500 members at a time. */
const CHUNK = 500;

async function contentOf(tx: Tx, b: Broadcast): Promise<NoticeContent> {
  const meeting = b.meetingId ? await tx.meeting.findUnique({ where: { id: b.meetingId } }) : null;
  const from = b.clubId
    ? { name: (await tx.club.findUniqueOrThrow({ where: { id: b.clubId } })).name, area: false }
    : b.communeId
      ? { name: (await tx.commune.findUniqueOrThrow({ where: { id: b.communeId } })).name, area: true }
      : { name: (await tx.province.findUniqueOrThrow({ where: { id: b.provinceId ?? "" } })).name, area: true };
  return { template: b.template, from, text: b.text, meeting: meeting && { startsAt: meeting.startsAt, place: meeting.place } };
}

/** Queue a broadcast in one transaction: recipients, outbox rows, waiting sessions, phone lists. */
export async function queueBroadcast(tx: Tx, i18n: I18n, broadcastId: number, now: Date): Promise<void> {
  const b = await tx.broadcast.findUnique({ where: { id: broadcastId } });
  if (b?.status !== "scheduled") return;
  const content = await contentOf(tx, b);
  const members = await tx.member.findMany({
    where: await audienceWhere(tx, b, b.audience, now),
    orderBy: { id: "asc" },
    select: {
      id: true,
      clubId: true,
      fullName: true,
      gender: true,
      birthYear: true,
      addressForm: true,
      language: true,
      phone: true,
      // One chat per member: the most recently linked one that still takes messages…
      accounts: {
        where: OPEN_CHAT,
        orderBy: { linkedAt: "desc" },
        take: 1,
        select: { id: true, channel: true, chatId: true },
      },
      // …else a relative's or volunteer's chat linked as their proxy.
      proxies: {
        where: OPEN_PROXY,
        orderBy: { createdAt: "desc" },
        take: 1,
        select: {
          account: {
            select: {
              id: true,
              channel: true,
              chatId: true,
              language: true,
              member: { select: { fullName: true, gender: true, birthYear: true, addressForm: true, language: true } },
            },
          },
        },
      },
    },
  });
  const formatters = new Map<string, Formatter>();
  const fmtOf = (lang: string) => formatters.get(lang) ?? (formatters.set(lang, formatterFor(i18n, lang)).get(lang) as Formatter);
  const rsvp = content.template === "meeting" && content.meeting;
  const year = now.getUTCFullYear();
  const chatOf = (m: (typeof members)[number]) => m.accounts[0] ?? m.proxies[0]?.account;
  for (const part of chunks(members, CHUNK)) {
    await insertRows(
      tx,
      "BroadcastRecipient",
      part.map((m) => ({ broadcastId: b.id, memberId: m.id, accountId: chatOf(m)?.id ?? null })),
    );
    const own = part.filter((m) => m.accounts[0]);
    const versions = rsvp
      ? await parkSessions(
          tx,
          [...new Set(own.map((m) => m.language))].map((lang) => ({
            accountIds: own.filter((m) => m.language === lang).map((m) => m.accounts[0]?.id as string),
            state: rsvpState(fmtOf(lang), b.id),
          })),
          content.meeting?.startsAt ?? now,
          now,
        )
      : new Map<string, number>();
    const message = (m: (typeof members)[number]): OutboundMessage => {
      const account = m.accounts[0];
      if (!account) {
        // Through a proxy: the notice as the member would read it, handed to the relative to pass on.
        const proxy = m.proxies[0]?.account;
        const fmt = fmtOf(proxy?.member?.language ?? proxy?.language ?? "vi");
        const notice = renderNotice(fmt, m, content, year, "none");
        return { text: passedOn(fmt, proxy?.member ?? undefined, m.fullName, notice.text, year) };
      }
      const fmt = fmtOf(m.language);
      // A chat busy with another question answers by words («sẽ đến»), not 1/2.
      const parked = versions.get(account.id);
      const notice = renderNotice(fmt, m, content, year, parked === undefined ? "words" : "digits");
      return notice.choices ? question(fmt, { text: notice.text }, notice.choices, parked) : notice;
    };
    await queueAll(
      tx,
      part.flatMap((m) => {
        const chat = chatOf(m);
        return chat
          ? [{ chat, messages: [message(m)], dedupe: `broadcast:${b.id}:${m.id}`, priority: BULK_PRIORITY, broadcastId: b.id }]
          : [];
      }),
      now,
    );
  }
  const unreached = members.filter((m) => !chatOf(m));
  for (const clubId of new Set(unreached.map((m) => m.clubId))) {
    const list = unreached
      .filter((m) => m.clubId === clubId)
      .map(nameWithPhone)
      .join(", ");
    await notifyMembers(
      tx,
      i18n,
      { clubId, roles: { some: { role: "volunteer" } } },
      "broadcast:phone_list",
      () => ({ names: list }),
      `broadcast.phone:${b.id}:${clubId}`,
      now,
    );
  }
  await tx.broadcast.update({
    where: { id: b.id },
    data: { status: "sending", queuedAt: now },
  });
}

function rsvpState(fmt: Formatter, broadcastId: number): SessionState {
  const shown = rsvpChoices(fmt).map(({ id, label }) => ({ id, label }));
  return waitingAt(PARKED.rsvp, shown, { broadcast: broadcastId });
}

/** Broadcasts with nothing left pending are done: the author gets the final report. Returns how many. */
export async function finishBroadcasts(db: Db, i18n: I18n, now: Date): Promise<number> {
  const sending = await db.broadcast.findMany({ where: { status: "sending" } });
  let finished = 0;
  for (const b of sending) {
    if ((await db.outboxMessage.count({ where: { broadcastId: b.id, status: "pending" } })) > 0) continue;
    await write(db, async (tx) => {
      const done = await tx.broadcast.updateMany({
        where: { id: b.id, status: "sending" },
        data: { status: "done", doneAt: now },
      });
      if (done.count !== 1) return;
      const author = await tx.channelAccount.findUnique({ where: { id: b.authorAccountId }, include: { member: true } });
      if (!author?.linkedAt || author.blockedAt) return;
      const lang = author.member?.language ?? "vi";
      const fmt = formatterFor(i18n, lang);
      const status = await broadcastStatus(tx, { ...b, status: "done" }, fmt);
      await queueMessages(tx, author, [{ text: fmt.text("broadcast:report", { result: status }) }], now, {
        dedupe: `broadcast.report:${b.id}`,
      });
    });
    finished += 1;
  }
  return finished;
}

export function broadcastJobHandlers(i18n: I18n): Record<string, JobHandler> {
  return {
    "broadcast.send": (tx, payload, now) => queueBroadcast(tx, i18n, (payload as { broadcastId: number }).broadcastId, now),
  };
}
