import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { withHealth } from "../actors/roles.ts";

/** The member's reminders as choices (a menu holds six), paused ones marked. */
export const listReminders = memberAction({
  input: z.object({}),
  allowed: withHealth,
  async run(tx, _input, actor, _now, fmt) {
    const reminders = await tx.reminder.findMany({ where: { memberId: actor.member.id }, orderBy: { id: "asc" }, take: 6 });
    return {
      status: reminders.length ? "some" : "none",
      items: reminders.map((r) => ({
        id: String(r.id),
        label: `${r.label ?? fmt.text(`health:kind.${r.kind}`)} — ${r.timeOfDay.replace(/^0/, "")}${r.active ? "" : ` (${fmt.text("health:paused")})`}`,
      })),
    };
  },
});
