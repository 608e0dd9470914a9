import { z } from "zod";
import { ADDRESS_FORMS } from "../../i18n/address.ts";
import { memberAction } from "../actions/action.ts";

/** How the bot calls the member, when the age-and-gender default does not fit. */
export const setAddressForm = memberAction({
  input: z.object({ form: z.enum(ADDRESS_FORMS) }),
  allowed: () => true,
  async run(tx, { form }, actor) {
    await tx.member.update({ where: { id: actor.member.id }, data: { addressForm: form } });
    return { status: "ok" as const };
  },
});
