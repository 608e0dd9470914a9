// Find members of a club by the words of their name, with or without accents. The club's names are
// read raw, three columns only: the treasurer's and the helper's search is a reply a member waits for,
// and the query builder read every column of every member to keep six.
import { Prisma } from "../../../generated/prisma/client.ts";
import type { Tx } from "../../db/client.ts";
import { query } from "../../db/direct.ts";
import { normalize } from "../../engine/match.ts";

/** `only` narrows the search (SQL on the member as `m`: e.g. those a helper checks in). */
export async function searchClubMembers(
  tx: Tx,
  clubId: string,
  text: string,
  only: Prisma.Sql = Prisma.sql`1 = 1`,
): Promise<Array<{ id: string; label: string }>> {
  const words = normalize(text).split(" ");
  const members = await query<{ id: string; fullName: string; birthYear: bigint | number }>(
    tx,
    Prisma.sql`SELECT m."id", m."fullName", m."birthYear" FROM "Member" m
    WHERE m."clubId" = ${clubId} AND m."status" = 'active' AND ${only}
    ORDER BY m."fullName"`,
  );
  return members
    .filter((m) => {
      const name = normalize(m.fullName);
      return words.every((w) => name.includes(w));
    })
    .slice(0, 6)
    .map((m) => ({ id: m.id, label: `${m.fullName} (${m.birthYear})` }));
}
