// Text matching for people typing on cheap phones: accents, case and spacing never matter.

/** Lower-case, strip Vietnamese diacritics (đ → d), trim punctuation at the ends, collapse spaces. */
export function normalize(input: string): string {
  return input
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/^[\s.,!?;:()"'-]+|[\s.,!?;:()"'-]+$/g, "");
}

export type MatchableChoice = { id: string; label: string; keywords?: string[] };

/**
 * The index of the choice a reply picks: its number, its id, its words — or, with `partial`, a
 * unique start of them (callers try flow triggers before a partial match).
 */
export function matchChoice(input: string, choices: readonly MatchableChoice[], allowPartial = true): number | undefined {
  const text = normalize(input);
  if (text === "") return undefined;
  const digits = text.match(/^(?:so |s )?(\d{1,2})$/);
  if (digits) {
    const n = Number(digits[1]);
    return n >= 1 && n <= choices.length ? n - 1 : undefined;
  }
  const words = choices.map((c) => [c.id, c.label, ...(c.keywords ?? [])].map(normalize));
  const exact = words.findIndex((w) => w.includes(text));
  if (exact >= 0) return exact;
  if (!allowPartial || text.length < 3) return undefined;
  // "diem danh giup" starts with the words "diem danh"; "nga234" does not start with the word "n".
  const partial = words.flatMap((w, i) =>
    w.some((word) => word.startsWith(text) || (word !== "" && text.startsWith(`${word} `))) ? [i] : [],
  );
  return partial.length === 1 ? partial[0] : undefined;
}

export type AmountResult =
  | { ok: true; vnd: bigint }
  | { ok: false; reason: "empty" | "not_a_number" | "too_small" | "too_large" };

const UNITS: Record<string, bigint> = {
  ty: 1_000_000_000n,
  ti: 1_000_000_000n,
  trieu: 1_000_000n,
  tr: 1_000_000n,
  cu: 1_000_000n,
  m: 1_000_000n,
  nghin: 1_000n,
  ngan: 1_000n,
  k: 1_000n,
};
const UNIT_PATTERN = /^(ty|ti|trieu|tr|cu|m|nghin|ngan|k)?(ruoi)?$/;
const MAX_VND = 100_000_000_000n;

/** Parse an amount of money as people write it: `500k`, `500.000`, `1tr2`, `1,2 triệu`, `2 triệu rưỡi`, `1.5tr`. */
export function parseAmount(input: string): AmountResult {
  if (/^\s*-/.test(input)) return { ok: false, reason: "not_a_number" };
  const text = normalize(input)
    .replace(/\s+/g, "")
    .replace(/(dong|vnd|d)$/, "");
  if (text === "") return { ok: false, reason: "empty" };
  const tokens = [...text.matchAll(/(\d+(?:[.,]\d+)*)([a-z]*)/g)];
  if (tokens.map((t) => t[0]).join("") !== text) return { ok: false, reason: "not_a_number" };
  let total = 0n;
  let lastUnit: bigint | undefined;
  let smallestUnit: bigint | undefined;
  for (const [, digits = "", unitText = ""] of tokens) {
    const unitMatch = unitText.match(UNIT_PATTERN);
    if (!unitMatch) return { ok: false, reason: "not_a_number" };
    const [, unitName, half] = unitMatch;
    const unit = unitName ? UNITS[unitName] : undefined;
    if (unit === undefined) {
      if (half) return { ok: false, reason: "not_a_number" };
      if (lastUnit !== undefined) {
        // "1tr2" = 1 triệu 2 trăm nghìn: a bare tail counts in thousandths of the unit before it.
        if (!/^\d{1,3}$/.test(digits) || lastUnit < 1_000_000n) return { ok: false, reason: "not_a_number" };
        total += BigInt(digits.padEnd(3, "0")) * (lastUnit / 1000n);
        lastUnit = undefined;
        continue;
      }
      if (tokens.length !== 1) return { ok: false, reason: "not_a_number" };
      const plain = groupedInteger(digits);
      if (plain === undefined) return { ok: false, reason: "not_a_number" };
      total += plain;
      continue;
    }
    // "1 triệu 200 nghìn" goes from large to small; "500k 200k" is two amounts, not one.
    if (smallestUnit !== undefined && unit >= smallestUnit) return { ok: false, reason: "not_a_number" };
    smallestUnit = unit;
    const value = scaled(digits, unit);
    if (value === undefined) return { ok: false, reason: "not_a_number" };
    total += value + (half ? unit / 2n : 0n);
    lastUnit = unit;
  }
  if (total < 1000n) return { ok: false, reason: "too_small" };
  if (total > MAX_VND) return { ok: false, reason: "too_large" };
  return { ok: true, vnd: total };
}

/** `500000`, `500.000`, `1,200,000` → integer; other separators → undefined. */
function groupedInteger(digits: string): bigint | undefined {
  if (/^\d+$/.test(digits)) return BigInt(digits);
  if (/^\d{1,3}(\.\d{3})+$/.test(digits) || /^\d{1,3}(,\d{3})+$/.test(digits)) return BigInt(digits.replace(/[.,]/g, ""));
  return undefined;
}

/** `1,2` × 1 000 000 → 1 200 000, exactly, in BigInt. */
function scaled(digits: string, unit: bigint): bigint | undefined {
  const grouped = groupedInteger(digits);
  if (grouped !== undefined) return grouped * unit;
  const decimal = digits.match(/^(\d+)[.,](\d{1,3})$/);
  if (!decimal) return undefined;
  const [, whole = "", fraction = ""] = decimal;
  const scale = 10n ** BigInt(fraction.length);
  const value = BigInt(whole) * unit + (BigInt(fraction) * unit) / scale;
  return (BigInt(fraction) * unit) % scale === 0n ? value : undefined;
}

/** An invite or meeting code as typed: spaces and dashes dropped, upper-cased. */
export function normalizeCode(input: string): string {
  return normalize(input).replace(/[\s-]/g, "").toUpperCase();
}
