// A member and where their club sits: what access checks on another member need.
import { Prisma } from "../../../generated/prisma/client.ts";
import type { Tx } from "../../db/client.ts";
import { query } from "../../db/direct.ts";

/** A member with where their club sits, for access checks. */
export async function memberRef(tx: Tx, memberId: string) {
  const [row] = await query<{ id: string; clubId: string; fullName: string; communeId: string; provinceId: string }>(
    tx,
    Prisma.sql`
    SELECT m."id", m."clubId", m."fullName", c."communeId", co."provinceId"
    FROM "Member" m JOIN "Club" c ON c."id" = m."clubId" JOIN "Commune" co ON co."id" = c."communeId"
    WHERE m."id" = ${memberId}`,
  );
  if (!row) return undefined;
  return {
    member: { id: row.id, clubId: row.clubId, fullName: row.fullName },
    ref: { id: row.id, club: { id: row.clubId, communeId: row.communeId, provinceId: row.provinceId } },
  };
}
