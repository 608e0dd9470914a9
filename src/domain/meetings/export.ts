// Attendance of one meeting as CSV rows, for the board's paper file.
import type { Db } from "../../db/client.ts";

export class UnknownMeetingError extends Error {}

export async function attendanceRows(db: Db, meetingId: string): Promise<string[][]> {
  const meeting = await db.meeting.findUnique({ where: { id: meetingId } });
  if (!meeting) throw new UnknownMeetingError(`no meeting ${meetingId}`);
  const members = await db.member.findMany({
    where: { clubId: meeting.clubId, status: "active" },
    include: { attendances: { where: { meetingId } } },
    orderBy: { fullName: "asc" },
  });
  const rows = members.map((m) => {
    const a = m.attendances[0];
    return [m.id, m.fullName, String(m.birthYear), a?.status ?? "absent", a?.via ?? "", a ? a.at.toISOString() : ""];
  });
  return [["member_id", "full_name", "birth_year", "status", "via", "at"], ...rows];
}

export async function meetingCode(db: Db, meetingId: string): Promise<string> {
  const meeting = await db.meeting.findUnique({ where: { id: meetingId } });
  if (!meeting) throw new UnknownMeetingError(`no meeting ${meetingId}`);
  return meeting.code;
}
