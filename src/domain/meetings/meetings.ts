// Meetings and attendance: the check-in window, the next meeting, and one Attendance per member.
import { randomInt } from "node:crypto";
import type { Tx } from "../../db/client.ts";
import { audit } from "../audit.ts";
import { CODE_ALPHABET } from "../invite-codes.ts";
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

/** Meetings of a club whose check-in window holds `now`. */
export async function openMeetings(tx: Tx, clubId: string, now: Date) {
  const around = await tx.meeting.findMany({
    where: {
      clubId,
      status: "scheduled",
      startsAt: { gte: new Date(now.getTime() - 86_400_000), lte: new Date(now.getTime() + 86_400_000) },
    },
    include: { club: true },
    orderBy: { startsAt: "asc" },
  });
  return around.filter((m) => isOpen(m, now));
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
  const existing = await tx.attendance.findUnique({
    where: { meetingId_memberId: { meetingId: entry.meetingId, memberId: entry.memberId } },
  });
  if (existing && existing.status === "present") return { status: "already", at: existing.at };
  const data = { status: entry.status ?? "present", via: entry.via, recordedById: entry.recordedById, at: entry.at };
  if (existing) await tx.attendance.update({ where: { id: existing.id }, data });
  else await tx.attendance.create({ data: { meetingId: entry.meetingId, memberId: entry.memberId, ...data } });
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

export async function memberRef(tx: Tx, memberId: string) {
  const member = await tx.member.findUnique({ where: { id: memberId }, include: { club: { include: { commune: true } } } });
  if (!member) return undefined;
  return {
    member,
    ref: {
      id: member.id,
      club: { id: member.clubId, communeId: member.club.communeId, provinceId: member.club.commune.provinceId },
    },
  };
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
