// `erase-member`: a member's data-protection erasure, recorded with who asked for it.
import path from "node:path";
import { eraseMember } from "../domain/members/erase-member.ts";
import { loadLocales } from "../i18n/index.ts";
import { ROOT } from "../root.ts";
import type { Command } from "./command.ts";
import { option, requiredOptions, withDb } from "./support.ts";

export const eraseMemberCommand: Command = {
  summary: "erase a member's name, phone, chats, readings, reminders and answers; ledger amounts stay under a pseudonym",
  usage: "erase-member --member <member_id> [--by <who asked, for the audit log>]",
  run: async (args) => {
    const [memberId] = requiredOptions(args, "erase-member", ["--member", "member_id"]);
    const by = option(args, "--by") ?? process.env.USER ?? "operator";
    const i18n = loadLocales(path.join(ROOT, "locales"));
    return withDb(async (db) => {
      const result = await eraseMember(db, i18n, memberId, by, new Date());
      if (result.status !== "erased") {
        if (result.status === "not_found") throw new Error(`erase-member: no member ${memberId}`);
        process.stdout.write(`member ${memberId} was already erased\n`);
        return 0;
      }
      process.stdout.write(`member ${memberId} erased: now ${result.pseudonym}; ${result.chatsTold} chat(s) told\n`);
      return 0;
    });
  },
};
