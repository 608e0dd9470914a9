import { z } from "zod";
import { action } from "../actions/action.ts";
import { linkAccount } from "./link-account.ts";
import { normalizePhone } from "./phone.ts";

/** Telegram contact sharing: only the sender's own number links, and only to members on the roster. */
export const linkByPhone = action({
  input: z.object({ phone: z.string().max(32), own: z.boolean() }),
  allowed: (actor) => actor.member === undefined,
  async run(tx, { phone, own }, actor, now) {
    if (!own) return { status: "not_own" as const };
    const e164 = normalizePhone(phone);
    const members = e164
      ? await tx.member.findMany({ where: { phone: e164, status: "active" }, orderBy: { birthYear: "asc" } })
      : [];
    const [only] = members;
    if (!only) return { status: "not_found" as const };
    if (members.length > 1) {
      return { status: "several" as const, members: members.map((m) => ({ id: m.id, label: m.fullName })) };
    }
    await linkAccount(tx, actor.accountId, only.id, "phone", now);
    return { status: "linked" as const };
  },
});
