// `invite-codes`: fresh one-time codes for a club, or one proxy code.
import { issueClubCodes, issueProxyCode } from "../domain/invites/club-invites.ts";
import type { Command } from "./command.ts";
import { csvLine, option, withDb } from "./support.ts";

export const inviteCodesCommand: Command = {
  summary: "print CSV member_id,full_name,phone,code: a fresh one-time code for every member not yet linked (or one proxy code)",
  usage: "invite-codes --club <club_code> [--proxy-for <member_id>]",
  run: async (args) => {
    const club = option(args, "--club");
    if (!club) throw new Error("invite-codes: --club <club_code> is required");
    const proxyFor = option(args, "--proxy-for");
    return withDb(async (db) => {
      const codes = proxyFor
        ? [await issueProxyCode(db, club, proxyFor, new Date())]
        : await issueClubCodes(db, club, new Date());
      process.stdout.write(`${csvLine(["member_id", "full_name", "phone", "code"])}\n`);
      for (const c of codes) process.stdout.write(`${csvLine([c.memberId, c.fullName, c.phone ?? "", c.code])}\n`);
      return 0;
    });
  },
};
