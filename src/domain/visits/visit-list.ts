// The short lists of visits the chat shows (a member's own, a club's open ones, a volunteer's), each
// visit with its member's name, in one raw statement: every visit flow opens one of them.
import { Prisma } from "../../../generated/prisma/client.ts";
import type { Tx } from "../../db/client.ts";
import { query } from "../../db/direct.ts";
import { intOf } from "../../db/raw.ts";

export type VisitLine = { id: number; need: string; when: string; status: string; note: string | null; memberName: string };

type Which = { memberId: string } | { clubId: string; status: "requested" } | { claimedById: string; status: "claimed" };

/** Up to `take` visits matching `which`: a member's newest first, the others oldest first. */
export async function visitList(tx: Tx, which: Which, take: number): Promise<VisitLine[]> {
  const where =
    "memberId" in which
      ? Prisma.sql`v."memberId" = ${which.memberId}`
      : "clubId" in which
        ? Prisma.sql`v."clubId" = ${which.clubId} AND v."status" = ${which.status}`
        : Prisma.sql`v."claimedById" = ${which.claimedById} AND v."status" = ${which.status}`;
  const order = "memberId" in which ? Prisma.raw("DESC") : Prisma.raw("ASC");
  const rows = await query<Omit<VisitLine, "id"> & { id: number | bigint }>(
    tx,
    Prisma.sql`SELECT v."id", v."need", v."when", v."status", v."note", m."fullName" AS "memberName"
      FROM "VisitRequest" v JOIN "Member" m ON m."id" = v."memberId"
      WHERE ${where} ORDER BY v."id" ${order} LIMIT ${take}`,
  );
  return rows.map((row) => ({ ...row, id: intOf(row.id) }));
}
