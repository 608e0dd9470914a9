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

export const FORMULAS: Record<string, Formula> = {
  clubs: { unit: "count", compute: (clubs) => clubs.length },
  members: { unit: "count", compute: (clubs) => sum(clubs, (c) => c.members) },
  women_pct: {
    unit: "percent",
    compute: (clubs) =>
      percent(
        sum(clubs, (c) => c.women),
        sum(clubs, (c) => c.members),
      ),
  },
  aged55_pct: {
    unit: "percent",
    compute: (clubs) =>
      percent(
        sum(clubs, (c) => c.aged55),
        sum(clubs, (c) => c.members),
      ),
  },
  hardship_pct: {
    unit: "percent",
    compute: (clubs) =>
      percent(
        sum(clubs, (c) => c.inHardship),
        sum(clubs, (c) => c.members),
      ),
  },
  meetings_held: { unit: "count", compute: (clubs) => sum(clubs, (c) => c.meetingsHeld) },
  attendance_pct: {
    unit: "percent",
    compute: (clubs) =>
      percent(
        sum(clubs, (c) => c.present),
        sum(clubs, (c) => c.expected),
      ),
  },
  /** Clubs that met every month of the period (begun so far) with all 8 activities. */
  clubs_monthly_all8_pct: {
    unit: "percent",
    compute: (clubs) => shareOfClubs(clubs, (c) => c.months > 0 && c.monthsWithAll8 >= c.months),
  },
  borrowers_pct: {
    unit: "percent",
    compute: (clubs) =>
      percent(
        sum(clubs, (c) => c.borrowers),
        sum(clubs, (c) => c.members),
      ),
  },
  hardship_borrowers_pct: {
    unit: "percent",
    compute: (clubs) =>
      percent(
        sum(clubs, (c) => c.hardshipBorrowers),
        sum(clubs, (c) => c.inHardship),
      ),
  },
  loans_outstanding: { unit: "vnd", compute: (clubs) => sumVnd(clubs, (c) => c.outstanding) },
  loans_repaid: { unit: "vnd", compute: (clubs) => sumVnd(clubs, (c) => c.repaid) },
  loans_overdue: { unit: "vnd", compute: (clubs) => sumVnd(clubs, (c) => c.overdue) },
  income_fund: { unit: "vnd", compute: (clubs) => sumVnd(clubs, (c) => c.incomeFund) },
  activity_fund: { unit: "vnd", compute: (clubs) => sumVnd(clubs, (c) => c.activityFund) },
  funds_total: { unit: "vnd", compute: (clubs) => sumVnd(clubs, (c) => c.incomeFund + c.activityFund) },
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
  visits_requested: { unit: "count", compute: (clubs) => sum(clubs, (c) => c.visitsRequested) },
  visits_made: { unit: "count", compute: (clubs) => sum(clubs, (c) => c.visitsMade) },
  visits_escalated: { unit: "count", compute: (clubs) => sum(clubs, (c) => c.visitsEscalated) },
  reminders_acknowledged_pct: {
    unit: "percent",
    compute: (clubs) =>
      percent(
        sum(clubs, (c) => c.remindersAcknowledged),
        sum(clubs, (c) => c.remindersDue),
      ),
  },
  bp_checks: { unit: "count", compute: (clubs) => sum(clubs, (c) => c.bpChecks) },
};
