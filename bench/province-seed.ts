// A province of CLUBS clubs (500 by default) × 60 members with a year (2025) of records: meetings
// and attendance, loans with monthly repayments, funds, visits, weekly health reminders. Shared by
// the report and web-page benches.
import type { Prisma } from "../generated/prisma/client.ts";
import type { Db } from "../src/db/client.ts";

export const CLUBS = Number(process.env.CLUBS ?? 500);
export const MEMBERS = 60;
const CLUBS_PER_COMMUNE = 10;
const M = 1_000_000n;
const CHUNK = 5000;
const vn = (month: number, day: number, hour = 8) => new Date(Date.UTC(2025, month - 1, day, hour) - 7 * 3_600_000);

async function inChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

export async function seedProvince(db: Db): Promise<number> {
  const province = await db.province.create({ data: { name: "Tỉnh Mẫu" } });
  let rows = 0;
  for (let c = 0; c < CLUBS; c++) {
    const communeName = `Xã ${Math.floor(c / CLUBS_PER_COMMUNE) + 1}`;
    const commune = await db.commune.upsert({
      where: { provinceId_name: { provinceId: province.id, name: communeName } },
      create: { provinceId: province.id, name: communeName },
      update: {},
    });
    const clubId = `c${c}`;
    await db.club.create({ data: { id: clubId, code: `B-${c}`, name: `CLB ${c}`, communeId: commune.id } });
    const member = (i: number) => `m${c}-${i}`;
    const members = Array.from({ length: MEMBERS }, (_, i) => ({
      id: member(i),
      clubId,
      fullName: `Thành viên ${c}-${i}`,
      gender: i % 3 === 0 ? "M" : "F",
      birthYear: 1940 + (i % 40),
      hardship: i % 5 === 0 ? "poor" : null,
    }));
    const meetings = Array.from({ length: 12 }, (_, k) => ({
      id: `mt${c}-${k}`,
      clubId,
      startsAt: vn(k + 1, 15),
      place: "Nhà văn hóa",
      code: `M${c}X${k}`,
      activities: (c + k) % 2 === 0 ? "1,2,3,4,5,6,7,8" : "1,2,3",
      bpChecks: 30,
    }));
    const attendance = meetings.flatMap((m) =>
      members
        .slice(0, 45)
        .map((mm) => ({ meetingId: m.id, memberId: mm.id, status: "present", via: "rollcall", at: m.startsAt })),
    );
    const borrowers = members.slice(0, 25);
    const loans = borrowers.map((mm) => ({
      id: `l-${mm.id}`,
      clubId,
      memberId: mm.id,
      ref: `V-${mm.id}`,
      principal: 10n * M,
      rateBp: 100,
      termMonths: 10,
      method: "equal_principal",
      disbursedAt: vn(1, 10),
    }));
    const ledger: Prisma.LedgerEntryCreateManyInput[] = loans.flatMap((l, n) => [
      {
        clubId,
        loanId: l.id,
        memberId: l.memberId,
        kind: "disbursement",
        amount: 10n * M,
        at: vn(1, 10),
        idempotencyKey: `${l.id}-o`,
      },
      ...Array.from({ length: n % 4 === 0 ? 5 : 10 }, (_, k) => ({
        clubId,
        loanId: l.id,
        memberId: l.memberId,
        kind: "repayment",
        amount: -M,
        at: vn(k + 2, 12),
        idempotencyKey: `${l.id}-r${k}`,
      })),
    ]);
    ledger.push(
      { clubId, fund: "income", kind: "contribution", amount: BigInt(c % 80) * M, at: vn(3, 1), idempotencyKey: "fund-income" },
      { clubId, fund: "activity", kind: "contribution", amount: 5n * M, at: vn(3, 1), idempotencyKey: "fund-activity" },
    );
    const visits = Array.from({ length: 36 }, (_, k) => ({
      clubId,
      memberId: member(50 + (k % 10)),
      need: "company",
      when: "this_week",
      status: k % 3 === 0 ? "requested" : "done",
      createdAt: vn((k % 12) + 1, 5),
      doneAt: k % 3 === 0 ? null : vn((k % 12) + 1, 6),
    }));
    await db.member.createMany({ data: members });
    await db.meeting.createMany({ data: meetings });
    await inChunks(attendance, (chunk) => db.attendance.createMany({ data: chunk }));
    await db.loan.createMany({ data: loans });
    await inChunks(ledger, (chunk) => db.ledgerEntry.createMany({ data: chunk }));
    await db.visitRequest.createMany({ data: visits });
    const reminders = await Promise.all(
      members
        .slice(0, 6)
        .map((mm) => db.reminder.create({ data: { memberId: mm.id, kind: "medicine", timeOfDay: "08:00", days: "weekdays:1" } })),
    );
    const events = reminders.flatMap((r) =>
      Array.from({ length: 52 }, (_, w) => ({
        reminderId: r.id,
        dueAt: vn(1, 1 + w * 7),
        status: w % 4 === 0 ? "missed" : "done",
      })),
    );
    await db.reminderEvent.createMany({ data: events });
    rows += members.length + meetings.length + attendance.length + loans.length + ledger.length + visits.length + events.length;
    if ((c + 1) % 100 === 0) process.stderr.write(`seeded ${c + 1} clubs\n`);
  }
  return rows;
}
