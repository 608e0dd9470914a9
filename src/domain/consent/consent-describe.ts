import { z } from "zod";
import { action } from "../actions/action.ts";
import { PURPOSES } from "./consent.ts";

/** Whether one purpose is currently given, as "yes" or "no" for a flow to branch on. */
export const consentDescribe = action({
  input: z.object({ purpose: z.enum(PURPOSES) }),
  allowed: (actor) => actor.member !== undefined,
  async run(_tx, { purpose }, actor) {
    return { given: actor.consents.includes(purpose) ? "yes" : "no" };
  },
});
