// `attendance`: one meeting's attendance as CSV.
import { writeFile } from "node:fs/promises";
import { attendanceRows } from "../domain/meetings/export.ts";
import type { Command } from "./command.ts";
import { csvLine, requiredOptions, withDb } from "./support.ts";

export const attendanceCommand: Command = {
  summary: "write one meeting's attendance as CSV",
  usage: "attendance --meeting <id> --out <file.csv>",
  run: async (args) => {
    const [meeting, out] = requiredOptions(args, "attendance", ["--meeting", "id"], ["--out", "file.csv"]);
    return withDb(async (db) => {
      const rows = await attendanceRows(db, meeting);
      await writeFile(out, `${rows.map(csvLine).join("\n")}\n`);
      process.stdout.write(`${rows.length - 1} members written to ${out}\n`);
      return 0;
    });
  },
};
