// Health reminders: due ones go out at their minute (found through the (active, nextAt) index), each
// due time once; the member's chat then waits for 1 done / 2 again in 30 minutes / 3 skip.
// No answer in 2 hours is a miss; two misses in a row alert the club's volunteers.
import { Prisma, type Reminder } from "../../generated/prisma/client.ts";
import { insertRows, insertRowsReturningIds } from "../db/bulk.ts";
import { type Db, type Tx, write } from "../db/client.ts";
import { skipLocked } from "../db/dialect.ts";
import { query } from "../db/direct.ts";
import { intOf, sqlDate } from "../db/raw.ts";
import { hasConsent } from "../domain/consent/consent.ts";
import { nextDue } from "../domain/health/schedule.ts";
import { nameWithPhone } from "../domain/members/phone.ts";
import { question } from "../domain/outbox/compose.ts";
import { queueAll } from "../domain/outbox/queue.ts";
import { OPEN_CHAT, officersOver } from "../domain/outbox/reach.ts";
import { parkSessions } from "../domain/sessions/sessions.ts";
import { PARKED, waitingAt } from "../engine/session-codec.ts";
import { addressParams } from "../i18n/address.ts";
import type { I18n } from "../i18n/index.ts";
import { notifyMembers } from "./notify.ts";
import type { JobHandler } from "./scheduler.ts";

export const MISSED_AFTER_MS = 2 * 3_600_000;
export const MISSES_BEFORE_ALERT = 2;
const ANSWERS = ["done", "snooze", "skip"] as const;

type Due = { reminder: Reminder; dueAt: Date };

/**
 * Send reminders for their due times, set-based (a handful of statements for a whole batch): each
 * (reminder, due time) once through a unique ReminderEvent, only with health consent.
 */
async function sendBatch(tx: Tx, i18n: I18n, items: Due[], now: Date): Promise<void> {
  const memberIds = [...new Set(items.map((d) => d.reminder.memberId))];
  const consents = await tx.consent.findMany({
    where: { memberId: { in: memberIds }, purpose: "health" },
    orderBy: { id: "desc" },
    select: { memberId: true, given: true },
  });
  const latest = new Map<string, boolean>();
  for (const c of consents) if (!latest.has(c.memberId)) latest.set(c.memberId, c.given);
  const sent = await tx.reminderEvent.findMany({
    where: { reminderId: { in: items.map((d) => d.reminder.id) } },
    select: { reminderId: true, dueAt: true },
  });
  const already = new Set(sent.map((e) => `${e.reminderId}@${e.dueAt.getTime()}`));
  const toSend = items
    .filter((d) => latest.get(d.reminder.memberId) === true && !already.has(`${d.reminder.id}@${d.dueAt.getTime()}`))
    .map((d) => d.reminder);
  const dueAtOf = new Map(items.map((d) => [d.reminder.id, d.dueAt]));
  const events = (
    await insertRowsReturningIds(
      tx,
      "ReminderEvent",
      toSend.map((r) => ({ reminderId: r.id, dueAt: dueAtOf.get(r.id) as Date, status: "sent" })),
      "reminderId",
    )
  ).map(({ id, key }) => ({ id, reminderId: key, dueAt: dueAtOf.get(key) as Date }));
  const members = await tx.member.findMany({
    where: { id: { in: [...new Set(toSend.map((r) => r.memberId))] } },
    include: { accounts: { where: OPEN_CHAT } },
  });
  const byLanguage = new Map<string, Array<{ id: string; label: string }>>();
  const shownFor = (lang: string) => {
    if (!byLanguage.has(lang))
      byLanguage.set(
        lang,
        ANSWERS.map((id) => ({ id, label: i18n.t(lang, `health:answer.${id}`) })),
      );
    return byLanguage.get(lang) as Array<{ id: string; label: string }>;
  };
  const versions = await parkSessions(
    tx,
    [...new Set(members.map((m) => m.language))].map((lang) => ({
      accountIds: members.filter((m) => m.language === lang).flatMap((m) => m.accounts.map((a) => a.id)),
      state: waitingAt(PARKED.reminder, shownFor(lang)),
    })),
    new Date(now.getTime() + MISSED_AFTER_MS),
    now,
  );
  const eventOf = new Map(events.map((e) => [e.reminderId, e]));
  const memberOf = new Map(members.map((m) => [m.id, m]));
  const outbox = toSend.flatMap((r) => {
    const member = memberOf.get(r.memberId);
    const event = eventOf.get(r.id);
    if (!member || !event) return [];
    const lang = member.language;
    const what = r.label ?? i18n.t(lang, `health:kind.${r.kind}`);
    const text = i18n.t(lang, "health:reminder", {
      me: addressParams(i18n, lang, member, now.getUTCFullYear()),
      what,
      time: r.timeOfDay.replace(/^0/, ""),
    });
    const texts = { text: (key: string) => i18n.t(lang, key) };
    return member.accounts.map((account) => ({
      chat: account,
      messages: [question(texts, { text }, shownFor(lang), versions.get(account.id))],
      dedupe: `reminder:${event.id}:${account.id}`,
    }));
  });
  await queueAll(tx, outbox, now);
  await insertRows(
    tx,
    "Job",
    events.map((e) => ({
      kind: "reminder.missed",
      runAt: new Date(e.dueAt.getTime() + MISSED_AFTER_MS),
      payload: JSON.stringify({ eventId: e.id }),
      dedupeKey: `reminder.missed:${e.id}`,
      createdAt: now,
    })),
  );
}

