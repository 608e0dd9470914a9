import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { isBoard } from "../actors/roles.ts";
import { mayCompose } from "./draft.ts";

/** Meeting notices come from a club's board; general and urgent notices from boards and officers. */
export const broadcastTemplates = memberAction({
  input: z.object({}),
  allowed: mayCompose,
  async run(_tx, _input, actor) {
    const ids = isBoard(actor) ? (["meeting", "general", "urgent"] as const) : (["general", "urgent"] as const);
    return { templates: ids.map((id) => ({ id, labelKey: `broadcast:template.${id}` })) };
  },
});
