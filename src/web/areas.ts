// The areas a page can be about, found only when the viewer may see them: anything else is 404, so
// a page never confirms that another club exists.
import type { Db } from "../db/client.ts";
import { access, type ClubRef } from "../domain/actors/access.ts";
import type { Scope } from "../domain/reports/scope.ts";
import type { Viewer } from "../domain/web-access/sessions.ts";

export type Level = "province" | "commune" | "club";
export type Area = Scope & { level: Level; club?: ClubRef };

export async function areaFor(db: Db, viewer: Viewer, level: Level, id: string): Promise<Area | undefined> {
  const { actor } = viewer;
  if (level === "province") {
    const province = await db.province.findUnique({ where: { id } });
    if (!province || !access.canSeeArea(actor, { provinceId: id })) return undefined;
    return { level, id, name: province.name, provinceName: province.name };
  }
  if (level === "commune") {
    const commune = await db.commune.findUnique({ where: { id }, include: { province: true } });
    if (!commune || !access.canSeeArea(actor, { communeId: id, provinceId: commune.provinceId })) return undefined;
    return { level, id, name: commune.name, provinceName: commune.province.name };
  }
  const club = await clubOf(db, id);
  if (!club || !access.canSeeClubReport(actor, club.ref)) return undefined;
  return { level, id, name: club.name, provinceName: club.provinceName, club: club.ref };
}

export type ClubPage = NonNullable<Awaited<ReturnType<typeof clubOf>>>;

/** A club whose board pages (roster, codes, meetings, visits, requests, audit) the viewer keeps. */
export async function boardClub(db: Db, viewer: Viewer, id: string): Promise<ClubPage | undefined> {
  const club = await clubOf(db, id);
  return club && access.canManageMembers(viewer.actor, club.ref) ? club : undefined;
}

/** A club whose ledger the viewer keeps or reads: its treasurer and board. */
export async function ledgerClub(db: Db, viewer: Viewer, id: string): Promise<ClubPage | undefined> {
  const club = await clubOf(db, id);
  return club && access.canSeeClubLedger(viewer.actor, club.ref) ? club : undefined;
}

export async function clubOf(db: Db, id: string) {
  const club = await db.club.findUnique({ where: { id }, include: { commune: { include: { province: true } } } });
  if (!club) return undefined;
  const ref: ClubRef = { id: club.id, communeId: club.communeId, provinceId: club.commune.provinceId };
  return { ref, name: club.name, code: club.code, communeName: club.commune.name, provinceName: club.commune.province.name };
}

/** Where the viewer starts: an officer's area, a board member's club, a treasurer's ledger. */
export function homePath(viewer: Viewer): string {
  const { actor } = viewer;
  const scope = actor.roles.includes("officer") ? actor.officerScopes[0] : undefined;
  if (scope?.communeId) return `/web/commune/${scope.communeId}`;
  if (scope?.provinceId) return `/web/province/${scope.provinceId}`;
  if (actor.roles.includes("board")) return `/web/club/${actor.member.clubId}`;
  return `/web/club/${actor.member.clubId}/ledger`;
}
