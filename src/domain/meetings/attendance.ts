// Attendance as helpers and the board see it: whom a helper checks in, and how many are present.
import { Prisma } from "../../../generated/prisma/client.ts";
import type { Tx } from "../../db/client.ts";
import type { MemberActor } from "../actions/action.ts";
import { OPEN_CHAT_SQL } from "../outbox/reach.ts";

/** Whom a helper checks in (SQL on the member as `m`): members without a chat of their own (they check in themselves), never the helper. */
export function checkedInByHelper(actor: MemberActor): Prisma.Sql {
  return Prisma.sql`m."id" <> ${actor.member.id}
    AND NOT EXISTS (SELECT 1 FROM "ChannelAccount" a WHERE a."memberId" = m."id" AND ${OPEN_CHAT_SQL})`;
}

/** Members present at a meeting, out of the club's active members. */
export async function counts(tx: Tx, meetingId: string, clubId: string) {
  const [present, total] = await Promise.all([
    tx.attendance.count({ where: { meetingId, status: "present" } }),
    tx.member.count({ where: { clubId, status: "active" } }),
  ]);
  return { present, total };
}
