import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { answeredPurposes, PURPOSES } from "./consent.ts";

/** The first purpose the member has not answered yet, or "done". */
export const consentStatus = memberAction({
  input: z.object({}),
  allowed: () => true,
  async run(tx, _input, actor) {
    const answered = await answeredPurposes(tx, actor.member.id);
    return { next: PURPOSES.find((p) => !answered.includes(p)) ?? "done" };
  },
});
