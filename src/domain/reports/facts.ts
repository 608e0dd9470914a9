// Everything a report counts, per club and period, gathered in a few grouped queries (no row per
// attendance or ledger entry is loaded). Formulas (formulas.ts) add clubs' facts up for any area.
import type { Tx } from "../../db/client.ts";
import { schedule, standing } from "../loans/schedule.ts";
import type { Period } from "./period.ts";

export type ClubPlace = {
  clubId: string;
  code: string;
  name: string;
  communeId: string;
  communeName: string;
  provinceId: string;
  provinceName: string;
};

export type ClubFacts = ClubPlace & {
  /** Active members today: the roster keeps no joining date. */
  members: number;
  women: number;
  /** Aged 55 or more in the period's last year. */
  aged55: number;
  inHardship: number;
  meetingsHeld: number;
  /** Check-ins at the meetings held, and members × meetings held. */
  present: number;
  expected: number;
  /** Months of the period begun by now, and those with a meeting that covered all 8 activities. */
  months: number;
  monthsWithAll8: number;
  /** Members with a loan out at some time in the period, and how many of them are in hardship. */
  borrowers: number;
  hardshipBorrowers: number;
  outstanding: bigint;
  repaid: bigint;
  overdue: bigint;
  incomeFund: bigint;
  activityFund: bigint;
  visitsRequested: number;
  visitsMade: number;
  visitsEscalated: number;
  /** Health reminders sent in the period, and those the member answered. */
  remindersDue: number;
  remindersAcknowledged: number;
  bpChecks: number;
};

export const ALL_ACTIVITIES = 8;

