// Forms of address: how the bot calls a member, by age and gender unless they chose otherwise.
import type { I18n } from "./index.ts";

export const ADDRESS_FORMS = ["ba", "ong", "bac", "co", "chu", "chi", "anh"] as const;
export type AddressForm = (typeof ADDRESS_FORMS)[number];

/** The forms a woman or a man may be called, most respectful first: at most the six a menu holds. */
const FORMS_BY_GENDER: Record<string, readonly AddressForm[]> = {
  F: ["ba", "bac", "co", "chi"],
  M: ["ong", "bac", "chu", "anh"],
};

export function formsFor(gender: string): readonly AddressForm[] {
  return FORMS_BY_GENDER[gender] ?? ["bac", "ba", "ong", "co", "chu", "chi"];
}

export type Addressable = { fullName: string; gender: string; birthYear: number; addressForm?: string | null };

export function addressFormOf(member: Addressable, year: number): AddressForm {
  if (member.addressForm && (ADDRESS_FORMS as readonly string[]).includes(member.addressForm)) {
    return member.addressForm as AddressForm;
  }
  const age = year - member.birthYear;
  const female = member.gender === "F";
  if (age >= 60) return female ? "ba" : "ong";
  if (age >= 40) return female ? "co" : "chu";
  return female ? "chi" : "anh";
}

/** Vietnamese names end with the given name: "Hoàng Thị Mận" → "Mận". */
export function givenName(fullName: string): string {
  return fullName.trim().split(/\s+/).at(-1) ?? fullName;
}

/** Params every text can use: `me.you` ("Bà"), `me.You`, `me.address` ("Bà Mận"). */
export function addressParams(i18n: I18n, lang: string, member: Addressable | undefined, year: number) {
  if (!member) {
    return {
      you: i18n.t(lang, "common:address.guest.you"),
      You: i18n.t(lang, "common:address.guest.You"),
      address: i18n.t(lang, "common:address.guest.You"),
    };
  }
  const form = addressFormOf(member, year);
  const name = givenName(member.fullName);
  return {
    you: i18n.t(lang, `common:address.${form}.you`),
    You: i18n.t(lang, `common:address.${form}.You`),
    address: i18n.t(lang, `common:address.${form}.named`, { name }),
  };
}
