import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { isHelper } from "../actors/roles.ts";
import { label } from "./visit-text.ts";

/** The volunteer's claimed visits, to release or report. */
export const myClaims = memberAction({
  input: z.object({}),
  allowed: isHelper,
  async run(tx, _input, actor, _now, fmt) {
    const visits = await tx.visitRequest.findMany({
      where: { claimedById: actor.member.id, status: "claimed" },
      orderBy: { id: "asc" },
      take: 6,
    });
    const members = await tx.member.findMany({ where: { id: { in: visits.map((v) => v.memberId) } } });
    return {
      status: visits.length ? "some" : "none",
      visits: visits.map((v) => ({
        id: String(v.id),
        label: label(fmt, v, ` — ${members.find((m) => m.id === v.memberId)?.fullName ?? ""}`),
      })),
    };
  },
});
