// Everything a report counts, per club and period, gathered in a few grouped queries (no row per
// attendance or ledger entry is loaded). Formulas (formulas.ts) add clubs' facts up for any area.
import type { Tx } from "../../db/client.ts";
import { ALL_ACTIVITIES } from "../meetings/activities.ts";
import { type ClubFacts, type ClubPlace, emptyFacts, type Scope } from "./fact-types.ts";
import { addLoans } from "./loan-facts.ts";
import { addMembers, addOwnReadings, addReminders } from "./member-facts.ts";
import type { Period } from "./period.ts";

export type { ClubFacts, ClubPlace } from "./fact-types.ts";

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
    await addReminders(scope);
    await addOwnReadings(scope);
  }
  return [...byClub.values()];
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
