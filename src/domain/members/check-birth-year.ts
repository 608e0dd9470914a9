import { z } from "zod";
import { action } from "../actions/action.ts";

/** A year someone now alive in the club could be born in: four digits, not in the future. */
export function isBirthYear(year: number, now: Date): boolean {
  return year >= 1900 && year <= now.getUTCFullYear();
}

/** The birth year checked as soon as it is typed, so nothing typed after it must be typed again. */
export const checkBirthYear = action({
  input: z.object({ birthYear: z.number().int() }),
  allowed: (actor) => actor.member !== undefined,
  async run(_tx, { birthYear }, _actor, now) {
    return { status: isBirthYear(birthYear, now) ? ("ok" as const) : ("bad_year" as const) };
  },
});
