// The roster `FLOWS=all` runs on: one commune of CLUBS clubs whose members are spread over them by
// chat index; most are members, every 20th a volunteer, a treasurer or a board member (all members
// too); most gave health and loan consent on paper, a quarter did not (they meet the consent
// question). Clubs differ as real ones do: the first two have a meeting open for check-in and a
// meeting notice to answer, the third had its meeting yesterday, the fourth has none planned. A third
// of the members hold a loan with a repayment on it.
import { chunks } from "../src/db/bulk.ts";
import { type Db, write } from "../src/db/client.ts";
import { FIRST_CHAT } from "../test/support/broadcast-load.ts";

export const CLUBS = 4;

/** The role a chat plays, from its index: the same in the seed and in the scripts. */
export type BenchRole = "member" | "volunteer" | "treasurer" | "board";
export function roleOf(index: number): BenchRole {
  const r = index % 20;
  return r === 1 ? "volunteer" : r === 2 ? "treasurer" : r === 3 ? "board" : "member";
}

/** The member's name: the treasurer's search types it back. */
export function nameOf(index: number): string {
  return `Thành viên ${String(index).padStart(5, "0")}`;
}

export async function seedFlowsRoster(db: Db, chats: number): Promise<void> {
  const now = Date.now();
  await write(db, async (tx) => {
    const province = await tx.province.create({ data: { name: "Tỉnh Thử" } });
    const commune = await tx.commune.create({ data: { provinceId: province.id, name: "Xã Thử" } });
    const clubs: Array<{ id: string }> = [];
    for (let c = 0; c < CLUBS; c++) {
      clubs.push(await tx.club.create({ data: { communeId: commune.id, code: `FLW-${c}`, name: `CLB Thử ${c}` } }));
    }
    const meetings = [
      { clubId: clubs[0]?.id as string, startsAt: new Date(now + 30 * 60_000), place: "Nhà văn hóa", code: "FLW0" },
      { clubId: clubs[1]?.id as string, startsAt: new Date(now + 20 * 60_000), place: "Nhà văn hóa", code: "FLW1" },
      { clubId: clubs[2]?.id as string, startsAt: new Date(now - 26 * 3600_000), place: "Nhà văn hóa", code: "FLW2" },
    ];
    const madeMeetings = await tx.meeting.createManyAndReturn({ data: meetings, select: { id: true, clubId: true } });
    const ids = Array.from({ length: chats }, (_, i) => i);
    const memberIds: string[] = [];
    for (const part of chunks(ids, 500)) {
      const made = await tx.member.createManyAndReturn({
        data: part.map((i) => ({
          clubId: clubs[i % CLUBS]?.id as string,
          fullName: nameOf(i),
          gender: i % 3 === 0 ? "M" : "F",
          birthYear: 1940 + (i % 60),
          language: i % 10 === 0 ? "en" : "vi",
        })),
        select: { id: true },
      });
      memberIds.push(...made.map((m) => m.id));
    }
    for (const part of chunks(ids, 500)) {
      const member = (i: number) => memberIds[i] as string;
      await tx.role.createMany({
        data: part.filter((i) => roleOf(i) !== "member").map((i) => ({ memberId: member(i), role: roleOf(i) })),
      });
      await tx.consent.createMany({
        data: part.flatMap((i) =>
          (i % 4 === 3 ? ["membership"] : ["membership", "health", "loans"]).map((purpose) => ({
            memberId: member(i),
            purpose,
            given: true,
            via: "board",
            textVersion: 1,
          })),
        ),
      });
      await tx.channelAccount.createMany({
        data: part.map((i) => {
          const chat = String(FIRST_CHAT + i);
          return { channel: "telegram", externalUserId: chat, chatId: chat, memberId: member(i), linkedAt: new Date(now) };
        }),
      });
      const borrowers = part.filter((i) => i % 3 === 0);
      const loans = await tx.loan.createManyAndReturn({
        data: borrowers.map((i) => ({
          clubId: clubs[i % CLUBS]?.id as string,
          memberId: member(i),
          ref: `V-${i}`,
          principal: 3_000_000n,
          rateBp: 100,
          termMonths: 10,
          method: "equal_principal",
          disbursedAt: new Date(now - 60 * 86_400_000),
        })),
        select: { id: true, clubId: true, memberId: true },
      });
      await tx.ledgerEntry.createMany({
        data: loans.flatMap((l) => [
          {
            clubId: l.clubId,
            loanId: l.id,
            memberId: l.memberId,
            kind: "disbursement",
            amount: 3_000_000n,
            idempotencyKey: `out:${l.id}`,
            at: new Date(now - 60 * 86_400_000),
          },
          {
            clubId: l.clubId,
            loanId: l.id,
            memberId: l.memberId,
            kind: "repayment",
            amount: -300_000n,
            idempotencyKey: `in:${l.id}`,
            at: new Date(now - 30 * 86_400_000),
          },
        ]),
      });
    }
    // A meeting notice in the clubs with a meeting ahead, so «sẽ đến» has something to answer.
    for (const meeting of madeMeetings.slice(0, 2)) {
      const author = ids.find((i) => roleOf(i) === "board" && clubs[i % CLUBS]?.id === meeting.clubId) ?? 3;
      const authorAccount = await tx.channelAccount.findFirstOrThrow({ where: { memberId: memberIds[author] } });
      const notice = await tx.broadcast.create({
        data: {
          clubId: meeting.clubId,
          authorId: memberIds[author] as string,
          authorAccountId: authorAccount.id,
          template: "meeting",
          audience: "all",
          meetingId: meeting.id,
          sendAt: new Date(now - 3600_000),
          status: "done",
          doneAt: new Date(now - 3000_000),
        },
      });
      for (const part of chunks(
        ids.filter((i) => clubs[i % CLUBS]?.id === meeting.clubId),
        500,
      )) {
        await tx.broadcastRecipient.createMany({
          data: part.map((i) => ({ broadcastId: notice.id, memberId: memberIds[i] as string })),
        });
      }
    }
  });
}
