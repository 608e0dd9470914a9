// Meetings and attendance: the check-in window, the next meeting, and one Attendance per member.
import { randomInt } from "node:crypto";
import { Prisma } from "../../../generated/prisma/client.ts";
import { newId } from "../../db/bulk.ts";
import { type Tx, writesSoFar } from "../../db/client.ts";
import { query } from "../../db/direct.ts";
import { dateOf, intOf, sqlDate } from "../../db/raw.ts";
import type { ClubRef } from "../actors/access.ts";
import { audit } from "../audit/audit.ts";
import { CODE_ALPHABET } from "../invites/invite-codes.ts";
import { scheduleMeetingJobs } from "./meeting-jobs.ts";

export type Via = "menu" | "code" | "link" | "proxy" | "rollcall";
type MeetingWithClub = {
  id: string;
  startsAt: Date;
  clubId: string;
  club: { checkInOpensMin: number; checkInClosesMin: number };
};

export function isOpen(meeting: MeetingWithClub, now: Date): boolean {
  const opens = meeting.startsAt.getTime() - meeting.club.checkInOpensMin * 60_000;
  const closes = meeting.startsAt.getTime() + meeting.club.checkInClosesMin * 60_000;
  return now.getTime() >= opens && now.getTime() <= closes;
}

type MeetingRow = {
  id: string;
  clubId: string;
  startsAt: string | Date;
  place: string;
  status: string;
  checkInOpensMin: number | bigint;
  checkInClosesMin: number | bigint;
  presentAt?: string | Date | null;
  communeId?: string;
  provinceId?: string;
};

/** A meeting with its club's check-in window, as the check-in path needs it. */
export type MeetingWithWindow = MeetingWithClub & { place: string; status: string };

function meetingOf(row: MeetingRow): MeetingWithWindow {
  return {
    id: row.id,
    clubId: row.clubId,
    startsAt: dateOf(row.startsAt),
    place: row.place,
    status: row.status,
    club: { checkInOpensMin: intOf(row.checkInOpensMin), checkInClosesMin: intOf(row.checkInClosesMin) },
  };
}

// Check-in runs for every member at every meeting, often all at once: these reads are raw SQL
// (one statement) rather than the query builder (two statements with the club, and its compiler).
// A burst brings a club's members in the same batch: its meetings around now and who is present at
// them are read once per transaction and kept for it, until the transaction writes meetings or
// attendance other than through recordAttendance here (which keeps the copy).

/** Meetings of a club whose check-in window holds `now`, earliest first. */
export async function openMeetings(tx: Tx, clubId: string, now: Date): Promise<MeetingWithWindow[]> {
  return (await meetingsNow(tx, clubId, "", now)).open.map((m) => m.meeting);
}

/** A club's meetings of the day around now, who was present at each (by member id), and its next meeting. */
type ClubMeetings = { near: MeetingWithWindow[]; present: Map<string, Date>; next?: MeetingWithWindow };
const MEETING_TABLES = ["Meeting", "Attendance"];
/** Per transaction, per club and moment: the copy and the transaction's writes to meetings when it was taken. */
const kept = new WeakMap<Tx, Map<string, { club: ClubMeetings; writes: number }>>();
const presentKey = (meetingId: string, memberId: string) => `${meetingId}:${memberId}`;

/**
 * The club's meetings open now, each with when the member was marked present at it, and its next
 * scheduled meeting (what a member hears when none is open).
 */
export async function meetingsNow(
  tx: Tx,
  clubId: string,
  memberId: string,
  now: Date,
): Promise<{ open: Array<{ meeting: MeetingWithWindow; presentAt?: Date }>; next?: MeetingWithWindow }> {
  const { near, present, next } = await clubMeetings(tx, clubId, now);
  return {
    open: near
      .filter((meeting) => isOpen(meeting, now))
      .map((meeting) => ({ meeting, presentAt: present.get(presentKey(meeting.id, memberId)) })),
    next,
  };
}

