// The short lists of visits the chat shows (a member's own, a club's open ones, a volunteer's), each
// visit with its member's name, in one raw statement: every visit flow opens one of them.
import { Prisma } from "../../../generated/prisma/client.ts";
import type { Tx } from "../../db/client.ts";
import { query } from "../../db/direct.ts";
import { intOf } from "../../db/raw.ts";

export type VisitLine = { id: number; need: string; when: string; status: string; memberName: string };

/** A member's own requests, newest first. */
export function memberVisits(tx: Tx, memberId: string, take: number): Promise<VisitLine[]> {
  return visitLines(tx, Prisma.sql`v."memberId" = ${memberId} ORDER BY v."id" DESC`, take);
}

/** A club's requests no one has taken yet, oldest first. */
export function openClubVisits(tx: Tx, clubId: string, take: number): Promise<VisitLine[]> {
  return visitLines(tx, Prisma.sql`v."clubId" = ${clubId} AND v."status" = 'requested' ORDER BY v."id"`, take);
}

/** The visits a volunteer has taken and not yet reported, oldest first. */
export function claimedVisits(tx: Tx, volunteerId: string, take: number): Promise<VisitLine[]> {
  return visitLines(tx, Prisma.sql`v."claimedById" = ${volunteerId} AND v."status" = 'claimed' ORDER BY v."id"`, take);
}

async function visitLines(tx: Tx, whereAndOrder: Prisma.Sql, take: number): Promise<VisitLine[]> {
  const rows = await query<Omit<VisitLine, "id"> & { id: number | bigint }>(
    tx,
    Prisma.sql`SELECT v."id", v."need", v."when", v."status", m."fullName" AS "memberName"
      FROM "VisitRequest" v JOIN "Member" m ON m."id" = v."memberId"
      WHERE ${whereAndOrder} LIMIT ${take}`,
  );
  return rows.map((row) => ({ ...row, id: intOf(row.id) }));
}