/**
 * One pass: every active reminder whose time has come, in batches of 900 (one transaction each, so
 * webhooks get the database in between), each moved on to its next time. Returns how many were due.
 */
export async function sendDueReminders(db: Db, i18n: I18n, now: Date, batch = 900): Promise<number> {
  let total = 0;
  for (;;) {
    const sent = await sendDueBatch(db, i18n, now, batch);
    total += sent;
    if (sent < batch) return total;
  }
}

async function sendDueBatch(db: Db, i18n: I18n, now: Date, batch: number): Promise<number> {
  return write(db, async (tx) => {
    // Claimed inside the transaction that moves them on: a second instance sweeping at the same
    // moment (PostgreSQL) skips these rows and takes the next ones.
    const claimed = await query<{ id: number | bigint }>(
      tx,
      Prisma.sql`
      SELECT "id" FROM "Reminder" WHERE "active" IS TRUE AND "nextAt" <= ${sqlDate(now)}
      ORDER BY "id" LIMIT ${batch}${Prisma.raw(skipLocked())}`,
    );
    if (claimed.length === 0) return 0;
    const due = await tx.reminder.findMany({ where: { id: { in: claimed.map((r) => intOf(r.id)) } }, orderBy: { id: "asc" } });
    await sendBatch(
      tx,
      i18n,
      due.map((reminder) => ({ reminder, dueAt: reminder.nextAt as Date })),
      now,
    );
    // Advance every due reminder (sent or not) to its next time: one update per (rule, time, due) group.
    const groups = new Map<string, typeof due>();
    for (const r of due) {
      const key = `${r.days}|${r.timeOfDay}|${r.nextAt?.getTime()}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    for (const group of groups.values()) {
      const first = group[0] as (typeof due)[number];
      const nextAt = nextDue(first.days, first.timeOfDay, first.nextAt as Date) ?? null;
      await tx.reminder.updateMany({
        where: { id: { in: group.map((r) => r.id) } },
        data: { nextAt, active: first.days.startsWith("once:") ? false : undefined },
      });
    }
    return claimed.length;
  });
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
  // The people who call need the reading and the number; neither goes to any log.
  const params = () => ({ person: nameWithPhone(member), reading: `${reading.systolic}/${reading.diastolic}` });
  const alert = (role: "volunteer" | "board") =>
    notifyMembers(
      tx,
      i18n,
      { clubId: member.clubId, id: { not: member.id }, roles: { some: { role } } },
      `health:bp_alert_${role}`,
      params,
      `bp:${reading.id}:${role[0]}`,
      now,
    );
  let reached = await alert("volunteer");
  if (payload.level === "very_high") reached += await alert("board");
  if (reached > 0) return;
  // Nobody in the club has a chat: the officers over it, at once.
  const club = await tx.club.findUniqueOrThrow({ where: { id: member.clubId }, include: { commune: true } });
  const officers = officersOver({ communeId: club.communeId, provinceId: club.commune.provinceId });
  await notifyMembers(
    tx,
    i18n,
    officers,
    "health:bp_alert_officer",
    () => ({ ...params(), club: club.name }),
    `bp:${reading.id}:o`,
    now,
  );
}

export function healthJobHandlers(i18n: I18n): Record<string, JobHandler> {
  return {
    // "Remind me in 30 minutes": the same reminder again, due now.
    "reminder.send": async (tx, payload, now) => {
      const reminder = await tx.reminder.findUnique({ where: { id: (payload as { reminderId: number }).reminderId } });
      if (reminder?.active) await sendBatch(tx, i18n, [{ reminder, dueAt: now }], now);
    },
    "reminder.missed": (tx, payload, now) => missed(tx, i18n, (payload as { eventId: number }).eventId, now),
    "health.bp_alert": (tx, payload, now) =>
      bpAlert(tx, i18n, payload as { readingId: number; level: "high" | "very_high" }, now),
  };
}