async function clubMeetings(tx: Tx, clubId: string, now: Date): Promise<ClubMeetings> {
  const writes = writesSoFar(tx, MEETING_TABLES);
  const key = `${clubId}:${now.getTime()}`;
  const copy = kept.get(tx)?.get(key);
  if (copy && copy.writes === writes) return copy.club;
  const club = await readClubMeetings(tx, clubId, now);
  if (writes !== undefined) {
    const copies = kept.get(tx) ?? new Map();
    copies.set(key, { club, writes });
    kept.set(tx, copies);
  }
  return club;
}

/** One statement: the meetings of the day around now, one row per member present at each (or one without), and the next. */
async function readClubMeetings(tx: Tx, clubId: string, now: Date): Promise<ClubMeetings> {
  const day = 86_400_000;
  // The next meeting's "presentAt" and "memberId" are NULLs of a column's type (CASE): a bare NULL in
  // a subquery is text on PostgreSQL, which the union refuses for a date.
  const rows = await query<MeetingRow & { memberId: string | null; kind: string }>(
    tx,
    Prisma.sql`
    SELECT m."id", m."clubId", m."startsAt", m."place", m."status", c."checkInOpensMin", c."checkInClosesMin",
           a."at" AS "presentAt", a."memberId", 'near' AS "kind"
    FROM "Meeting" m JOIN "Club" c ON c."id" = m."clubId"
    LEFT JOIN "Attendance" a ON a."meetingId" = m."id" AND a."status" = 'present'
    WHERE m."clubId" = ${clubId} AND m."status" = 'scheduled'
      AND m."startsAt" >= ${sqlDate(new Date(now.getTime() - day))} AND m."startsAt" <= ${sqlDate(new Date(now.getTime() + day))}
    UNION ALL
    SELECT * FROM (
      SELECT m."id", m."clubId", m."startsAt", m."place", m."status", c."checkInOpensMin", c."checkInClosesMin",
             CASE WHEN 1 = 0 THEN m."startsAt" END AS "presentAt", CASE WHEN 1 = 0 THEN m."clubId" END AS "memberId", 'next' AS "kind"
      FROM "Meeting" m JOIN "Club" c ON c."id" = m."clubId"
      WHERE m."clubId" = ${clubId} AND m."status" = 'scheduled' AND m."startsAt" > ${sqlDate(now)}
      ORDER BY m."startsAt" ASC LIMIT 1) AS upcoming
    ORDER BY "startsAt" ASC`,
  );
  const near = new Map<string, MeetingWithWindow>();
  const present = new Map<string, Date>();
  let next: MeetingWithWindow | undefined;
  for (const row of rows) {
    if (row.kind === "next") next = meetingOf(row);
    else {
      if (!near.has(row.id)) near.set(row.id, meetingOf(row));
      if (row.memberId && row.presentAt) present.set(presentKey(row.id, row.memberId), dateOf(row.presentAt));
    }
  }
  return { near: [...near.values()], present, next };
}

/** After recordAttendance's own write: the kept copies of this transaction learn of it instead of being read again. */
function keepAttendance(tx: Tx, writesBefore: number | undefined, meetingId: string, memberId: string, at?: Date): void {
  const copies = kept.get(tx);
  const writes = writesSoFar(tx, MEETING_TABLES);
  if (!copies || writesBefore === undefined || writes === undefined) return;
  for (const copy of copies.values()) {
    // A write of someone else's since the copy was taken: it is read again.
    if (copy.writes !== writesBefore) continue;
    copy.writes = writes;
    if (at && copy.club.near.some((m) => m.id === meetingId)) copy.club.present.set(presentKey(meetingId, memberId), at);
  }
}

