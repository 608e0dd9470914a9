import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { withHealth } from "../actors/roles.ts";
import { nextDue } from "./schedule.ts";

/** A reminder the member sets for themself: medicine, blood pressure, a clinic visit or insurance, once or on chosen days. */
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
