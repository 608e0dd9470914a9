// Job handlers for meetings: the evening-before reminder to members and the start reminder to the board.
import type { Tx } from "../db/client.ts";
import { addressParams } from "../i18n/address.ts";
import { formatterFor } from "../i18n/format.ts";
import type { I18n } from "../i18n/index.ts";
import type { JobHandler } from "./scheduler.ts";

type Payload = { meetingId: string };

/** Queue one message per linked, unblocked chat of the chosen members. */
async function notify(tx: Tx, i18n: I18n, meetingId: string, key: string, onlyBoard: boolean, now: Date): Promise<void> {
  const meeting = await tx.meeting.findUnique({ where: { id: meetingId } });
  if (!meeting || meeting.status !== "scheduled") return;
  const members = await tx.member.findMany({
    where: { clubId: meeting.clubId, status: "active", ...(onlyBoard ? { roles: { some: { role: "board" } } } : {}) },
    include: { accounts: { where: { linkedAt: { not: null }, blockedAt: null } } },
  });
  for (const member of members) {
    const lang = member.language;
    const me = addressParams(i18n, lang, member, now.getUTCFullYear());
    const text = i18n.t(lang, key, {
      me,
      when: formatterFor(i18n, lang).when(meeting.startsAt),
      place: meeting.place,
      code: meeting.code,
    });
    for (const account of member.accounts) {
      const dedupeKey = `${key}:${meeting.id}:${account.id}`;
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
    }
  }
}

export function meetingJobHandlers(i18n: I18n): Record<string, JobHandler> {
  return {
    "meeting.remind_members": (tx, payload, now) =>
      notify(tx, i18n, (payload as Payload).meetingId, "meetings:reminder", false, now),
    "meeting.remind_board": (tx, payload, now) =>
      notify(tx, i18n, (payload as Payload).meetingId, "meetings:board_reminder", true, now),
  };
}