export async function clubFacts(tx: Tx, places: ClubPlace[], period: Period, now: Date): Promise<ClubFacts[]> {
  const clubIds = places.map((p) => p.clubId);
  const inClubs = { clubId: { in: clubIds } };
  const { start, end } = period;
  const heldUntil = new Date(Math.min(end.getTime(), now.getTime()));
  const ageYear = new Date(end.getTime() + 7 * 3_600_000 - 1).getUTCFullYear();

  const [members, meetings, present, loans, balancesAtEnd, balancesAtStart, repaidEntries, funds, visits] = await Promise.all([
    tx.member.findMany({
      where: { ...inClubs, status: "active" },
      select: { id: true, clubId: true, gender: true, birthYear: true, hardship: true },
    }),
    tx.meeting.findMany({
      where: { ...inClubs, status: { not: "cancelled" }, startsAt: { gte: start, lt: heldUntil } },
      select: { id: true, clubId: true, startsAt: true, activities: true, bpChecks: true },
    }),
    tx.attendance.groupBy({
      by: ["meetingId"],
      where: {
        status: "present",
        meeting: { ...inClubs, status: { not: "cancelled" }, startsAt: { gte: start, lt: heldUntil } },
      },
      _count: true,
    }),
    tx.loan.findMany({
      where: { ...inClubs, disbursedAt: { lt: end } },
      select: {
        id: true,
        clubId: true,
        memberId: true,
        principal: true,
        rateBp: true,
        termMonths: true,
        method: true,
        disbursedAt: true,
      },
    }),
    tx.ledgerEntry.groupBy({
      by: ["loanId"],
      where: { ...inClubs, loanId: { not: null }, at: { lt: end } },
      _sum: { amount: true },
    }),
    tx.ledgerEntry.groupBy({
      by: ["loanId"],
      where: { ...inClubs, loanId: { not: null }, at: { lt: start } },
      _sum: { amount: true },
    }),
    // Repayments and their reversals up to the end, by loan and by whether they fall in the period.
    repayments(tx, clubIds, period),
    tx.ledgerEntry.groupBy({
      by: ["clubId", "fund"],
      where: { ...inClubs, fund: { in: ["income", "activity"] }, kind: { in: ["contribution", "reversal"] }, at: { lt: end } },
      _sum: { amount: true },
    }),
    visitCounts(tx, clubIds, period),
  ]);
  const reminders = await reminderCounts(tx, new Map(members.map((m) => [m.id, m.clubId])), period);

  const byClub = new Map(places.map((p) => [p.clubId, emptyFacts(p)]));
  const club = (id: string) => byClub.get(id) as ClubFacts;
  const memberById = new Map(members.map((m) => [m.id, m]));
  for (const m of members) {
    const f = club(m.clubId);
    f.members += 1;
    if (m.gender === "F") f.women += 1;
    if (ageYear - m.birthYear >= 55) f.aged55 += 1;
    if (m.hardship) f.inHardship += 1;
  }

  const presentByMeeting = new Map(present.map((p) => [p.meetingId, p._count]));
  const all8Months = new Map<string, Set<number>>();
  for (const meeting of meetings) {
    const f = club(meeting.clubId);
    f.meetingsHeld += 1;
    f.present += presentByMeeting.get(meeting.id) ?? 0;
    f.expected += f.members;
    f.bpChecks += meeting.bpChecks ?? 0;
    if (coversAll(meeting.activities)) {
      const months = all8Months.get(meeting.clubId) ?? new Set<number>();
      months.add(period.monthIndex(meeting.startsAt));
      all8Months.set(meeting.clubId, months);
    }
  }
  const monthsBegun = period.monthsBegunBy(now);
  for (const f of byClub.values()) {
    f.months = monthsBegun;
    f.monthsWithAll8 = all8Months.get(f.clubId)?.size ?? 0;
  }

  const balanceAtEnd = sums(balancesAtEnd);
  const balanceAtStart = sums(balancesAtStart);
  const borrowers = new Map<string, Set<string>>();
  for (const loan of loans) {
    const f = club(loan.clubId);
    const owedAtEnd = balanceAtEnd.get(loan.id) ?? 0n;
    f.outstanding += owedAtEnd;
    const outInPeriod = loan.disbursedAt >= start || (balanceAtStart.get(loan.id) ?? 0n) > 0n;
    if (outInPeriod && memberById.has(loan.memberId)) {
      const set = borrowers.get(loan.clubId) ?? new Set<string>();
      set.add(loan.memberId);
      borrowers.set(loan.clubId, set);
    }
    if (owedAtEnd > 0n) {
      const terms = { ...loan, method: loan.method as "equal_principal" | "interest_only" };
      f.overdue += standing(schedule(terms), repaidEntries.toEnd.get(loan.id) ?? 0n, heldUntil).overdue;
    }
  }
  for (const [clubId, set] of borrowers) {
    const f = club(clubId);
    f.borrowers = set.size;
    f.hardshipBorrowers = [...set].filter((id) => memberById.get(id)?.hardship).length;
  }
  for (const [clubId, amount] of repaidEntries.inPeriodByClub) club(clubId).repaid = amount;
  for (const row of funds) {
    const f = club(row.clubId);
    if (row.fund === "income") f.incomeFund = row._sum.amount ?? 0n;
    if (row.fund === "activity") f.activityFund = row._sum.amount ?? 0n;
  }
  for (const [clubId, counts] of visits) Object.assign(club(clubId), counts);
  for (const [clubId, counts] of reminders) Object.assign(club(clubId), counts);
  return [...byClub.values()];
}

/** "1,2,3,4,5,6,7,8" (any order) covers every activity. */
function coversAll(activities: string | null): boolean {
  const set = new Set((activities ?? "").split(",").filter((a) => a !== ""));
  return set.size === ALL_ACTIVITIES;
}

function sums(rows: Array<{ loanId: string | null; _sum: { amount: bigint | null } }>): Map<string, bigint> {
  return new Map(rows.map((r) => [r.loanId ?? "", r._sum.amount ?? 0n]));
}

