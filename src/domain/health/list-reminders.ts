import { z } from "zod";
import { Prisma } from "../../../generated/prisma/client.ts";
import { query } from "../../db/direct.ts";
import { memberAction } from "../actions/action.ts";
import { withHealth } from "../actors/roles.ts";

/** The member's reminders as choices (a menu holds six), paused ones marked. One raw statement: the reminders flow opens it each time. */
export const listReminders = memberAction({
  input: z.object({}),
  allowed: withHealth,
  async run(tx, _input, actor, _now, fmt) {
    const reminders = await query<{
      id: number | bigint;
      kind: string;
      label: string | null;
      timeOfDay: string;
      active: boolean | number;
    }>(
      tx,
      Prisma.sql`SELECT "id", "kind", "label", "timeOfDay", "active" FROM "Reminder" WHERE "memberId" = ${actor.member.id} ORDER BY "id" LIMIT 6`,
    );
    return {
      status: reminders.length ? "some" : "none",
      items: reminders.map((r) => ({
        id: String(r.id),
        label: `${r.label ?? fmt.text(`health:kind.${r.kind}`)} — ${r.timeOfDay.replace(/^0/, "")}${r.active ? "" : ` (${fmt.text("health:paused")})`}`,
      })),
    };
  },
});
