import { z } from "zod";
import { Prisma } from "../../../generated/prisma/client.ts";
import { query } from "../../db/direct.ts";
import { dateOf } from "../../db/raw.ts";
import { memberAction } from "../actions/action.ts";
import { withHealth } from "../actors/roles.ts";

/** The member's own last three readings, newest first. One raw statement: the readings flow opens it each time. */
export const lastReadings = memberAction({
  input: z.object({}),
  allowed: withHealth,
  async run(tx, _input, actor, _now, fmt) {
    const readings = await query<{ at: Date | string; systolic: number; diastolic: number }>(
      tx,
      Prisma.sql`SELECT "at", "systolic", "diastolic" FROM "HealthReading" WHERE "memberId" = ${actor.member.id} ORDER BY "at" DESC LIMIT 3`,
    );
    return {
      status: readings.length ? "some" : "none",
      list: readings.map((r) => `• ${fmt.day(dateOf(r.at))}: ${r.systolic}/${r.diastolic}`).join("\n"),
    };
  },
});
