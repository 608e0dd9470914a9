import { z } from "zod";
import { action } from "../actions/action.ts";

/** Members a proxy chat acts for, as choices. */
export const proxyTargets = action({
  input: z.object({}),
  allowed: (actor) => actor.proxyFor.length > 0,
  async run(tx, _input, actor) {
    const members = await tx.member.findMany({ where: { id: { in: actor.proxyFor } }, orderBy: { fullName: "asc" } });
    return { members: members.map((m) => ({ id: m.id, label: m.fullName })) };
  },
});
