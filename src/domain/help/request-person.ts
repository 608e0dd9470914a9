import { z } from "zod";
import { action } from "../action.ts";
import { audit } from "../audit.ts";

/** "Talk to a person": a call-back request the club board sees. */
export const requestPerson = action({
  input: z.object({}),
  allowed: (actor) => actor.member !== undefined,
  async run(tx, _input, actor, now) {
    const member = actor.member;
    if (!member) return { status: "denied" as const };
    const request = await tx.helpRequest.create({
      data: { memberId: member.id, accountId: actor.accountId, clubId: member.clubId, topic: "call_back" },
    });
    await audit(tx, { actorId: member.id, action: "help.request_person", subject: `help:${request.id}`, at: now });
    return { status: "recorded" as const, id: request.id };
  },
});
