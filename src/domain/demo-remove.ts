// Take the demo club out of a database that got it: its members and everything about them, its
// meetings, loans, ledger, visits, notices and the chats linked to its people. Real clubs are untouched.
import { type Db, write } from "../db/client.ts";
import { DEMO_CLUB } from "./demo-seed.ts";

export async function removeDemo(db: Db): Promise<{ members: number }> {
  return write(db, async (tx) => {
    const club = await tx.club.findUnique({ where: { code: DEMO_CLUB.code } });
    if (!club) return { members: 0 };
    const clubId = club.id;
    const members = (await tx.member.findMany({ where: { clubId }, select: { id: true } })).map((m) => m.id);
    const memberId = { in: members };
    const accounts = await tx.channelAccount.findMany({
      where: { OR: [{ memberId }, { proxyLinks: { some: { memberId } } }] },
      select: { id: true, channel: true, chatId: true },
    });
    const accountId = { in: accounts.map((a) => a.id) };
    const broadcasts = (await tx.broadcast.findMany({ where: { clubId }, select: { id: true } })).map((b) => b.id);
    const meetings = (await tx.meeting.findMany({ where: { clubId }, select: { id: true } })).map((m) => m.id);

    await tx.broadcastRecipient.deleteMany({ where: { OR: [{ broadcastId: { in: broadcasts } }, { memberId }] } });
    await tx.outboxMessage.deleteMany({
      where: {
        OR: [{ broadcastId: { in: broadcasts } }, ...accounts.map((a) => ({ channel: a.channel, chatId: a.chatId }))],
      },
    });
    await tx.broadcast.deleteMany({ where: { id: { in: broadcasts } } });
    const reminders = (await tx.reminder.findMany({ where: { memberId }, select: { id: true } })).map((r) => r.id);
    await tx.reminderEvent.deleteMany({ where: { reminderId: { in: reminders } } });
    await tx.reminder.deleteMany({ where: { memberId } });
    await tx.healthReading.deleteMany({ where: { memberId } });
    await tx.visitRequest.deleteMany({ where: { clubId } });
    await tx.helpRequest.deleteMany({ where: { OR: [{ clubId }, { memberId }] } });
    // Reversals point at the entries they undo: they go first.
    await tx.ledgerEntry.deleteMany({ where: { clubId, reversesId: { not: null } } });
    await tx.ledgerEntry.deleteMany({ where: { clubId } });
    await tx.loan.deleteMany({ where: { clubId } });
    await tx.attendance.deleteMany({ where: { OR: [{ meetingId: { in: meetings } }, { memberId }] } });
    await tx.meeting.deleteMany({ where: { clubId } });
    await tx.proxyLink.deleteMany({ where: { OR: [{ memberId }, { accountId }] } });
    await tx.session.deleteMany({ where: { accountId } });
    await tx.channelAccount.deleteMany({ where: { id: accountId } });
    await tx.inviteCode.deleteMany({ where: { memberId } });
    await tx.consent.deleteMany({ where: { memberId } });
    await tx.role.deleteMany({ where: { OR: [{ memberId }, { clubId }] } });
    await tx.auditLog.deleteMany({ where: { OR: [{ actorId: memberId }, { onBehalfOfId: memberId }] } });
    await tx.member.deleteMany({ where: { clubId } });
    await tx.club.delete({ where: { id: clubId } });
    return { members: members.length };
  });
}
