// A request the club board must act on (call back, delete my data): recorded with its audit line,
// announced to the board's chats (volunteers' if no board member has one), escalated while nobody
// has said «Tôi gọi».
import type { Tx } from "../../db/client.ts";
import type { Formatter } from "../../i18n/format.ts";
import type { Actor } from "../actions/action.ts";
import { audit } from "../audit/audit.ts";
import { firstReached } from "../outbox/reach.ts";
import { enqueueJob } from "../scheduling/enqueue-job.ts";
import { addDaytimeHours } from "../visits/daytime.ts";

export type BoardTopic = "call_back" | "delete_data";
/** Daytime hours after which an unclaimed request is announced again, then taken to the commune. */
export const REQUEST_REMIND_HOURS = 1;
export const REQUEST_OFFICER_HOURS = 4;

export async function recordBoardRequest(tx: Tx, actor: Actor, topic: BoardTopic, action: string, now: Date, fmt: Formatter) {
  // A relative linked as proxy asks on behalf of the member they help.
  const memberId = actor.member?.id ?? actor.proxyFor[0];
  const member = memberId ? await tx.member.findUnique({ where: { id: memberId } }) : null;
  if (!member) return { status: "denied" as const };
  const request = await tx.helpRequest.create({
    data: { memberId: member.id, accountId: actor.accountId, clubId: member.clubId, topic, createdAt: now },
  });
  await enqueueJob(tx, { kind: "help.notify", runAt: now, payload: { requestId: request.id, event: "new" } });
  for (const [level, hours] of [
    [1, REQUEST_REMIND_HOURS],
    [2, REQUEST_OFFICER_HOURS],
  ] as const)
    await enqueueJob(tx, {
      kind: "help.escalate",
      runAt: addDaytimeHours(now, hours),
      payload: { requestId: request.id, level },
      dedupeKey: `help.escalate:${request.id}:${level}`,
    });
  await audit(tx, { actorId: actor.member?.id, onBehalfOfId: member.id, action, subject: `help:${request.id}`, at: now });
  // What the member is told is what happens: the board, else (a call-back) the volunteers, else the officers.
  const { whom, told } = await firstReached(tx, member, topic === "call_back" ? ["board", "volunteer"] : ["board"]);
  const me = fmt.address(actor.member, now.getUTCFullYear());
  return { status: "recorded" as const, id: request.id, told: fmt.text(`person:told.${whom}`, { told, me }) };
}
