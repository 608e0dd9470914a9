// `attendance`: one meeting's attendance as CSV.
import { writeFile } from "node:fs/promises";
import { attendanceRows } from "../domain/meetings/export.ts";
import type { Command } from "./command.ts";
import { csvLine, option, withDb } from "./support.ts";

export const attendanceCommand: Command = {
  summary: "write one meeting's attendance as CSV",
  usage: "attendance --meeting <id> --out <file.csv>",
  run: async (args) => {
    const meeting = option(args, "--meeting");
    const out = option(args, "--out");
    if (!meeting || !out) throw new Error("attendance: --meeting <id> and --out <file.csv> are required");
    return withDb(async (db) => {
      const rows = await attendanceRows(db, meeting);
      await writeFile(out, `${rows.map(csvLine).join("\n")}\n`);
      process.stdout.write(`${rows.length - 1} members written to ${out}\n`);
      return 0;
    });
  },
};
