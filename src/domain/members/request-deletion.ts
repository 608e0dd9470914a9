import { z } from "zod";
import { action } from "../action.ts";
import { audit } from "../audit.ts";

/** "Delete my data": recorded as a request the board must act on (club records have their own rules). */
export const requestDeletion = action({
  input: z.object({}),
  allowed: (actor) => actor.member !== undefined,
  async run(tx, _input, actor, now) {
    const member = actor.member;
    if (!member) return { status: "denied" as const };
    const request = await tx.helpRequest.create({
      data: { memberId: member.id, accountId: actor.accountId, clubId: member.clubId, topic: "delete_data" },
    });
    await audit(tx, { actorId: member.id, action: "members.request_deletion", subject: `help:${request.id}`, at: now });
    return { status: "recorded" as const };
  },
});
