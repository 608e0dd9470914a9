// Health: reminders a member sets, answers to them, and blood-pressure readings (with health consent).
import { z } from "zod";
import { type Actor, memberAction } from "../actions/action.ts";
import { audit } from "../audit/audit.ts";
import { firstReached } from "../outbox/reach.ts";
import { enqueueJob } from "../scheduling/enqueue-job.ts";
import { bpLevel, parseBp } from "./bp.ts";
import { nextDue } from "./schedule.ts";

const withHealth = (actor: Actor) => actor.member !== undefined && actor.consents.includes("health");
export const SNOOZE_MS = 30 * 60_000;

export const createReminder = memberAction({
  input: z.object({
    kind: z.enum(["medicine", "bp", "clinic", "insurance"]),
    time: z.string().regex(/^\d{2}:\d{2}$/),
    days: z.string().max(40),
    date: z.string().optional(),
    weekdays: z.string().max(40).optional(),
    label: z.string().max(60).optional(),
  }),
  allowed: withHealth,
  async run(tx, input, actor, now, fmt) {
    const days =
      input.days === "once"
        ? `once:${input.date}`
        : input.days === "monthly"
          ? `monthly:${input.date?.slice(8, 10)}`
          : input.days === "yearly"
            ? `yearly:${input.date?.slice(5, 10)}`
            : input.days === "weekdays"
              ? `weekdays:${weekdayList(input.weekdays ?? "")}`
              : "daily";
    const nextAt = nextDue(days, input.time, now);
    if (!nextAt) return { status: "bad_days" };
    const label = input.label && !/^(khong|không|ko|no|-)$/i.test(input.label.trim()) ? input.label.trim() : undefined;
    const reminder = await tx.reminder.create({
      data: {
        memberId: actor.member.id,
        kind: input.kind,
        label,
        timeOfDay: input.time,
        days,
        nextAt,
        createdById: actor.member?.id,
      },
    });
    return { status: "created", id: reminder.id, first: fmt.when(nextAt) };
  },
});

/** "2 4 6" or "thứ 2, thứ 4" → "1,3,5" (Sunday = CN or 8 → 0). */
function weekdayList(text: string): string {
  const norm = text.toLowerCase().replace(/cn|chủ nhật|chu nhat/g, " 8 ");
  const days = [...norm.matchAll(/\d/g)]
    .map((m) => Number(m[0]))
    .filter((d) => d >= 2 && d <= 8)
    .map((d) => (d === 8 ? 0 : d - 1));
  return [...new Set(days)].sort().join(",");
}

export const listReminders = memberAction({
  input: z.object({}),
  allowed: withHealth,
  async run(tx, _input, actor, _now, fmt) {
    const reminders = await tx.reminder.findMany({
      where: { memberId: actor.member.id },
      orderBy: { id: "asc" },
      take: 6,
    });
    return {
      status: reminders.length ? "some" : "none",
      items: reminders.map((r) => ({
        id: String(r.id),
        label: `${r.label ?? fmt.text(`health:kind.${r.kind}`)} — ${r.timeOfDay.replace(/^0/, "")}${r.active ? "" : ` (${fmt.text("health:paused")})`}`,
      })),
    };
  },
});

export const changeReminder = memberAction({
  input: z.object({ id: z.coerce.number().int(), change: z.enum(["pause", "resume", "delete"]) }),
  allowed: withHealth,
  async run(tx, { id, change }, actor, now) {
    const reminder = await tx.reminder.findFirst({ where: { id, memberId: actor.member?.id ?? "-" } });
    if (!reminder) return { status: "not_found" };
    if (change === "delete") await tx.reminder.delete({ where: { id } });
    else
      await tx.reminder.update({
        where: { id },
        data: change === "pause" ? { active: false } : { active: true, nextAt: nextDue(reminder.days, reminder.timeOfDay, now) },
      });
    return { status: change };
  },
});

/** The member's answer to a reminder: 1 done, 2 again in 30 minutes, 3 skip. */
export const answerReminder = memberAction({
  input: z.object({ answer: z.enum(["done", "snooze", "skip"]) }),
  allowed: () => true,
  async run(tx, { answer }, actor, now) {
    // The answer is for the member's latest reminder still waiting for one.
    const mine = await tx.reminder.findMany({ where: { memberId: actor.member?.id ?? "-" }, select: { id: true } });
    const event = await tx.reminderEvent.findFirst({
      where: { reminderId: { in: mine.map((r) => r.id) }, status: "sent" },
      orderBy: { id: "desc" },
    });
    const eventId = event?.id ?? 0;
    const reminder = event ? await tx.reminder.findUnique({ where: { id: event.reminderId } }) : null;
    if (!event || !reminder || reminder.memberId !== actor.member?.id || event.status !== "sent") return { status: "late" };
    const status = answer === "done" ? "done" : answer === "snooze" ? "snoozed" : "skipped";
    await tx.reminderEvent.update({ where: { id: eventId }, data: { status, answeredAt: now } });
    await tx.reminder.update({ where: { id: reminder.id }, data: { missesInRow: 0 } });
    if (answer === "snooze")
      await enqueueJob(tx, {
        kind: "reminder.send",
        runAt: new Date(now.getTime() + SNOOZE_MS),
        payload: { reminderId: reminder.id },
        dedupeKey: `reminder.snooze:${eventId}`,
      });
    return { status: answer };
  },
});

/** A reading typed by the member: checked, stored, and sent to a person when high. */
export const recordBp = memberAction({
  input: z.object({ text: z.string().max(40) }),
  allowed: withHealth,
  async run(tx, { text }, actor, now, fmt) {
    const bp = parseBp(text);
    if (!bp.ok) return { status: `invalid_${bp.reason}` };
    const memberId = actor.member.id;
    const reading = await tx.healthReading.create({
      data: { memberId, systolic: bp.systolic, diastolic: bp.diastolic, recordedById: memberId, at: now },
    });
    await audit(tx, { actorId: memberId, action: "health.reading", subject: `reading:${reading.id}`, at: now });
    const level = bpLevel(bp.systolic, bp.diastolic);
    if (level !== "normal")
      await enqueueJob(tx, {
        kind: "health.bp_alert",
        runAt: now,
        payload: { readingId: reading.id, level },
        dedupeKey: `health.bp_alert:${reading.id}`,
      });
    const shown = `${bp.systolic}/${bp.diastolic}`;
    if (level === "normal") return { status: level, reading: shown };
    // Told whom the alert job will reach: never «đã được báo» for nobody.
    const member = { id: memberId, clubId: actor.member.clubId };
    const { whom, told } = await firstReached(tx, member, level === "very_high" ? ["board", "volunteer"] : ["volunteer"]);
    const me = fmt.address(actor.member, now.getUTCFullYear());
    return { status: level, reading: shown, told: fmt.text(`health:told.${whom}`, { told, me }) };
  },
});

export const lastReadings = memberAction({
  input: z.object({}),
  allowed: withHealth,
  async run(tx, _input, actor, _now, fmt) {
    const readings = await tx.healthReading.findMany({
      where: { memberId: actor.member.id },
      orderBy: { at: "desc" },
      take: 3,
    });
    return {
      status: readings.length ? "some" : "none",
      list: readings.map((r) => `• ${fmt.day(r.at)}: ${r.systolic}/${r.diastolic}`).join("\n"),
    };
  },
});
