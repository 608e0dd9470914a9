// Job handlers for meetings: the evening-before reminder to members, the start reminder to the board,
// and the question after it about the activities covered.
import type { Tx } from "../db/client.ts";
import { startOfVietnamDay } from "../domain/time/vietnam-time.ts";
import type { I18n } from "../i18n/index.ts";
import { notifyMembers } from "./notify.ts";
import type { JobHandler } from "./scheduler.ts";

type Payload = { meetingId: string };

/** "hôm nay", "mai" or "sắp tới", by Vietnam's calendar on the day the reminder goes out. */
function dayWord(startsAt: Date, now: Date): "today" | "tomorrow" | "later" {
  const days = Math.round((startOfVietnamDay(startsAt).getTime() - startOfVietnamDay(now).getTime()) / 86_400_000);
  return days <= 0 ? "today" : days === 1 ? "tomorrow" : "later";
}

async function remind(tx: Tx, i18n: I18n, meetingId: string, key: string, onlyBoard: boolean, now: Date): Promise<void> {
  const meeting = await tx.meeting.findUnique({ where: { id: meetingId } });
  if (!meeting || meeting.status !== "scheduled") return;
  await notifyMembers(
    tx,
    i18n,
    { clubId: meeting.clubId, ...(onlyBoard ? { roles: { some: { role: "board" } } } : {}) },
    key,
    (fmt) => ({
      day: fmt.text(`meetings:day.${dayWord(meeting.startsAt, now)}`),
      when: fmt.when(meeting.startsAt),
      place: meeting.place,
      code: meeting.code,
    }),
    `${key}:${meeting.id}`,
    now,
    // Members without a phone hear of the meeting through their relative.
    { viaProxy: !onlyBoard },
  );
}

export function meetingJobHandlers(i18n: I18n): Record<string, JobHandler> {
  return {
    "meeting.remind_members": (tx, payload, now) =>
      remind(tx, i18n, (payload as Payload).meetingId, "meetings:reminder", false, now),
    "meeting.remind_board": (tx, payload, now) =>
      remind(tx, i18n, (payload as Payload).meetingId, "meetings:board_reminder", true, now),
    "meeting.ask_activities": async (tx, payload, now) => {
      const { meetingId } = payload as Payload;
      const meeting = await tx.meeting.findUnique({ where: { id: meetingId } });
      if (meeting?.recordedAt) return; // the board recorded it already
      await remind(tx, i18n, meetingId, "meetings:ask_activities", true, now);
    },
  };
}
