// Find members of a club by the words of their name, with or without accents.
import type { Tx } from "../../db/client.ts";
import { normalize } from "../../engine/match.ts";

export async function searchClubMembers(tx: Tx, clubId: string, query: string): Promise<Array<{ id: string; label: string }>> {
  const words = normalize(query).split(" ");
  const members = await tx.member.findMany({ where: { clubId, status: "active" }, orderBy: { fullName: "asc" } });
  return members
    .filter((m) => {
      const name = normalize(m.fullName);
      return words.every((w) => name.split(" ").includes(w) || name.includes(w));
    })
    .slice(0, 6)
    .map((m) => ({ id: m.id, label: `${m.fullName} (${m.birthYear})` }));
}
