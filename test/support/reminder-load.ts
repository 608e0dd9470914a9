// N members with health consent, a linked web chat and a daily 7:00 reminder due at `due`, in
// one club: used by the two-instance reminder test and bench/reminders.ts.
import { randomUUID } from "node:crypto";
import { type Db, write } from "../../src/db/client.ts";

/** Returns the members' ids. */
export async function seedReminders(db: Db, count: number, due: Date): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await write(db, async (tx) => {
    const province = await tx.province.create({ data: { name: "Tỉnh Nhắc" } });
    const commune = await tx.commune.create({ data: { provinceId: province.id, name: "Xã Nhắc" } });
    const club = await tx.club.create({ data: { code: "NHAC-01", name: "CLB Nhắc", communeId: commune.id } });
    for (let start = 0; start < count; start += 5000) {
      const part = ids.slice(start, start + 5000);
      await tx.member.createMany({
        data: part.map((id, i) => ({ id, clubId: club.id, fullName: `Thành Viên ${start + i}`, gender: "F", birthYear: 1950 })),
      });
      await tx.consent.createMany({
        data: part.map((memberId) => ({ memberId, purpose: "health", given: true, textVersion: 1, via: "board", at: due })),
      });
      await tx.channelAccount.createMany({
        data: part.map((memberId, i) => ({
          channel: "webchat",
          externalUserId: `member-r${start + i}`,
          chatId: `member-r${start + i}`,
          memberId,
          linkedAt: due,
        })),
      });
      await tx.reminder.createMany({
        data: part.map((memberId) => ({ memberId, kind: "medicine", timeOfDay: "07:00", days: "daily", nextAt: due })),
      });
    }
  });
  return ids;
}
