import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { enqueueJob } from "../scheduling/enqueue-job.ts";

const SNOOZE_MS = 30 * 60_000;

/** The member's answer to a reminder: 1 done, 2 again in 30 minutes, 3 skip. */
export const answerReminder = memberAction({
  input: z.object({ answer: z.enum(["done", "snooze", "skip"]) }),
  allowed: () => true,
  async run(tx, { answer }, actor, now) {
    // The answer is for the member's latest reminder still waiting for one.
    const mine = await tx.reminder.findMany({ where: { memberId: actor.member.id }, select: { id: true } });
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
