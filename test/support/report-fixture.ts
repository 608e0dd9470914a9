// A province of 3 communes × 4 clubs × 60 members with a year (2025) of known records, built so
// every indicator can be worked out by hand (see test/domain/reports.test.ts for the sums).
// Club c (0-11) is in commune floor(c/4); member i (0-59) of a club:
// - women: i < 30 + c; born 1950 (aged 55+) when i < 40, else 1980; poor when i < 5, near poor when i < 10;
// - meetings on the 15th of each month at 08:00: present when i < 40 + c; 20 + c BP checks; all 8 activities
//   when c % 3 = 0, all but February when c % 3 = 1, only 1-3 when c % 3 = 2; club 0 also has a cancelled one;
// - loans of 10M on 10 Jan, 10 equal monthly installments without interest: i = 0-2 (poor) repay Feb-Jun only,
//   i = 10 … 29 + c % 4 repay 1M on the 12th of Feb-Nov; club 0 records one wrong 2M repayment in Nov and reverses it;
// - funds on 1 March: income (c + 1) × 5M, activity 1M when c is even;
// - visits: one requested and done in March, two requested on 5 Nov (one done on 6 Nov), clubs 0-2 escalate one;
// - health reminders: in March 10 events all missed; in November 7 done, 1 skipped, 2 missed.
import type { Db } from "../../src/db/client.ts";

export const FIXTURE_PROVINCE = "Lạng Sơn";
export const FIXTURE_COMMUNES = ["Hữu Lũng", "Chi Lăng", "Cao Lộc"];
export const CLUBS = 12;
export const MEMBERS = 60;
const M = 1_000_000n;

/** 2025-MM-DD HH:MM in Vietnam. */
const vn = (month: number, day: number, hour = 8) => new Date(Date.UTC(2025, month - 1, day, hour) - 7 * 3_600_000);

export async function seedReportFixture(db: Db): Promise<void> {
  const province = await db.province.create({ data: { name: FIXTURE_PROVINCE } });
  const communes = [];
  for (const name of FIXTURE_COMMUNES) communes.push(await db.commune.create({ data: { name, provinceId: province.id } }));
  for (let c = 0; c < CLUBS; c++) {
    const clubId = `club-${c}`;
    await db.club.create({
      data: {
        id: clubId,
        code: `LS-${String(c).padStart(2, "0")}`,
        name: `CLB số ${c}`,
        communeId: communes[Math.floor(c / 4)]?.id as string,
      },
    });
    const member = (i: number) => `m-${c}-${i}`;
    await db.member.createMany({
      data: Array.from({ length: MEMBERS }, (_, i) => ({
        id: member(i),
        clubId,
        fullName: `Thành viên ${c}-${i}`,
        gender: i < 30 + c ? "F" : "M",
        birthYear: i < 40 ? 1950 : 1980,
        hardship: i < 5 ? "poor" : i < 10 ? "near_poor" : null,
      })),
    });
    for (let month = 1; month <= 12; month++) {
      const all = "1,2,3,4,5,6,7,8";
      const activities = c % 3 === 0 ? all : c % 3 === 1 ? (month === 2 ? "1,2,3,4,5,6,7" : all) : "1,2,3";
      const meetingId = `mt-${c}-${month}`;
      await db.meeting.create({
        data: {
          id: meetingId,
          clubId,
          startsAt: vn(month, 15),
          place: "Nhà văn hóa",
          code: `F${c}M${month}`,
          activities,
          bpChecks: 20 + c,
        },
      });
      await db.attendance.createMany({
        data: Array.from({ length: MEMBERS }, (_, i) => ({
          meetingId,
          memberId: member(i),
          status: i < 40 + c ? "present" : "absent",
          via: "rollcall",
          at: vn(month, 15),
        })),
      });
    }
    if (c === 0) {
      await db.meeting.create({
        data: {
          clubId,
          startsAt: vn(11, 25),
          place: "Nhà văn hóa",
          code: "F0X",
          status: "cancelled",
          activities: "1,2,3,4,5,6,7,8",
          bpChecks: 99,
        },
      });
    }
    await seedLoans(db, c, clubId, member);
    await db.ledgerEntry.createMany({
      data: [
        {
          clubId,
          fund: "income",
          kind: "contribution",
          amount: BigInt(c + 1) * 5n * M,
          idempotencyKey: "fund-income",
          at: vn(3, 1),
        },
        ...(c % 2 === 0
          ? [{ clubId, fund: "activity", kind: "contribution", amount: M, idempotencyKey: "fund-activity", at: vn(3, 1) }]
          : []),
      ],
    });
    await db.visitRequest.createMany({
      data: [
        {
          clubId,
          memberId: member(50),
          need: "clinic",
          when: "2025-03-10",
          status: "done",
          createdAt: vn(3, 5),
          doneAt: vn(3, 10),
        },
        {
          clubId,
          memberId: member(51),
          need: "shopping",
          when: "2025-11-06",
          status: "done",
          createdAt: vn(11, 5),
          doneAt: vn(11, 6),
        },
        {
          clubId,
          memberId: member(52),
          need: "company",
          when: "this_week",
          createdAt: vn(11, 5),
          escalatedAt: c < 3 ? vn(11, 5, 16) : null,
        },
      ],
    });
    const reminder = await db.reminder.create({
      data: { memberId: member(0), kind: "medicine", timeOfDay: "08:00", days: "daily" },
    });
    const statuses = ["done", "done", "done", "done", "done", "done", "done", "skipped", "missed", "missed"];
    await db.reminderEvent.createMany({
      data: [
        ...statuses.map((status, d) => ({ reminderId: reminder.id, dueAt: vn(11, d + 1), status })),
        ...statuses.map((_, d) => ({ reminderId: reminder.id, dueAt: vn(3, d + 1), status: "missed" })),
      ],
    });
  }
}

async function seedLoans(db: Db, c: number, clubId: string, member: (i: number) => string): Promise<void> {
  const borrowers = [0, 1, 2, ...Array.from({ length: 20 + (c % 4) }, (_, k) => 10 + k)];
  for (const i of borrowers) {
    const loanId = `loan-${c}-${i}`;
    await db.loan.create({
      data: {
        id: loanId,
        clubId,
        memberId: member(i),
        ref: `V-${i}`,
        principal: 10n * M,
        rateBp: 0,
        termMonths: 10,
        method: "equal_principal",
        disbursedAt: vn(1, 10),
      },
    });
    const lastMonth = i < 3 ? 6 : 11;
    const entry = (kind: string, amount: bigint, at: Date, key: string) => ({
      clubId,
      loanId,
      memberId: member(i),
      kind,
      amount,
      at,
      idempotencyKey: `${loanId}-${key}`,
    });
    await db.ledgerEntry.createMany({
      data: [
        entry("disbursement", 10n * M, vn(1, 10), "out"),
        ...Array.from({ length: lastMonth - 1 }, (_, k) => entry("repayment", -M, vn(k + 2, 12, 9), `r${k + 2}`)),
      ],
    });
    if (c === 0 && i === 10) {
      const wrong = await db.ledgerEntry.create({ data: entry("repayment", -2n * M, vn(11, 20), "wrong") });
      await db.ledgerEntry.create({ data: { ...entry("reversal", 2n * M, vn(11, 21), "undo"), reversesId: wrong.id } });
    }
  }
}
