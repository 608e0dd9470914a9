import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { isBoard, isOfficer } from "../actors/roles.ts";
import { AREA_AUDIENCES, CLUB_AUDIENCES } from "./audience.ts";
import { mayCompose } from "./draft.ts";

/** Whom the actor may reach: their club's groups (board), their area (officer). At most 6. */
export const broadcastAudiences = memberAction({
  input: z.object({ template: z.string() }),
  allowed: mayCompose,
  async run(_tx, { template }, actor) {
    const ids = [
      ...(isBoard(actor) ? CLUB_AUDIENCES : []),
      ...(isOfficer(actor) && template !== "meeting" ? AREA_AUDIENCES : []),
    ];
    return { audiences: ids.map((id) => ({ id, labelKey: `broadcast:audience.${id}` })) };
  },
});
