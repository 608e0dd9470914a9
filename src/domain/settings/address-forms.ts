import { z } from "zod";
import { formsFor } from "../../i18n/address.ts";
import { memberAction } from "../actions/action.ts";

/** The forms of address offered to this member: those for their gender, so the list stays short. */
export const addressForms = memberAction({
  input: z.object({}),
  allowed: () => true,
  async run(_tx, _input, actor) {
    return { forms: formsFor(actor.member.gender).map((id) => ({ id, labelKey: `settings:form.${id}` })) };
  },
});
