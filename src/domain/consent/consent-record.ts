import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { PURPOSES, recordConsent } from "./consent.ts";

/** Record a yes or no for one purpose; a no after a yes is a withdrawal, effective at once. */
export const consentRecord = memberAction({
  input: z.object({ purpose: z.enum(PURPOSES), answer: z.enum(["yes", "no"]) }),
  allowed: () => true,
  async run(tx, { purpose, answer }, actor, now) {
    const memberId = actor.member.id;
    await recordConsent(tx, { memberId, purpose, given: answer === "yes", via: actor.channel, at: now });
    return { given: answer };
  },
});
