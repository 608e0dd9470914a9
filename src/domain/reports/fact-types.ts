// What a report counts per club (the facts), and what each step that gathers them is given.
import type { Tx } from "../../db/client.ts";
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

/** A step's view: the clubs of one chunk, the period, and the club's facts to fold counts into. */
export type Scope = { tx: Tx; clubIds: string[]; period: Period; now: Date; club: (id: string) => ClubFacts };

export function emptyFacts(place: ClubPlace): ClubFacts {
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
