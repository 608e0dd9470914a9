import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { withHealth } from "../actors/roles.ts";
import { nextDue } from "./schedule.ts";

/** Pause, resume or delete one of the member's own reminders. */
export const changeReminder = memberAction({
  input: z.object({ id: z.coerce.number().int(), change: z.enum(["pause", "resume", "delete"]) }),
  allowed: withHealth,
  async run(tx, { id, change }, actor, now) {
    const reminder = await tx.reminder.findFirst({ where: { id, memberId: actor.member.id } });
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
