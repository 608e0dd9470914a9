import { z } from "zod";
import { ADDRESS_FORMS } from "../../i18n/address.ts";
import { action } from "../actions/action.ts";

/** How the bot calls the member, when the age-and-gender default does not fit. */
export const setAddressForm = action({
  input: z.object({ form: z.enum(ADDRESS_FORMS) }),
  allowed: (actor) => actor.member !== undefined,
  async run(tx, { form }, actor) {
    await tx.member.update({ where: { id: actor.member?.id ?? "" }, data: { addressForm: form } });
    return { status: "ok" as const };
  },
});
