import { z } from "zod";
import { Prisma } from "../../../generated/prisma/client.ts";
import { query } from "../../db/direct.ts";
import { memberAction } from "../actions/action.ts";
import { isHelper } from "../actors/roles.ts";
import { checkedInByHelper, counts } from "./attendance.ts";

/** Roll call: the next member (by name) with no mark yet for this meeting. */
export const rollNext = memberAction({
  input: z.object({ meetingId: z.string() }),
  allowed: isHelper,
  async run(tx, { meetingId }, actor) {
    const meeting = await tx.meeting.findUnique({ where: { id: meetingId } });
    if (!meeting || meeting.clubId !== actor.member?.clubId) return { status: "denied" };
    // Raw, as the helper rule it shares with the search is SQL.
    const [next] = await query<{ id: string; fullName: string; birthYear: bigint | number }>(
      tx,
      Prisma.sql`SELECT m."id", m."fullName", m."birthYear" FROM "Member" m
      WHERE m."clubId" = ${meeting.clubId} AND m."status" = 'active' AND ${checkedInByHelper(actor)}
        AND NOT EXISTS (SELECT 1 FROM "Attendance" t WHERE t."memberId" = m."id" AND t."meetingId" = ${meetingId})
      ORDER BY m."fullName" LIMIT 1`,
    );
    if (!next) return { status: "done", ...(await counts(tx, meeting.id, meeting.clubId)) };
    return { status: "next", memberId: next.id, name: `${next.fullName} (${next.birthYear})` };
  },
});
