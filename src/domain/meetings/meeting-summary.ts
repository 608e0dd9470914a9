import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { counts } from "./attendance.ts";
import { openMeetings } from "./meetings.ts";

/** The board's live view: "32/58 có mặt" and who is missing. */
export const meetingSummary = memberAction({
  input: z.object({}),
  allowed: (actor) => actor.roles.includes("board"),
  async run(tx, _input, actor, now, fmt) {
    const clubId = actor.member.clubId;
    const meeting =
      (await openMeetings(tx, clubId, now))[0] ??
      (await tx.meeting.findFirst({
        where: { clubId, status: "scheduled", startsAt: { lte: now } },
        orderBy: { startsAt: "desc" },
      }));
    if (!meeting) return { status: "none" };
    const c = await counts(tx, meeting.id, clubId);
    const absent = await tx.member.findMany({
      where: { clubId, status: "active", attendances: { none: { meetingId: meeting.id, status: "present" } } },
      orderBy: { fullName: "asc" },
      take: 80,
    });
    return { status: "ok", when: fmt.when(meeting.startsAt), ...c, absent: absent.map((m) => m.fullName).join(", ") };
  },
});
