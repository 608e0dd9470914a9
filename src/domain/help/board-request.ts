// A request the club board must act on (call back, delete my data), with its audit record.
import type { Tx } from "../../db/client.ts";
import type { Actor } from "../action.ts";
import { audit } from "../audit.ts";

export async function recordBoardRequest(tx: Tx, actor: Actor, topic: string, action: string, now: Date) {
  const member = actor.member;
  if (!member) return { status: "denied" as const };
  const request = await tx.helpRequest.create({
    data: { memberId: member.id, accountId: actor.accountId, clubId: member.clubId, topic },
  });
  await audit(tx, { actorId: member.id, action, subject: `help:${request.id}`, at: now });
  return { status: "recorded" as const, id: request.id };
}
