import { z } from "zod";
import { action } from "../actions/action.ts";

export const setLanguage = action({
  input: z.object({ language: z.enum(["vi", "en"]) }),
  allowed: () => true,
  async run(tx, { language }, actor) {
    if (actor.member) await tx.member.update({ where: { id: actor.member.id }, data: { language } });
    else await tx.channelAccount.update({ where: { id: actor.accountId }, data: { language } });
    return { status: "ok" as const };
  },
});
