// A board-issued proxy code: a relative or volunteer acting for a member without a phone.
import { z } from "zod";
import { action } from "../actions/action.ts";
import { access } from "../actors/access.ts";
import { audit } from "../audit/audit.ts";
import { issueInviteCode } from "../invites/invite-codes.ts";

/**
 * The board approves a relative (or volunteer) acting for a member who has no phone: a one-time
 * proxy code to hand over; whoever sends it to the bot may then check in and hear news for them.
 */
export const proxyCode = action({
  input: z.object({ memberId: z.string() }),
  allowed: (actor) => actor.roles.includes("board"),
  async run(tx, { memberId }, actor, now) {
    const member = await tx.member.findUnique({ where: { id: memberId }, include: { club: { include: { commune: true } } } });
    if (
      !member ||
      member.status !== "active" ||
      !access.canManageMembers(actor, {
        id: member.clubId,
        communeId: member.club.communeId,
        provinceId: member.club.commune.provinceId,
      })
    )
      return { status: "denied" };
    const code = await issueInviteCode(tx, member.id, now, { kind: "proxy" });
    await audit(tx, {
      actorId: actor.member?.id,
      onBehalfOfId: member.id,
      action: "members.proxy_code",
      subject: `member:${member.id}`,
      at: now,
    });
    return { status: "issued", code, name: member.fullName };
  },
});
