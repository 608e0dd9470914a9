import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { memberVisits } from "./visit-list.ts";
import { label } from "./visit-text.ts";

/** The member's own requests and their status. */
export const myVisits = memberAction({
  input: z.object({}),
  allowed: () => true,
  async run(tx, _input, actor, _now, fmt) {
    const visits = await memberVisits(tx, actor.member.id, 5);
    const lines = visits.map((v) => `${label(fmt, v)}: ${fmt.text(`visits:status.${v.status}`)}`);
    const open = visits
      .filter((v) => v.status === "requested" || v.status === "claimed")
      .map((v) => ({ id: String(v.id), label: label(fmt, v) }));
    return { status: visits.length ? "some" : "none", list: lines.join("\n"), open, hasOpen: open.length > 0 ? "yes" : "no" };
  },
});
