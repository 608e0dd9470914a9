// The indicators a plan may name (its `formula`), each computed from clubs' facts for any area.
// A percentage with nothing to count (no members, no meetings) is null: "no figure", never 0%.
import type { ClubFacts } from "./facts.ts";

export type Unit = "count" | "percent" | "vnd";
export type FormulaParams = { threshold?: number };
type Value = number | null;

type Formula = {
  unit: Unit;
  /** Parameters the plan must give (e.g. the fund threshold in VND). */
  needs?: Array<keyof FormulaParams>;
  compute(clubs: ClubFacts[], params: FormulaParams): Value;
};

const sum = (clubs: ClubFacts[], pick: (c: ClubFacts) => number) => clubs.reduce((n, c) => n + pick(c), 0);
const sumVnd = (clubs: ClubFacts[], pick: (c: ClubFacts) => bigint) => Number(clubs.reduce((n, c) => n + pick(c), 0n));
const percent = (part: number, whole: number): Value => (whole === 0 ? null : (100 * part) / whole);
const shareOfClubs = (clubs: ClubFacts[], test: (c: ClubFacts) => boolean) => percent(clubs.filter(test).length, clubs.length);

// The three shapes most indicators take.
type Pick = (c: ClubFacts) => number;
const count = (pick: Pick): Formula => ({ unit: "count", compute: (clubs) => sum(clubs, pick) });
const vnd = (pick: (c: ClubFacts) => bigint): Formula => ({ unit: "vnd", compute: (clubs) => sumVnd(clubs, pick) });
/** Σ part / Σ whole over the area's clubs, as a percentage. */
const ratio = (part: Pick, whole: Pick): Formula => ({
  unit: "percent",
  compute: (clubs) => percent(sum(clubs, part), sum(clubs, whole)),
});

export const FORMULAS: Record<string, Formula> = {
  clubs: { unit: "count", compute: (clubs) => clubs.length },
  members: count((c) => c.members),
  women_pct: ratio(
    (c) => c.women,
    (c) => c.members,
  ),
  aged55_pct: ratio(
    (c) => c.aged55,
    (c) => c.members,
  ),
  hardship_pct: ratio(
    (c) => c.inHardship,
    (c) => c.members,
  ),
  meetings_held: count((c) => c.meetingsHeld),
  attendance_pct: ratio(
    (c) => c.present,
    (c) => c.expected,
  ),
  /** Clubs that met every month of the period (begun so far) with all 8 activities. */
  clubs_monthly_all8_pct: {
    unit: "percent",
    compute: (clubs) => shareOfClubs(clubs, (c) => c.months > 0 && c.monthsWithAll8 >= c.months),
  },
  borrowers_pct: ratio(
    (c) => c.borrowers,
    (c) => c.members,
  ),
  hardship_borrowers_pct: ratio(
    (c) => c.hardshipBorrowers,
    (c) => c.inHardship,
  ),
  loans_outstanding: vnd((c) => c.outstanding),
  loans_repaid: vnd((c) => c.repaid),
  loans_overdue: vnd((c) => c.overdue),
  income_fund: vnd((c) => c.incomeFund),
  activity_fund: vnd((c) => c.activityFund),
  funds_total: vnd((c) => c.incomeFund + c.activityFund),
  income_fund_per_club: {
    unit: "vnd",
    compute: (clubs) => (clubs.length === 0 ? null : Math.round(sumVnd(clubs, (c) => c.incomeFund) / clubs.length)),
  },
  clubs_income_fund_pct: {
    unit: "percent",
    needs: ["threshold"],
    compute: (clubs, { threshold = 0 }) => shareOfClubs(clubs, (c) => Number(c.incomeFund) >= threshold),
  },
  clubs_both_funds_pct: {
    unit: "percent",
    compute: (clubs) => shareOfClubs(clubs, (c) => c.incomeFund > 0n && c.activityFund > 0n),
  },
  visits_requested: count((c) => c.visitsRequested),
  visits_made: count((c) => c.visitsMade),
  visits_escalated: count((c) => c.visitsEscalated),
  reminders_acknowledged_pct: ratio(
    (c) => c.remindersAcknowledged,
    (c) => c.remindersDue,
  ),
  bp_checks: count((c) => c.bpChecks),
};
