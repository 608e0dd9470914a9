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
  /** Blood-pressure checks: taken at the meetings, and readings members typed themselves. */
  bpChecks: number;
};

export const ALL_ACTIVITIES = 8;
/** Ids per IN list: inside the parameter limit Prisma applies to SQLite (999), with room for the rest. */
const ID_CHUNK = 200;

/**
 * One query at a time, each folded into the clubs' facts and dropped: a province's year stays within a
 * small memory (no member, attendance or ledger row is held, only counts and sums per club or loan).
 */
export async function clubFacts(tx: Tx, places: ClubPlace[], period: Period, now: Date): Promise<ClubFacts[]> {
  const byClub = new Map(places.map((p) => [p.clubId, emptyFacts(p)]));
  const club = (id: string) => byClub.get(id) as ClubFacts;
  const clubIds = [...byClub.keys()];
  // A few hundred clubs at a time: IN lists stay inside the parameter limit and memory stays flat.
  for (let i = 0; i < clubIds.length; i += ID_CHUNK) {
    const scope = { tx, clubIds: clubIds.slice(i, i + ID_CHUNK), period, now, club };
    await addMembers(scope);
    await addMeetings(scope);
    await addLoans(scope);
    await addFunds(scope);
    await addVisits(scope);
  }
  await addReminders({ tx, clubIds, period, now, club });
  await addOwnReadings({ tx, clubIds, period, now, club });
  return [...byClub.values()];
}

type Scope = { tx: Tx; clubIds: string[]; period: Period; now: Date; club: (id: string) => ClubFacts };

/** Active members, women, aged 55+ in the period's last year, in hardship: counted in the database. */
async function addMembers({ tx, clubIds, period, club }: Scope): Promise<void> {
  const ageYear = new Date(period.end.getTime() + 7 * 3_600_000 - 1).getUTCFullYear();
  const active = { clubId: { in: clubIds }, status: "active" };
  const count = (where: object) => tx.member.groupBy({ by: ["clubId"], where: { ...active, ...where }, _count: true });
  for (const row of await count({})) club(row.clubId).members = row._count;
  for (const row of await count({ gender: "F" })) club(row.clubId).women = row._count;
  for (const row of await count({ birthYear: { lte: ageYear - 55 } })) club(row.clubId).aged55 = row._count;
  for (const row of await count({ hardship: { not: null } })) club(row.clubId).inHardship = row._count;
}

/** Meetings held (begun by now, not cancelled), check-ins, BP checks, months with all 8 activities. */
async function addMeetings({ tx, clubIds, period, now, club }: Scope): Promise<void> {
  const held = {
    clubId: { in: clubIds },
    status: { not: "cancelled" },
    startsAt: { gte: period.start, lt: new Date(Math.min(period.end.getTime(), now.getTime())) },
  };
  const present = await tx.attendance.groupBy({ by: ["meetingId"], where: { status: "present", meeting: held }, _count: true });
  const presentByMeeting = new Map(present.map((p) => [p.meetingId, p._count]));
  const meetings = await tx.meeting.findMany({
    where: held,
    select: { id: true, clubId: true, startsAt: true, activities: true, bpChecks: true },
  });
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
  for (const clubId of clubIds) {
    const f = club(clubId);
    f.months = monthsBegun;
    f.monthsWithAll8 = all8Months.get(clubId)?.size ?? 0;
  }
}

/** Balances at the start and end, borrowers in the period (and those in hardship), repaid, overdue. */
async function addLoans({ tx, clubIds, period, now, club }: Scope): Promise<void> {
  const { start, end } = period;
  const inClubs = { clubId: { in: clubIds } };
  const sums = async (at: { lt: Date }) =>
    new Map(
      (
        await tx.ledgerEntry.groupBy({ by: ["loanId"], where: { ...inClubs, loanId: { not: null }, at }, _sum: { amount: true } })
      ).map((r) => [r.loanId ?? "", r._sum.amount ?? 0n]),
    );
  const balanceAtEnd = await sums({ lt: end });
  const balanceAtStart = await sums({ lt: start });
  const repaid = await repayments(tx, clubIds, period);
  const loans = await tx.loan.findMany({
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
      member: { select: { status: true, hardship: true } },
    },
  });
  const asOf = new Date(Math.min(end.getTime(), now.getTime()));
  const borrowers = new Map<string, Set<string>>();
  const inHardship = new Set<string>();
  for (const loan of loans) {
    const f = club(loan.clubId);
    const owedAtEnd = balanceAtEnd.get(loan.id) ?? 0n;
    f.outstanding += owedAtEnd;
    const outInPeriod = loan.disbursedAt >= start || (balanceAtStart.get(loan.id) ?? 0n) > 0n;
    if (outInPeriod && loan.member.status === "active") {
      borrowers.set(loan.clubId, (borrowers.get(loan.clubId) ?? new Set<string>()).add(loan.memberId));
      if (loan.member.hardship) inHardship.add(loan.memberId);
    }
    if (owedAtEnd > 0n) {
      const terms = { ...loan, method: loan.method as "equal_principal" | "interest_only" };
      f.overdue += standing(schedule(terms), repaid.toEnd.get(loan.id) ?? 0n, asOf).overdue;
    }
  }
  for (const [clubId, set] of borrowers) {
    club(clubId).borrowers = set.size;
    club(clubId).hardshipBorrowers = [...set].filter((id) => inHardship.has(id)).length;
  }
  for (const [clubId, amount] of repaid.inPeriodByClub) club(clubId).repaid = amount;
}

