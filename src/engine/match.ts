// Text matching for people typing on cheap phones: accents, case and spacing never matter.
import { DIGITS, parseNumberWords } from "./numbers.ts";

/** Lower-case, strip Vietnamese diacritics (đ → d), trim punctuation at the ends, collapse spaces. */
/** Texts seen lately, normalized: flow triggers and choice labels are normalized on every message. */
const normalized = new Map<string, string>();
const NORMALIZED_KEPT = 5000;

export function normalize(input: string): string {
  let text = normalized.get(input);
  if (text === undefined) {
    if (normalized.size >= NORMALIZED_KEPT) normalized.clear();
    text = normalizeNow(input);
    normalized.set(input, text);
  }
  return text;
}

function normalizeNow(input: string): string {
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

/** Numbers people spell out instead of typing the digit («hai», «số ba»): a choice is 1 to 9. */
const SPELLED: Record<string, number> = {
  ...Object.fromEntries(
    ["mot", "hai", "ba", "bon", "tu", "nam", "sau", "bay", "tam", "chin"].map((w) => [w, DIGITS[w] as number]),
  ),
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
};

/** "2", "số 2" → 2; with `spelled`, also "hai", "số hai". */
function choiceNumber(text: string, spelled: boolean): number | undefined {
  const word = text.replace(/^(?:so|s) /, "");
  if (/^\d{1,2}$/.test(word)) return Number(word);
  return spelled ? SPELLED[word] : undefined;
}

/** Edits allowed for a typo («diem dah», «khoang vay»): none in short words, one from 5 letters, two from 9. */
function typoBudget(word: string): number {
  return word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
}

/** Levenshtein distance, giving up past `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}

/** The index of the one word list holding a word within a typo of `text`, if exactly one does. */
export function closestWords(text: string, lists: readonly (readonly string[])[]): number | undefined {
  const hits = lists.flatMap((words, i) =>
    words.some((w) => typoBudget(w) > 0 && editDistance(text, w, typoBudget(w)) <= typoBudget(w)) ? [i] : [],
  );
  return hits.length === 1 ? hits[0] : undefined;
}

/**
 * The index of the choice a reply picks: its number, its id, its words — or, with `partial`, a
 * unique start of them (callers try flow triggers before a partial match).
 */
export function matchChoice(input: string, choices: readonly MatchableChoice[], allowPartial = true): number | undefined {
  const text = normalize(input);
  if (text === "") return undefined;
  const inRange = (n: number) => (n >= 1 && n <= choices.length ? n - 1 : undefined);
  const digit = choiceNumber(text, false);
  if (digit !== undefined) return inRange(digit);
  const words = choices.map((c) => [c.id, c.label, ...(c.keywords ?? [])].map(normalize));
  const exact = words.findIndex((w) => w.includes(text));
  if (exact >= 0) return exact;
  // A choice's own words first: «Nam» is a gender before it is «năm» (5).
  const spelled = choiceNumber(text, true);
  if (spelled !== undefined) return inRange(spelled);
  if (!allowPartial || text.length < 3) return undefined;
  // "diem danh giup" starts with the words "diem danh"; "nga234" does not start with the word "n".
  const partial = words.flatMap((w, i) =>
    w.some((word) => word.startsWith(text) || (word !== "" && text.startsWith(`${word} `))) ? [i] : [],
  );
  if (partial.length === 1) return partial[0];
  return closestWords(text, words);
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
  const typed = parseTypedAmount(input);
  if (typed.ok || typed.reason !== "not_a_number") return typed;
  // «hai trăm nghìn», «1 triệu rưỡi đồng»: the amount in words.
  const words = parseNumberWords(normalize(input).replace(/ (?:dong|vnd)$/, ""));
  return words === undefined || !Number.isSafeInteger(words) ? typed : bounded(BigInt(words));
}

function bounded(total: bigint): AmountResult {
  if (total < 1000n) return { ok: false, reason: "too_small" };
  if (total > MAX_VND) return { ok: false, reason: "too_large" };
  return { ok: true, vnd: total };
}

function parseTypedAmount(input: string): AmountResult {
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
  return bounded(total);
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
