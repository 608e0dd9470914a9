// Fresh one-time invite codes for every member of a club not yet linked to a chat.
import { type Db, write } from "../../db/client.ts";
import { issueInviteCode } from "./invite-codes.ts";

export type IssuedCode = { memberId: string; fullName: string; phone: string | null; code: string };

export class UnknownClubError extends Error {}

export async function issueClubCodes(db: Db, clubCode: string, now: Date): Promise<IssuedCode[]> {
  return write(db, async (tx) => {
    const club = await tx.club.findUnique({ where: { code: clubCode } });
    if (!club) throw new UnknownClubError(`no club with code ${clubCode}`);
    const members = await tx.member.findMany({
      where: { clubId: club.id, status: "active", accounts: { none: { linkedAt: { not: null } } } },
      orderBy: { fullName: "asc" },
    });
    // Only the newest code works: older unused ones expire now.
    await tx.inviteCode.updateMany({
      where: { memberId: { in: members.map((m) => m.id) }, usedAt: null, expiresAt: { gt: now }, kind: "member" },
      data: { expiresAt: now },
    });
    const issued: IssuedCode[] = [];
    for (const m of members) {
      issued.push({ memberId: m.id, fullName: m.fullName, phone: m.phone, code: await issueInviteCode(tx, m.id, now) });
    }
    return issued;
  });
}

/** A one-time proxy code: the relative or volunteer who sends it acts for this member of the club. */
export async function issueProxyCode(db: Db, clubCode: string, memberId: string, now: Date): Promise<IssuedCode> {
  return write(db, async (tx) => {
    const member = await tx.member.findFirst({ where: { id: memberId, club: { code: clubCode }, status: "active" } });
    if (!member) throw new UnknownClubError(`no active member ${memberId} in club ${clubCode}`);
    const code = await issueInviteCode(tx, member.id, now, { kind: "proxy" });
    return { memberId: member.id, fullName: member.fullName, phone: member.phone, code };
  });
}
