import { z } from "zod";
import { normalize } from "../../engine/match.ts";
import { memberAction } from "../actions/action.ts";
import { access } from "../actors/access.ts";
import { audit } from "../audit/audit.ts";
import { issueInviteCode } from "../invites/invite-codes.ts";
import { isBirthYear } from "./check-birth-year.ts";
import { normalizePhone } from "./phone.ts";

/** A board member adds someone to their own club in the bot and gets the invite code to hand over. */
export const addMember = memberAction({
  input: z.object({
    fullName: z.string().min(3).max(80),
    gender: z.enum(["f", "m", "F", "M"]).transform((g) => g.toUpperCase()),
    birthYear: z.number().int(),
    phone: z.string().max(32),
    clubId: z.string().optional(),
  }),
  allowed: (actor, input) => clubAllowed(actor, input.clubId ?? actor.member.clubId),
  async run(tx, input, actor, now) {
    const clubId = input.clubId ?? actor.member.clubId;
    if (!isBirthYear(input.birthYear, now)) return { status: "bad_year" as const };
    const skip = ["khong", "ko", "k", "no", "-"].includes(normalize(input.phone));
    const phone = skip ? null : normalizePhone(input.phone);
    if (phone === undefined) return { status: "bad_phone" as const };
    const fullName = input.fullName.trim().replace(/\s+/g, " ");
    const existing = await tx.member.findUnique({
      where: { clubId_fullName_birthYear: { clubId, fullName, birthYear: input.birthYear } },
    });
    if (existing) return { status: "exists" as const };
    const member = await tx.member.create({
      data: { clubId, fullName, gender: input.gender, birthYear: input.birthYear, phone },
    });
    const code = await issueInviteCode(tx, member.id, now);
    await audit(tx, { actorId: actor.member?.id, action: "members.add", subject: `member:${member.id}`, at: now });
    return { status: "added" as const, code };
  },
});

/** Board of that very club (the club's place does not matter for a same-club check). */
function clubAllowed(actor: Parameters<typeof access.canManageMembers>[0], clubId: string): boolean {
  return access.canManageMembers(actor, { id: clubId, communeId: "", provinceId: "" });
}
