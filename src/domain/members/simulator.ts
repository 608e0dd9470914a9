// The web chat simulator acts as demo members: list them, and link a simulator chat to one.
import { type Db, write } from "../../db/client.ts";
import { linkAccount } from "./link-account.ts";

export type Person = { id: string; fullName: string; roles: string[] };

export async function listPeople(db: Db): Promise<Person[]> {
  const members = await db.member.findMany({
    where: { status: "active" },
    include: { roles: true },
    orderBy: [{ clubId: "asc" }, { fullName: "asc" }],
    take: 200,
  });
  return members.map((m) => ({ id: m.id, fullName: m.fullName, roles: m.roles.map((r) => r.role) }));
}

/** The member a simulator chat is linked to, if any: a new person's chat once they have linked. */
export async function simulatorPerson(db: Db, user: string): Promise<Person | undefined> {
  const account = await db.channelAccount.findUnique({
    where: { channel_externalUserId: { channel: "webchat", externalUserId: user } },
    include: { member: { include: { roles: true } } },
  });
  const member = account?.linkedAt ? account.member : null;
  return member ? { id: member.id, fullName: member.fullName, roles: member.roles.map((r) => r.role) } : undefined;
}

/** Make sure simulator user `member-<id>` is linked to that member (dev/demo only). */
export async function linkSimulatorUser(db: Db, user: string, now: Date): Promise<boolean> {
  const memberId = user.slice("member-".length);
  return write(db, async (tx) => {
    const member = await tx.member.findUnique({ where: { id: memberId } });
    if (!member) return false;
    const account = await tx.channelAccount.upsert({
      where: { channel_externalUserId: { channel: "webchat", externalUserId: user } },
      create: { channel: "webchat", externalUserId: user, chatId: user },
      update: {},
    });
    if (account.memberId !== memberId) await linkAccount(tx, account.id, memberId, "simulator", now);
    return true;
  });
}
