import { audit } from "../audit/audit.ts";
import { enqueueJob } from "../scheduling/enqueue-job.ts";
import { draftAction } from "./draft.ts";

/** Save the broadcast and schedule its sending (now, or at the time chosen). */
export const createBroadcast = draftAction(async (tx, input, draft, actor, now, fmt) => {
  const broadcast = await tx.broadcast.create({
    data: {
      ...draft.scope,
      authorId: actor.member.id,
      authorAccountId: actor.accountId,
      template: input.template,
      audience: input.audience,
      meetingId: draft.meetingId,
      text: draft.content.text,
      sendAt: draft.sendAt,
    },
  });
  await enqueueJob(tx, {
    kind: "broadcast.send",
    runAt: draft.sendAt,
    payload: { broadcastId: broadcast.id },
    dedupeKey: `broadcast.send:${broadcast.id}`,
  });
  await audit(tx, { actorId: actor.member?.id, action: "broadcasts.create", subject: `broadcast:${broadcast.id}`, at: now });
  const later = draft.sendAt.getTime() > now.getTime();
  return { status: later ? "scheduled" : "sending", id: broadcast.id, when: fmt.when(draft.sendAt) };
});
