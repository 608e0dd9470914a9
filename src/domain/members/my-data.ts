import { z } from "zod";
import { action } from "../action.ts";

/** "My data": a plain summary of what is stored about the member. */
export const myData = action({
  input: z.object({}),
  allowed: (actor) => actor.member !== undefined,
  async run(tx, _input, actor) {
    const member = await tx.member.findUniqueOrThrow({
      where: { id: actor.member?.id ?? "" },
      include: { club: true, roles: true, accounts: { where: { linkedAt: { not: null } } } },
    });
    return {
      fullName: member.fullName,
      birthYear: member.birthYear,
      phone: member.phone ?? "—",
      club: member.club.name,
      chats: member.accounts.length,
      consents: actor.consents.length,
    };
  },
});
