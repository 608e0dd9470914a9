// A club's home visits of one month as CSV rows (no notes or reports: they may hold health details).
import type { Db } from "../../db/client.ts";
import { UnknownClubError } from "../invites/club-invites.ts";
import { vietnamTime } from "../time/vietnam-time.ts";

export async function visitRows(db: Db, clubCode: string, month: string): Promise<string[][]> {
  const club = await db.club.findUnique({ where: { code: clubCode } });
  if (!club) throw new UnknownClubError(`no club with code ${clubCode}`);
  const from = vietnamTime(`${month}-01`);
  const to = new Date(from);
  to.setUTCMonth(to.getUTCMonth() + 1);
  const visits = await db.visitRequest.findMany({
    where: { clubId: club.id, createdAt: { gte: from, lt: to } },
    orderBy: { id: "asc" },
  });
  const people = await db.member.findMany({ where: { id: { in: visits.flatMap((v) => [v.memberId, v.claimedById ?? ""]) } } });
  const name = (id: string | null) => people.find((p) => p.id === id)?.fullName ?? "";
  const rows = visits.map((v) => [
    String(v.id),
    name(v.memberId),
    v.need,
    v.when,
    v.status,
    name(v.claimedById),
    v.condition ?? "",
    v.createdAt.toISOString(),
    v.doneAt?.toISOString() ?? "",
  ]);
  return [["ref", "member", "need", "when", "status", "volunteer", "condition", "requested_at", "done_at"], ...rows];
}