/**
 * The income and activity funds at the end: contributions net of their reversals. Dues go to the
 * activity fund, as in the treasurer's totals.
 */
async function addFunds({ tx, clubIds, period, club }: Scope): Promise<void> {
  const funds = await tx.ledgerEntry.groupBy({
    by: ["clubId", "fund"],
    where: {
      clubId: { in: clubIds },
      fund: { in: ["income", "activity", "dues"] },
      kind: { in: ["contribution", "reversal"] },
      at: { lt: period.end },
    },
    _sum: { amount: true },
  });
  for (const row of funds) {
    if (row.fund === "income") club(row.clubId).incomeFund = row._sum.amount ?? 0n;
    else club(row.clubId).activityFund += row._sum.amount ?? 0n;
  }
}

/** "1,2,3,4,5,6,7,8" (any order) covers every activity. */
function coversAll(activities: string | null): boolean {
  const set = new Set((activities ?? "").split(",").filter((a) => a !== ""));
  return set.size === ALL_ACTIVITIES;
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

/** Home visits requested, made and escalated to the board in the period. */
async function addVisits({ tx, clubIds, period, club }: Scope): Promise<void> {
  const inPeriod = { gte: period.start, lt: period.end };
  const count = (where: object) =>
    tx.visitRequest.groupBy({ by: ["clubId"], where: { clubId: { in: clubIds }, ...where }, _count: true });
  const [requested, made, escalated] = await Promise.all([
    count({ createdAt: inPeriod }),
    count({ status: "done", doneAt: inPeriod }),
    count({ escalatedAt: inPeriod }),
  ]);
  for (const r of requested) club(r.clubId).visitsRequested = r._count;
  for (const r of made) club(r.clubId).visitsMade = r._count;
  for (const r of escalated) club(r.clubId).visitsEscalated = r._count;
}

/**
 * Readings members typed themselves in the period: blood-pressure checks too, added to those taken
 * at the meetings. Readings have no club: matched through their member, in chunks of ids.
 */
async function addOwnReadings({ tx, clubIds, period, club }: Scope): Promise<void> {
  const byMember = await tx.healthReading.groupBy({
    by: ["memberId"],
    where: { at: { gte: period.start, lt: period.end } },
    _count: true,
  });
  const inArea = new Set(clubIds);
  for (let i = 0; i < byMember.length; i += ID_CHUNK) {
    const part = byMember.slice(i, i + ID_CHUNK);
    const members = await tx.member.findMany({
      where: { id: { in: part.map((r) => r.memberId) } },
      select: { id: true, clubId: true },
    });
    const clubOfMember = new Map(members.filter((m) => inArea.has(m.clubId)).map((m) => [m.id, m.clubId]));
    for (const row of part) {
      const clubId = clubOfMember.get(row.memberId);
      if (clubId) club(clubId).bpChecks += row._count;
    }
  }
}

/** Health reminders sent in the period, and those the member answered (done, later or skip): not missed. */
async function addReminders({ tx, clubIds, period, club }: Scope): Promise<void> {
  const events = await tx.reminderEvent.groupBy({
    by: ["reminderId", "status"],
    where: { dueAt: { gte: period.start, lt: period.end } },
    _count: true,
  });
  // Reminders have no club: they are matched to the area through their member, in chunks of ids.
  const clubOfReminder = new Map<number, string>();
  const inArea = new Set(clubIds);
  const ids = [...new Set(events.map((e) => e.reminderId))];
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    const reminders = await tx.reminder.findMany({
      where: { id: { in: ids.slice(i, i + ID_CHUNK) } },
      select: { id: true, memberId: true },
    });
    const members = await tx.member.findMany({
      where: { id: { in: [...new Set(reminders.map((r) => r.memberId))] } },
      select: { id: true, clubId: true },
    });
    const clubOfMember = new Map(members.filter((m) => inArea.has(m.clubId)).map((m) => [m.id, m.clubId]));
    for (const r of reminders) {
      const clubId = clubOfMember.get(r.memberId);
      if (clubId) clubOfReminder.set(r.id, clubId);
    }
  }
  for (const e of events) {
    const clubId = clubOfReminder.get(e.reminderId);
    if (!clubId) continue; // another area's reminder
    const f = club(clubId);
    f.remindersDue += e._count;
    if (e.status !== "sent" && e.status !== "missed") f.remindersAcknowledged += e._count;
  }
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
