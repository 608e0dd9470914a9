import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { withHealth } from "../actors/roles.ts";

/** The member's own last three readings, newest first. */
export const lastReadings = memberAction({
  input: z.object({}),
  allowed: withHealth,
  async run(tx, _input, actor, _now, fmt) {
    const readings = await tx.healthReading.findMany({ where: { memberId: actor.member.id }, orderBy: { at: "desc" }, take: 3 });
    return {
      status: readings.length ? "some" : "none",
      list: readings.map((r) => `• ${fmt.day(r.at)}: ${r.systolic}/${r.diastolic}`).join("\n"),
    };
  },
});
