// Numbers as people say them: «mười lăm», «hai mươi mốt», «hai trăm nghìn», «một triệu rưỡi»,
// digits and words mixed («2 trăm nghìn»). Pure; the text comes normalized (no accents, lower case).

/** The digits' names: also the spelled choice numbers («hai», «ba») in match.ts. */
export const DIGITS: Record<string, number> = {
  khong: 0,
  mot: 1,
  hai: 2,
  ba: 3,
  bon: 4,
  tu: 4,
  nam: 5,
  lam: 5,
  nham: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
};
const TENS = new Set(["muoi", "chuc"]);
const SCALES: Record<string, number> = { nghin: 1e3, ngan: 1e3, trieu: 1e6, ty: 1e9, ti: 1e9 };
const ZERO_TENS = new Set(["le", "linh"]);
const HALF = "ruoi";

/**
 * The value of a number spelled in words (digits may stand for a word), or undefined when the text
 * is anything else. «mười hai» = 12, «hai trăm lẻ năm» = 205, «hai triệu rưỡi» = 2 500 000.
 */
export function parseNumberWords(text: string): number | undefined {
  const tokens = text.split(" ").filter((t) => t !== "");
  if (tokens.length === 0) return undefined;
  let total = 0;
  let group = 0;
  let digit: number | undefined;
  let last: "digit" | "tens" | "hundred" | "scale" | "zero" | undefined;
  let beforeDigit: typeof last;
  let lastScale: number | undefined;
  let smallestScale = Number.POSITIVE_INFINITY;
  for (const token of tokens) {
    const value = /^\d+$/.test(token) ? Number(token) : DIGITS[token];
    if (value !== undefined) {
      if (digit !== undefined) return undefined;
      digit = value;
      beforeDigit = last;
      last = "digit";
    } else if (TENS.has(token)) {
      if ((digit !== undefined && digit > 9) || group % 100 >= 10) return undefined;
      group += (digit ?? 1) * 10;
      digit = undefined;
      last = "tens";
    } else if (token === "tram") {
      if ((digit !== undefined && digit > 9) || group >= 100) return undefined;
      group += (digit ?? 1) * 100;
      digit = undefined;
      last = "hundred";
    } else if (ZERO_TENS.has(token)) {
      if (last !== "hundred") return undefined;
      last = "zero";
    } else if (token in SCALES) {
      const scale = SCALES[token] as number;
      // «một triệu hai trăm nghìn» goes from large to small.
      if (scale >= smallestScale) return undefined;
      smallestScale = scale;
      const amount = group + (digit ?? 0);
      total += (amount === 0 ? 1 : amount) * scale;
      group = 0;
      digit = undefined;
      lastScale = scale;
      last = "scale";
    } else if (token === HALF) {
      if (last === "scale" && lastScale) total += lastScale / 2;
      else if (last === "hundred") group += 50;
      else return undefined;
      last = undefined;
    } else {
      return undefined;
    }
  }
  // «hai triệu ba» is 2 300 000 and «trăm hai» is 120: a last lone digit counts a tenth of what came before.
  if (last === "digit" && digit !== undefined && digit < 10) {
    if (beforeDigit === "scale" && lastScale) return total + group + (digit * lastScale) / 10;
    if (beforeDigit === "hundred") return total + group + digit * 10;
  }
  return total + group + (digit ?? 0);
}

/** Nouns people add after a count («mười hai người»), dropped before reading the number. */
const COUNT_NOUNS = /\s(?:nguoi|thanh vien|ban|lan|cai)$/;

/**
 * A whole number typed in digits or words, or the name of a lunar day («rằm» is 15, «mùng 1» is 1),
 * as a question asking for a number takes it.
 */
export function parseCount(text: string): number | undefined {
  const bare = text.replace(COUNT_NOUNS, "").replace(/^(?:ngay|mung|mong|so) /, "");
  if (bare === "ram") return 15;
  if (/^\d{1,9}$/.test(bare)) return Number(bare);
  const value = parseNumberWords(bare);
  return value !== undefined && Number.isSafeInteger(value) ? value : undefined;
}