/** One meeting with its club's check-in window and where the club sits (for access checks). */
export async function meetingWithWindow(
  tx: Tx,
  meetingId: string,
): Promise<(MeetingWithWindow & { clubRef: ClubRef }) | undefined> {
  const [row] = await query<MeetingRow>(
    tx,
    Prisma.sql`
    SELECT m."id", m."clubId", m."startsAt", m."place", m."status", c."checkInOpensMin", c."checkInClosesMin",
           c."communeId", co."provinceId"
    FROM "Meeting" m JOIN "Club" c ON c."id" = m."clubId" JOIN "Commune" co ON co."id" = c."communeId"
    WHERE m."id" = ${meetingId}`,
  );
  if (!row) return undefined;
  return { ...meetingOf(row), clubRef: { id: row.clubId, communeId: row.communeId ?? "", provinceId: row.provinceId ?? "" } };
}

export async function nextMeeting(tx: Tx, clubId: string, now: Date) {
  return tx.meeting.findFirst({ where: { clubId, status: "scheduled", startsAt: { gt: now } }, orderBy: { startsAt: "asc" } });
}

export type CheckInResult = { status: "checked_in" | "already"; at: Date };

/** One Attendance per (meeting, member); a second check-in reports the first, never a new row. */
export async function recordAttendance(
  tx: Tx,
  entry: {
    meetingId: string;
    memberId: string;
    via: Via;
    recordedById?: string;
    status?: "present" | "absent" | "excused";
    at: Date;
  },
): Promise<CheckInResult> {
  const status = entry.status ?? "present";
  const recordedById = entry.recordedById ?? null;
  const writesBefore = writesSoFar(tx, MEETING_TABLES);
  // One statement: a new mark, or an absent/excused one turned into this; a "present" stays as it was.
  const written = await query<{ at: string | Date }>(
    tx,
    Prisma.sql`
    INSERT INTO "Attendance" ("id", "meetingId", "memberId", "status", "via", "recordedById", "at")
    VALUES (${newId()}, ${entry.meetingId}, ${entry.memberId}, ${status}, ${entry.via}, ${recordedById}, ${sqlDate(entry.at)})
    ON CONFLICT ("meetingId", "memberId") DO UPDATE SET
      "status" = excluded."status", "via" = excluded."via", "recordedById" = excluded."recordedById", "at" = excluded."at"
    WHERE "Attendance"."status" <> 'present'
    RETURNING "at"`,
  );
  keepAttendance(
    tx,
    writesBefore,
    entry.meetingId,
    entry.memberId,
    written.length > 0 && status === "present" ? entry.at : undefined,
  );
  if (written.length === 0) {
    const [present] = await query<{ at: string | Date }>(
      tx,
      Prisma.sql`
      SELECT "at" FROM "Attendance" WHERE "meetingId" = ${entry.meetingId} AND "memberId" = ${entry.memberId}`,
    );
    return { status: "already", at: present ? dateOf(present.at) : entry.at };
  }
  if (entry.recordedById && entry.recordedById !== entry.memberId) {
    await audit(tx, {
      actorId: entry.recordedById,
      onBehalfOfId: entry.memberId,
      action: `attendance.${entry.via}`,
      subject: `meeting:${entry.meetingId}`,
      at: entry.at,
    });
  }
  return { status: "checked_in", at: entry.at };
}

/** A meeting code: 5 characters of the unambiguous alphabet with at least one digit. */
export function newMeetingCode(): string {
  for (;;) {
    let code = "";
    for (let i = 0; i < 5; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    if (/\d/.test(code)) return code;
  }
}

/** A new meeting with a fresh code, and its reminders (members the evening before, the board at the start). */
export async function createClubMeeting(
  tx: Tx,
  input: { clubId: string; startsAt: Date; place: string; createdById?: string },
  now: Date,
) {
  let code = newMeetingCode();
  while (await tx.meeting.findUnique({ where: { code } })) code = newMeetingCode();
  const meeting = await tx.meeting.create({ data: { ...input, place: input.place.trim(), code } });
  await scheduleMeetingJobs(tx, meeting, now);
  return meeting;
}
