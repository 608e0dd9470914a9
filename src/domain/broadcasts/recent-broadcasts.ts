import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { mayCompose } from "./draft.ts";
import { followable } from "./followable.ts";

const RECENT_SHOWN = 5;

/** The latest notices the actor may follow, newest first, as choices: number, kind, day, state. */
export const recentBroadcasts = memberAction({
  input: z.object({}),
  allowed: mayCompose,
  async run(tx, _input, actor, _now, fmt) {
    const list = await tx.broadcast.findMany({ where: followable(actor), orderBy: { id: "desc" }, take: RECENT_SHOWN });
    return {
      status: list.length > 0 ? "some" : "none",
      notices: list.map((b) => ({
        id: String(b.id),
        label: fmt.text("broadcast:recent_label", {
          id: b.id,
          template: fmt.text(`broadcast:template.${b.template}`),
          day: fmt.day(b.sendAt),
          state: fmt.text(`broadcast:state.${b.status}`),
        }),
      })),
    };
  },
});
