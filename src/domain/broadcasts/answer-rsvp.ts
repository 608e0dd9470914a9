import { z } from "zod";
import { Prisma } from "../../../generated/prisma/client.ts";
import { query } from "../../db/direct.ts";
import { dateOf, sqlDate } from "../../db/raw.ts";
import { memberAction } from "../actions/action.ts";

type Row = { startsAt: string | Date; place: string | null };

/**
 * A member's answer to a meeting notice; the last answer counts. Without an id: their latest notice.
 * One raw statement finds the notice, checks its meeting is still ahead and writes the answer: a
 * burst of answers follows every notice.
 */
export const answerRsvp = memberAction({
  input: z.object({ broadcastId: z.coerce.number().int().optional(), answer: z.enum(["yes", "no"]) }),
  allowed: () => true,
  async run(tx, input, actor, now, fmt) {
    const which = input.broadcastId ? Prisma.sql`AND b."id" = ${input.broadcastId}` : Prisma.empty;
    const at = sqlDate(now);
    const meetingOf = (column: string) => Prisma.sql`(SELECT mt.${Prisma.raw(`"${column}"`)} FROM "Broadcast" b
      JOIN "Meeting" mt ON mt."id" = b."meetingId" WHERE b."id" = "BroadcastRecipient"."broadcastId")`;
    const [answered] = await query<Row>(
      tx,
      Prisma.sql`
      UPDATE "BroadcastRecipient" SET "rsvp" = ${input.answer}, "rsvpAt" = ${at}
      WHERE "id" = (
        SELECT br."id" FROM "BroadcastRecipient" br JOIN "Broadcast" b ON b."id" = br."broadcastId"
        WHERE br."memberId" = ${actor.member.id} AND b."template" = 'meeting' ${which}
        ORDER BY br."broadcastId" DESC LIMIT 1)
      AND EXISTS (SELECT 1 FROM "Broadcast" b JOIN "Meeting" mt ON mt."id" = b."meetingId"
        WHERE b."id" = "BroadcastRecipient"."broadcastId" AND mt."status" = 'scheduled' AND mt."startsAt" > ${at})
      RETURNING ${meetingOf("startsAt")} AS "startsAt", ${meetingOf("place")} AS "place"`,
    );
    if (!answered) return { status: "late" };
    return { status: input.answer, when: fmt.when(dateOf(answered.startsAt)), place: answered.place ?? "" };
  },
});
