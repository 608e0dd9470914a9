// Find members of a club by the words of their name, with or without accents.
import type { Prisma } from "../../../generated/prisma/client.ts";
import type { Tx } from "../../db/client.ts";
import { normalize } from "../../engine/match.ts";

/** `only` narrows the search (members a helper checks in: those without a chat of their own). */
export async function searchClubMembers(
  tx: Tx,
  clubId: string,
  query: string,
  only: Prisma.MemberWhereInput = {},
): Promise<Array<{ id: string; label: string }>> {
  const words = normalize(query).split(" ");
  const members = await tx.member.findMany({ where: { clubId, status: "active", ...only }, orderBy: { fullName: "asc" } });
  return members
    .filter((m) => {
      const name = normalize(m.fullName);
      return words.every((w) => name.split(" ").includes(w) || name.includes(w));
    })
    .slice(0, 6)
    .map((m) => ({ id: m.id, label: `${m.fullName} (${m.birthYear})` }));
}
