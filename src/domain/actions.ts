// Every domain action a flow may call, by the name flows use.
import type { Action } from "./action.ts";
import { requestPerson } from "./help/request-person.ts";
import { linkByCode } from "./members/link-by-code.ts";
import { linkByPhone } from "./members/link-by-phone.ts";
import { linkPicked } from "./members/link-picked.ts";
import { setLanguage } from "./settings/set-language.ts";

// biome-ignore lint/suspicious/noExplicitAny: a registry of actions with different input/output types.
export const actions: Record<string, Action<any, unknown>> = {
  "members.linkByCode": linkByCode,
  "members.linkByPhone": linkByPhone,
  "members.linkPicked": linkPicked,
  "settings.setLanguage": setLanguage,
  "help.requestPerson": requestPerson,
};
