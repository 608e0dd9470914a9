// Who may see or do what, in one place. A member sees their own records (or those of whom they act
// for); volunteers what visits and check-in need in their own club; the board their club; the
// treasurer their club's money; officers their commune or province.
import type { Actor } from "../actions/action.ts";

export type ClubRef = { id: string; communeId: string; provinceId: string };
export type MemberRef = { id: string; club: ClubRef };

const has = (actor: Actor, role: string) => actor.roles.includes(role as never);
const inClub = (actor: Actor, club: ClubRef) => actor.member?.clubId === club.id;
const officerOver = (actor: Actor, club: ClubRef) =>
  has(actor, "officer") &&
  actor.officerScopes.some((s) => s.communeId === club.communeId || (!s.communeId && s.provinceId === club.provinceId));

export const access = {
  /** The member themself, or a proxy linked to them. */
  isSelfOrProxy: (actor: Actor, member: MemberRef) => actor.member?.id === member.id || actor.proxyFor.includes(member.id),
  /** Meeting check-in: self/proxy, or a volunteer or board member of the same club. */
  canCheckIn: (actor: Actor, member: MemberRef) =>
    access.isSelfOrProxy(actor, member) || ((has(actor, "volunteer") || has(actor, "board")) && inClub(actor, member.club)),
  /** Home-care requests of a club: its volunteers and board. */
  canSeeClubVisits: (actor: Actor, club: ClubRef) => (has(actor, "volunteer") || has(actor, "board")) && inClub(actor, club),
  /** A member's loans and dues: the member (or proxy), the club's treasurer and board. */
  canSeeMemberMoney: (actor: Actor, member: MemberRef) =>
    access.isSelfOrProxy(actor, member) || ((has(actor, "treasurer") || has(actor, "board")) && inClub(actor, member.club)),
  /** Writing the club's ledger: its treasurer only. */
  canRecordMoney: (actor: Actor, club: ClubRef) => has(actor, "treasurer") && inClub(actor, club),
  /** Adding members, approving proxies, handing out codes: the club's board. */
  canManageMembers: (actor: Actor, club: ClubRef) => has(actor, "board") && inClub(actor, club),
  /** Notices to a club: its board, or an officer over its area. */
  canBroadcast: (actor: Actor, club: ClubRef) => (has(actor, "board") && inClub(actor, club)) || officerOver(actor, club),
  /** A club's ledger in the web workplace: its treasurer and board. */
  canSeeClubLedger: (actor: Actor, club: ClubRef) => (has(actor, "treasurer") || has(actor, "board")) && inClub(actor, club),
  /** A commune's or a province's figures: its officers, and for a commune the province's. */
  canSeeArea: (actor: Actor, area: { communeId?: string; provinceId: string }) =>
    has(actor, "officer") &&
    actor.officerScopes.some((s) =>
      area.communeId
        ? s.communeId === area.communeId || (!s.communeId && s.provinceId === area.provinceId)
        : !s.communeId && s.provinceId === area.provinceId,
    ),
  /** A club's figures: its board, or an officer over its area. */
  canSeeClubReport: (actor: Actor, club: ClubRef) => (has(actor, "board") && inClub(actor, club)) || officerOver(actor, club),
};

export type AccessRule = keyof typeof access;
