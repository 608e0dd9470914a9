// `visits`: a club's home visits of one month as CSV.
import { visitRows } from "../domain/visits/export.ts";
import type { Command } from "./command.ts";
import { csvLine, requiredOptions, withDb } from "./support.ts";

export const visitsCommand: Command = {
  summary: "print a club's home visits of one month as CSV",
  usage: "visits --club <club_code> --month YYYY-MM",
  run: async (args) => {
    const [club, month] = requiredOptions(args, "visits", ["--club", "club_code"], ["--month", "YYYY-MM"]);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error("visits: --month must be YYYY-MM");
    return withDb(async (db) => {
      for (const row of await visitRows(db, club, month)) process.stdout.write(`${csvLine(row)}\n`);
      return 0;
    });
  },
};
