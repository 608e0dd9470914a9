import { z } from "zod";
import { formsFor } from "../../i18n/address.ts";
import { action } from "../actions/action.ts";

/** The forms of address offered to this member: those for their gender, so the list stays short. */
export const addressForms = action({
  input: z.object({}),
  allowed: (actor) => actor.member !== undefined,
  async run(_tx, _input, actor) {
    return { forms: formsFor(actor.member?.gender ?? "").map((id) => ({ id, labelKey: `settings:form.${id}` })) };
  },
});
