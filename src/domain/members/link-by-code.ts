import { z } from "zod";
import { action } from "../actions/action.ts";
import { audit } from "../audit/audit.ts";
import { hashCode } from "../invites/invite-codes.ts";
import { linkAccount } from "./link-account.ts";

/** Wrong codes allowed per chat per hour before we ask them to wait. */
export const MAX_WRONG_CODES_PER_HOUR = 5;

export const linkByCode = action({
  input: z.object({ code: z.string().min(1).max(20) }),
  allowed: (actor) => actor.member === undefined,
  async run(tx, { code }, actor, now) {
    const subject = `account:${actor.accountId}`;
    const since = new Date(now.getTime() - 3_600_000);
    const wrong = await tx.auditLog.count({ where: { action: "link.code_wrong", subject, at: { gte: since } } });
    if (wrong >= MAX_WRONG_CODES_PER_HOUR) return { status: "rate_limited" as const };
    const invite = await tx.inviteCode.findUnique({ where: { codeHash: hashCode(code) } });
    const usable = invite && invite.usedAt === null && invite.expiresAt > now;
    // The conditional update makes a code one-time even if two chats send it at once.
    const claimed = usable
      ? await tx.inviteCode.updateMany({ where: { id: invite.id, usedAt: null }, data: { usedAt: now } })
      : { count: 0 };
    if (!invite || claimed.count !== 1) {
      await audit(tx, { action: "link.code_wrong", subject, at: now });
      return { status: "invalid" as const };
    }
    if (invite.kind === "proxy") {
      // A relative or volunteer: this chat acts for the member, it does not become them.
      await tx.proxyLink.upsert({
        where: { accountId_memberId: { accountId: actor.accountId, memberId: invite.memberId } },
        create: { accountId: actor.accountId, memberId: invite.memberId, via: "code" },
        update: { revokedAt: null },
      });
      await audit(tx, { action: "link.proxy", onBehalfOfId: invite.memberId, subject, at: now });
      return { status: "linked_proxy" as const };
    }
    await linkAccount(tx, actor.accountId, invite.memberId, "code", now);
    return { status: "linked" as const };
  },
});
