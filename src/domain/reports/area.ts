// Whose area a report in the bot covers: an officer's commune or province, a board member's club.
// Members and volunteers have none, so they never see a report.
import type { Tx } from "../../db/client.ts";
import type { Actor } from "../actions/action.ts";
import type { Scope } from "./scope.ts";

export async function reportAreaOf(tx: Tx, actor: Actor): Promise<Scope | undefined> {
  if (!actor.member) return undefined;
  const officer = actor.roles.includes("officer") ? actor.officerScopes[0] : undefined;
  if (officer?.communeId) {
    const commune = await tx.commune.findUnique({ where: { id: officer.communeId }, include: { province: true } });
    if (commune) return { level: "commune", id: commune.id, name: commune.name, provinceName: commune.province.name };
  }
  if (officer?.provinceId) {
    const province = await tx.province.findUnique({ where: { id: officer.provinceId } });
    if (province) return { level: "province", id: province.id, name: province.name, provinceName: province.name };
  }
  if (!actor.roles.includes("board")) return undefined;
  const club = await tx.club.findUniqueOrThrow({
    where: { id: actor.member.clubId },
    include: { commune: { include: { province: true } } },
  });
  return { level: "club", id: club.id, name: club.name, provinceName: club.commune.province.name };
}
