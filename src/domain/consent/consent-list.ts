import { z } from "zod";
import { action } from "../actions/action.ts";
import { PURPOSES } from "./consent.ts";

/** The member's consents as choices: "Sức khỏe: đang bật", … */
export const consentList = action({
  input: z.object({}),
  allowed: (actor) => actor.member !== undefined,
  async run(_tx, _input, actor) {
    return {
      items: PURPOSES.map((p) => ({ id: p, labelKey: `consents:item.${p}_${actor.consents.includes(p) ? "on" : "off"}` })),
    };
  },
});
