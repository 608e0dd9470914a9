// The jobs a meeting brings: members reminded the evening before, the board reminded at the start and
// asked two hours later which activities the meeting covered.
import type { Tx } from "../../db/client.ts";
import { enqueueJob } from "../scheduling/enqueue-job.ts";
import { eveningBefore, morningOf, outsideQuietHours } from "../time/quiet-hours.ts";

const HOUR_MS = 3_600_000;
const ASK_ACTIVITIES_AFTER_MS = 2 * HOUR_MS;

/** The evening before; for a meeting made later than that, 7:00 on the day; failing that, now. */
function memberReminderAt(startsAt: Date, now: Date): Date {
  const evening = eveningBefore(startsAt);
  if (evening > now) return evening;
  const morning = morningOf(startsAt);
  if (morning > now && morning.getTime() <= startsAt.getTime() - HOUR_MS) return morning;
  return outsideQuietHours(now);
}

export async function scheduleMeetingJobs(tx: Tx, meeting: { id: string; startsAt: Date }, now: Date): Promise<void> {
  const remindAt = memberReminderAt(meeting.startsAt, now);
  if (remindAt < meeting.startsAt) {
    await enqueueJob(tx, {
      kind: "meeting.remind_members",
      runAt: remindAt,
      payload: { meetingId: meeting.id },
      dedupeKey: `meeting.remind_members:${meeting.id}`,
    });
  }
  await enqueueJob(tx, {
    kind: "meeting.remind_board",
    runAt: meeting.startsAt,
    payload: { meetingId: meeting.id },
    dedupeKey: `meeting.remind_board:${meeting.id}`,
  });
  // Two hours in, unless that is in the quiet hours: then at the start, so it is still the same day.
  const askAt = new Date(meeting.startsAt.getTime() + ASK_ACTIVITIES_AFTER_MS);
  await enqueueJob(tx, {
    kind: "meeting.ask_activities",
    runAt: outsideQuietHours(askAt).getTime() === askAt.getTime() ? askAt : meeting.startsAt,
    payload: { meetingId: meeting.id },
    dedupeKey: `meeting.ask_activities:${meeting.id}`,
  });
}
