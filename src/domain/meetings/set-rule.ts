// The board sets (or turns off) the club's monthly meeting: the rule, its time and its place.
import { z } from "zod";
import { parseWeekday } from "../../engine/dates.ts";
import type { Formatter } from "../../i18n/format.ts";
import { memberAction } from "../actions/action.ts";
import { isBoard } from "../actors/roles.ts";
import { audit } from "../audit/audit.ts";
import { vietnamDay } from "../time/vietnam-time.ts";
import { type MeetingRule, ruleStart, ruleText } from "./rule.ts";

const WEEKS = { w1: 1, w2: 2, w3: 3, w4: 4, last: -1 } as const;

function describeRule(rule: MeetingRule, fmt: Formatter): string {
  if (rule.kind === "lunar")
    return rule.day === 15 ? fmt.text("meeting_rule:describe.full_moon") : fmt.text("meeting_rule:describe.lunar", rule);
  if (rule.kind === "day") return fmt.text("meeting_rule:describe.day", rule);
  return fmt.text("meeting_rule:describe.nth", {
    weekday: fmt.text(`common:weekday.${rule.weekday}`),
    week: fmt.text(`meeting_rule:describe.week.${rule.n === -1 ? "last" : rule.n}`),
  });
}

/** The club's meeting rule (a lunar day, the nth weekday, a day of the month, or none), set by the board. */
export const setRule = memberAction({
  input: z.object({
    kind: z.enum(["lunar", "nth", "day", "off"]),
    day: z.coerce.number().int().optional(),
    weekday: z.string().max(30).optional(),
    week: z.enum(["w1", "w2", "w3", "w4", "last"]).optional(),
    time: z
      .string()
      .regex(/^\d{2}:\d{2}$/)
      .optional(),
    place: z.string().trim().min(2).max(120).optional(),
  }),
  allowed: isBoard,
  async run(tx, input, actor, now, fmt) {
    const clubId = actor.member.clubId;
    if (input.kind === "off") {
      await tx.club.update({ where: { id: clubId }, data: { meetingRule: null } });
      await audit(tx, { actorId: actor.member?.id, action: "meetings.rule_off", subject: `club:${clubId}`, at: now });
      return { status: "off" };
    }
    let rule: MeetingRule;
    if (input.kind === "nth") {
      const wd = parseWeekday(input.weekday ?? "");
      if (wd === undefined) return { status: "bad_weekday" };
      rule = { kind: "nth", n: WEEKS[input.week ?? "w1"], weekday: wd };
    } else {
      const day = input.day ?? 0;
      if (day < 1 || day > (input.kind === "lunar" ? 30 : 31)) return { status: "bad_day" };
      rule = { kind: input.kind, day };
    }
    if (!input.time || !input.place) return { status: "bad_day" };
    await tx.club.update({
      where: { id: clubId },
      data: { meetingRule: ruleText(rule), meetingTime: input.time, meetingPlace: input.place },
    });
    await audit(tx, { actorId: actor.member?.id, action: "meetings.rule_set", subject: `club:${clubId}`, at: now });
    const next = ruleStart(rule, input.time, vietnamDay(now));
    return {
      status: "set",
      rule: describeRule(rule, fmt),
      time: fmt.time(next ?? now),
      place: input.place,
      next: next ? fmt.when(next) : "",
    };
  },
});
