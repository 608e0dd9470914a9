import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { isHelper } from "../actors/roles.ts";
import { claimedVisits } from "./visit-list.ts";
import { label } from "./visit-text.ts";

/** The volunteer's claimed visits, to release or report. */
export const myClaims = memberAction({
  input: z.object({}),
  allowed: isHelper,
  async run(tx, _input, actor, _now, fmt) {
    const visits = await claimedVisits(tx, actor.member.id, 6);
    return {
      status: visits.length ? "some" : "none",
      visits: visits.map((v) => ({ id: String(v.id), label: label(fmt, v, ` — ${v.memberName}`) })),
    };
  },
});
