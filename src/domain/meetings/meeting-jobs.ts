// The jobs a meeting brings: members reminded the evening before, the board reminded at the start.
import type { Tx } from "../../db/client.ts";
import { enqueueJob } from "../jobs.ts";
import { eveningBefore, outsideQuietHours } from "../quiet-hours.ts";

export async function scheduleMeetingJobs(tx: Tx, meeting: { id: string; startsAt: Date }, now: Date): Promise<void> {
  const evening = eveningBefore(meeting.startsAt);
  const remindAt = outsideQuietHours(evening > now ? evening : now);
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
}
