// Vietnamese phone numbers as people write them → E.164 (+84…), or undefined when not a phone.
export function normalizePhone(input: string): string | undefined {
  const digits = input.replace(/[\s.()-]/g, "");
  const national = digits.match(/^(?:\+84|84|0)(\d{9,10})$/);
  if (!national) return undefined;
  const rest = national[1] as string;
  if (rest.startsWith("0")) return undefined;
  return `+84${rest}`;
}

/** "+84912000111" → "0912000111": the one form a member ever sees a number in, as people dial it. */
export function phoneAsDialled(e164: string): string {
  return e164.replace(/^\+84/, "0");
}

/** "Nguyễn Thị Mai (0912000111)": a name with the number, for those who phone. */
export function nameWithPhone(person: { fullName: string; phone: string | null }): string {
  return person.phone ? `${person.fullName} (${phoneAsDialled(person.phone)})` : person.fullName;
}
