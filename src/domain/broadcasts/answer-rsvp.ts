import { z } from "zod";
import { Prisma } from "../../../generated/prisma/client.ts";
import { dateOf, sqlDate } from "../../db/raw.ts";
import { memberAction } from "../actions/action.ts";

type Row = { id: number | bigint; status: string | null; startsAt: string | Date | null; place: string | null };

/**
 * A member's answer to a meeting notice; the last answer counts. Without an id: their latest notice.
 * The notice and its meeting are read in one raw statement and the answer written in another: a
 * burst of answers follows every notice.
 */
export const answerRsvp = memberAction({
  input: z.object({ broadcastId: z.coerce.number().int().optional(), answer: z.enum(["yes", "no"]) }),
  allowed: () => true,
  async run(tx, input, actor, now, fmt) {
    const which = input.broadcastId ? Prisma.sql`AND b."id" = ${input.broadcastId}` : Prisma.empty;
    const [recipient] = await tx.$queryRaw<Row[]>(Prisma.sql`
      SELECT br."id", mt."status", mt."startsAt", mt."place"
      FROM "BroadcastRecipient" br
      JOIN "Broadcast" b ON b."id" = br."broadcastId"
      LEFT JOIN "Meeting" mt ON mt."id" = b."meetingId"
      WHERE br."memberId" = ${actor.member.id} AND b."template" = 'meeting' ${which}
      ORDER BY br."broadcastId" DESC LIMIT 1`);
    if (!recipient?.startsAt || recipient.status !== "scheduled" || dateOf(recipient.startsAt) <= now) return { status: "late" };
    await tx.$executeRaw(
      Prisma.sql`UPDATE "BroadcastRecipient" SET "rsvp" = ${input.answer}, "rsvpAt" = ${sqlDate(now)} WHERE "id" = ${recipient.id}`,
    );
    return { status: input.answer, when: fmt.when(dateOf(recipient.startsAt)), place: recipient.place ?? "" };
  },
});
