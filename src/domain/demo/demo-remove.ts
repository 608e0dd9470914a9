// Take the demo clubs out of a database that got them: its members and everything about them, its
// meetings, loans, ledger, visits, notices and its people's personal records. Real clubs are untouched.
import { type Db, write } from "../../db/client.ts";
import { deletePersonalRecords } from "../members/personal-records.ts";
import { dropMessages } from "../outbox/queue.ts";
import { DEMO_CLUB_CODES } from "./demo-seed.ts";

export async function removeDemo(db: Db): Promise<{ members: number }> {
  return write(db, async (tx) => {
    const clubs = await tx.club.findMany({ where: { code: { in: DEMO_CLUB_CODES } }, select: { id: true } });
    if (clubs.length === 0) return { members: 0 };
    const clubId = { in: clubs.map((c) => c.id) };
    const members = (await tx.member.findMany({ where: { clubId }, select: { id: true } })).map((m) => m.id);
    const memberId = { in: members };
    await deletePersonalRecords(tx, members);
    const broadcasts = (await tx.broadcast.findMany({ where: { clubId }, select: { id: true } })).map((b) => b.id);
    const meetings = (await tx.meeting.findMany({ where: { clubId }, select: { id: true } })).map((m) => m.id);

    await tx.broadcastRecipient.deleteMany({ where: { broadcastId: { in: broadcasts } } });
    await dropMessages(tx, { broadcastIds: broadcasts });
    await tx.broadcast.deleteMany({ where: { id: { in: broadcasts } } });
    await tx.visitRequest.deleteMany({ where: { clubId } });
    await tx.helpRequest.deleteMany({ where: { OR: [{ clubId }, { memberId }] } });
    // Reversals point at the entries they undo: they go first.
    await tx.ledgerEntry.deleteMany({ where: { clubId, reversesId: { not: null } } });
    await tx.ledgerEntry.deleteMany({ where: { clubId } });
    await tx.loan.deleteMany({ where: { clubId } });
    await tx.attendance.deleteMany({ where: { OR: [{ meetingId: { in: meetings } }, { memberId }] } });
    await tx.meeting.deleteMany({ where: { clubId } });
    await tx.consent.deleteMany({ where: { memberId } });
    await tx.role.deleteMany({ where: { OR: [{ memberId }, { clubId }] } });
    await tx.auditLog.deleteMany({ where: { OR: [{ actorId: memberId }, { onBehalfOfId: memberId }] } });
    await tx.member.deleteMany({ where: { clubId } });
    await tx.club.deleteMany({ where: { id: clubId } });
    return { members: members.length };
  });
}