/** Repaid (a positive sum, net of reversed repayments): per loan up to `end`, per club within the period. */
async function repayments(tx: Tx, clubIds: string[], period: Period) {
  const where = (at: { gte?: Date; lt: Date }) => ({
    clubId: { in: clubIds },
    at,
    OR: [{ kind: "repayment" }, { kind: "reversal", reverses: { kind: "repayment" } }],
  });
  const [perLoan, perClub] = await Promise.all([
    tx.ledgerEntry.groupBy({ by: ["loanId"], where: where({ lt: period.end }), _sum: { amount: true } }),
    tx.ledgerEntry.groupBy({ by: ["clubId"], where: where({ gte: period.start, lt: period.end }), _sum: { amount: true } }),
  ]);
  return {
    toEnd: new Map(perLoan.map((r) => [r.loanId ?? "", -(r._sum.amount ?? 0n)])),
    inPeriodByClub: new Map(perClub.map((r) => [r.clubId, -(r._sum.amount ?? 0n)])),
  };
}

type Counts<K extends keyof ClubFacts> = Map<string, Pick<ClubFacts, K>>;

async function visitCounts(
  tx: Tx,
  clubIds: string[],
  { start, end }: Period,
): Promise<Counts<"visitsRequested" | "visitsMade" | "visitsEscalated">> {
  const inPeriod = { gte: start, lt: end };
  const count = (where: object) =>
    tx.visitRequest.groupBy({ by: ["clubId"], where: { clubId: { in: clubIds }, ...where }, _count: true });
  const [requested, made, escalated] = await Promise.all([
    count({ createdAt: inPeriod }),
    count({ status: "done", doneAt: inPeriod }),
    count({ escalatedAt: inPeriod }),
  ]);
  const result: Counts<"visitsRequested" | "visitsMade" | "visitsEscalated"> = new Map();
  const at = (clubId: string) => {
    const counts = result.get(clubId) ?? { visitsRequested: 0, visitsMade: 0, visitsEscalated: 0 };
    result.set(clubId, counts);
    return counts;
  };
  for (const r of requested) at(r.clubId).visitsRequested = r._count;
  for (const r of made) at(r.clubId).visitsMade = r._count;
  for (const r of escalated) at(r.clubId).visitsEscalated = r._count;
  return result;
}

/** Health reminders due in the period, and those the member answered (done, later or skip): not missed. */
async function reminderCounts(
  tx: Tx,
  clubOfMember: Map<string, string>,
  { start, end }: Period,
): Promise<Counts<"remindersDue" | "remindersAcknowledged">> {
  // Reminders have no club: they are matched to the area through their member.
  const reminders = await tx.reminder.findMany({ select: { id: true, memberId: true } });
  const clubOf = new Map(reminders.map((r) => [r.id, clubOfMember.get(r.memberId)]));
  const events = await tx.reminderEvent.groupBy({
    by: ["reminderId", "status"],
    where: { dueAt: { gte: start, lt: end } },
    _count: true,
  });
  const result: Counts<"remindersDue" | "remindersAcknowledged"> = new Map();
  for (const e of events) {
    const clubId = clubOf.get(e.reminderId);
    if (!clubId) continue; // another area's reminder
    const counts = result.get(clubId) ?? { remindersDue: 0, remindersAcknowledged: 0 };
    counts.remindersDue += e._count;
    if (e.status !== "sent" && e.status !== "missed") counts.remindersAcknowledged += e._count;
    result.set(clubId, counts);
  }
  return result;
}

function emptyFacts(place: ClubPlace): ClubFacts {
  return {
    ...place,
    members: 0,
    women: 0,
    aged55: 0,
    inHardship: 0,
    meetingsHeld: 0,
    present: 0,
    expected: 0,
    months: 0,
    monthsWithAll8: 0,
    borrowers: 0,
    hardshipBorrowers: 0,
    outstanding: 0n,
    repaid: 0n,
    overdue: 0n,
    incomeFund: 0n,
    activityFund: 0n,
    visitsRequested: 0,
    visitsMade: 0,
    visitsEscalated: 0,
    remindersDue: 0,
    remindersAcknowledged: 0,
    bpChecks: 0,
  };
}
