// Health reminders: due ones go out at their minute (found through the (active, nextAt) index), each
// due time once; the member's chat then waits for 1 done / 2 again in 30 minutes / 3 skip.
// No answer in 2 hours is a miss; two misses in a row alert the club's volunteers.
import type { OutboundMessage } from "../channels/types.ts";
import { type Db, type Tx, write } from "../db/client.ts";
import { hasConsent } from "../domain/consent.ts";
import { nextDue } from "../domain/health/schedule.ts";
import { enqueueJob } from "../domain/jobs.ts";
import type { SessionState } from "../engine/types.ts";
import { addressParams } from "../i18n/address.ts";
import type { I18n } from "../i18n/index.ts";
import { notifyMembers } from "./notify.ts";
import type { JobHandler } from "./scheduler.ts";

export const MISSED_AFTER_MS = 2 * 3_600_000;
export const MISSES_BEFORE_ALERT = 2;
const ANSWERS = ["done", "snooze", "skip"] as const;

/** Send one reminder for one due time, unless it went out already or consent is gone. */
async function sendReminder(tx: Tx, i18n: I18n, reminderId: number, dueAt: Date, now: Date): Promise<void> {
  const reminder = await tx.reminder.findUnique({ where: { id: reminderId } });
  if (!reminder?.active || !(await hasConsent(tx, reminder.memberId, "health"))) return;
  if (await tx.reminderEvent.findUnique({ where: { reminderId_dueAt: { reminderId, dueAt } } })) return;
  const event = await tx.reminderEvent.create({ data: { reminderId, dueAt, status: "sent" } });
  const member = await tx.member.findUniqueOrThrow({
    where: { id: reminder.memberId },
    include: { accounts: { where: { linkedAt: { not: null }, blockedAt: null } } },
  });
  const lang = member.language;
  const what = reminder.label ?? i18n.t(lang, `health:kind.${reminder.kind}`);
  const text = i18n.t(lang, "health:reminder", {
    me: addressParams(i18n, lang, member, now.getUTCFullYear()),
    what,
    time: reminder.timeOfDay.replace(/^0/, ""),
  });
  const shown = ANSWERS.map((id) => ({ id, label: i18n.t(lang, `health:answer.${id}`) }));
  for (const account of member.accounts) {
    // The chat now waits for the answer to this reminder, so "1" means "done".
    const session = await tx.session.findUnique({ where: { accountId: account.id } });
    const version = (session?.version ?? 0) + 1;
    const state: SessionState = {
      flow: "reminder_answer",
      node: "answer",
      waiting: true,
      askVersion: version,
      shown,
      vars: { event_id: event.id },
      misses: 0,
    };
    const expiresAt = new Date(now.getTime() + MISSED_AFTER_MS);
    await tx.session.upsert({
      where: { accountId: account.id },
      create: { accountId: account.id, state: JSON.stringify(state), version, expiresAt },
      update: { state: JSON.stringify(state), version, expiresAt },
    });
    const message: OutboundMessage = {
      text,
      choices: shown.map((c, i) => ({ n: i + 1, ...c })),
      version,
      footer: i18n.t(lang, "common:home_label"),
    };
    await tx.outboxMessage.create({
      data: {
        channel: account.channel,
        chatId: account.chatId,
        payload: JSON.stringify(message),
        dedupeKey: `reminder:${event.id}:${account.id}`,
        nextAttemptAt: now,
      },
    });
  }
  await enqueueJob(tx, {
    kind: "reminder.missed",
    runAt: new Date(dueAt.getTime() + MISSED_AFTER_MS),
    payload: { eventId: event.id },
    dedupeKey: `reminder.missed:${event.id}`,
  });
}

/** One pass: every active reminder whose time has come. Returns how many were due. */
export async function sendDueReminders(db: Db, i18n: I18n, now: Date, batch = 1000): Promise<number> {
  const due = await db.reminder.findMany({
    where: { active: true, nextAt: { lte: now } },
    orderBy: { nextAt: "asc" },
    take: batch,
    select: { id: true },
  });
  for (const { id } of due) {
    await write(db, async (tx) => {
      const reminder = await tx.reminder.findUnique({ where: { id } });
      if (!reminder?.active || !reminder.nextAt || reminder.nextAt > now) return;
      await sendReminder(tx, i18n, id, reminder.nextAt, now);
      await tx.reminder.update({
        where: { id },
        data: {
          nextAt: nextDue(reminder.days, reminder.timeOfDay, reminder.nextAt) ?? null,
          active: reminder.days.startsWith("once:") ? false : reminder.active,
        },
      });
    });
  }
  return due.length;
}

async function missed(tx: Tx, i18n: I18n, eventId: number, now: Date): Promise<void> {
  const event = await tx.reminderEvent.findUnique({ where: { id: eventId } });
  if (event?.status !== "sent") return;
  await tx.reminderEvent.update({ where: { id: eventId }, data: { status: "missed" } });
  const reminder = await tx.reminder.update({ where: { id: event.reminderId }, data: { missesInRow: { increment: 1 } } });
  if (reminder.missesInRow < MISSES_BEFORE_ALERT || !(await hasConsent(tx, reminder.memberId, "health"))) return;
  const member = await tx.member.findUniqueOrThrow({ where: { id: reminder.memberId } });
  await notifyMembers(
    tx,
    i18n,
    { clubId: member.clubId, roles: { some: { role: "volunteer" } } },
    "health:missed_alert",
    () => ({ name: member.fullName }),
    `missed:${eventId}`,
    now,
  );
  await tx.reminder.update({ where: { id: reminder.id }, data: { missesInRow: 0 } });
}

async function bpAlert(
  tx: Tx,
  i18n: I18n,
  payload: { readingId: number; level: "high" | "very_high" },
  now: Date,
): Promise<void> {
  const reading = await tx.healthReading.findUniqueOrThrow({ where: { id: payload.readingId } });
  if (!(await hasConsent(tx, reading.memberId, "health"))) return;
  const member = await tx.member.findUniqueOrThrow({ where: { id: reading.memberId } });
  const params = () => ({ name: member.fullName });
  await notifyMembers(
    tx,
    i18n,
    { clubId: member.clubId, roles: { some: { role: "volunteer" } } },
    "health:bp_alert_volunteer",
    params,
    `bp:${reading.id}:v`,
    now,
  );
  if (payload.level === "very_high")
    await notifyMembers(
      tx,
      i18n,
      { clubId: member.clubId, roles: { some: { role: "board" } } },
      "health:bp_alert_board",
      params,
      `bp:${reading.id}:b`,
      now,
    );
}

export function healthJobHandlers(i18n: I18n): Record<string, JobHandler> {
  return {
    "reminder.send": (tx, payload, now) => sendReminder(tx, i18n, (payload as { reminderId: number }).reminderId, now, now),
    "reminder.missed": (tx, payload, now) => missed(tx, i18n, (payload as { eventId: number }).eventId, now),
    "health.bp_alert": (tx, payload, now) =>
      bpAlert(tx, i18n, payload as { readingId: number; level: "high" | "very_high" }, now),
  };
}
