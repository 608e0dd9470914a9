// Who a broadcast reaches: a club's members (all, volunteers, board, or those absent from the last
// meeting), or, for an officer, every club of their commune or province (all members, or the boards).
import type { Prisma } from "../../../generated/prisma/client.ts";
import type { Tx } from "../../db/client.ts";

export const CLUB_AUDIENCES = ["all", "volunteers", "board", "absent_last"] as const;
export const AREA_AUDIENCES = ["area_all", "area_board"] as const;
export type Audience = (typeof CLUB_AUDIENCES)[number] | (typeof AREA_AUDIENCES)[number];
export const AUDIENCES = [...CLUB_AUDIENCES, ...AREA_AUDIENCES] as const;

/** Exactly one of the three: a club (board), a commune or a province (officer). */
export type Scope = { clubId?: string | null; communeId?: string | null; provinceId?: string | null };

export const isAreaAudience = (audience: string) => (AREA_AUDIENCES as readonly string[]).includes(audience);

function clubsOf(scope: Scope): Prisma.ClubWhereInput {
  if (scope.clubId) return { id: scope.clubId };
  if (scope.communeId) return { communeId: scope.communeId };
  return { commune: { provinceId: scope.provinceId ?? "" } };
}

/** The members a broadcast is for, as a filter on active members. */
export async function audienceWhere(tx: Tx, scope: Scope, audience: string, now: Date): Promise<Prisma.MemberWhereInput> {
  const base: Prisma.MemberWhereInput = { status: "active", club: clubsOf(scope) };
  switch (audience) {
    case "volunteers":
      return { ...base, roles: { some: { role: "volunteer" } } };
    case "board":
    case "area_board":
      return { ...base, roles: { some: { role: "board" } } };
    case "absent_last": {
      const last = await tx.meeting.findFirst({
        where: { clubId: scope.clubId ?? "", status: "scheduled", startsAt: { lte: now } },
        orderBy: { startsAt: "desc" },
      });
      if (!last) return { id: { in: [] } };
      return { ...base, attendances: { none: { meetingId: last.id, status: "present" } } };
    }
    default:
      return base;
  }
}
