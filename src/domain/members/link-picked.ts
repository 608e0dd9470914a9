import { z } from "zod";
import { action } from "../actions/action.ts";
import { linkAccount } from "./link-account.ts";
import { normalizePhone } from "./phone.ts";

/** A shared phone (an elderly couple): link to the member who said it is them. */
export const linkPicked = action({
  input: z.object({ memberId: z.string(), phone: z.string().max(32) }),
  allowed: (actor) => actor.member === undefined,
  async run(tx, { memberId, phone }, actor, now) {
    const member = await tx.member.findUnique({ where: { id: memberId } });
    if (!member || member.status !== "active" || member.phone !== normalizePhone(phone)) {
      return { status: "not_found" as const };
    }
    await linkAccount(tx, actor.accountId, member.id, "phone", now);
    return { status: "linked" as const };
  },
});
