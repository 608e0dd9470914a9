// `visits`: a club's home visits of one month as CSV.
import { visitRows } from "../domain/visits/export.ts";
import type { Command } from "./command.ts";
import { csvLine, option, withDb } from "./support.ts";

export const visitsCommand: Command = {
  summary: "print a club's home visits of one month as CSV",
  usage: "visits --club <club_code> --month YYYY-MM",
  run: async (args) => {
    const club = option(args, "--club");
    const month = option(args, "--month");
    if (!club || !month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
      throw new Error("visits: --club <club_code> and --month YYYY-MM are required");
    return withDb(async (db) => {
      for (const row of await visitRows(db, club, month)) process.stdout.write(`${csvLine(row)}\n`);
      return 0;
    });
  },
};
