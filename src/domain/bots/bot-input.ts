// What an operator may give for a bot, checked at the boundary (the CLI): the platforms' own forms.
import { z } from "zod";

export const botKindSchema = z.enum(["telegram", "zalo"]);

/** A token in its platform's form; Telegram's is `<digits>:<letters>`. */
export function tokenSchema(kind: z.infer<typeof botKindSchema>) {
  return kind === "telegram"
    ? z.string().regex(/^\d+:[\w-]+$/, "a Telegram token looks like 123456:ABC-def")
    : z.string().min(8).max(512);
}

/** The webhook secret the platform sends back in a header: Telegram allows A-Z, a-z, 0-9, _ and -. */
export const secretSchema = z.string().regex(/^[A-Za-z0-9_-]{8,256}$/, "8-256 characters of A-Z, a-z, 0-9, _ and -");

export const usernameSchema = z
  .string()
  .regex(/^@?[A-Za-z]\w{3,31}$/, "a Telegram username like @TuongTroLangSonBot")
  .transform((name) => name.replace(/^@/, ""));
