// `import-roster`: members from a roster file, all rows or none.
import { importRoster } from "../domain/roster/import-roster.ts";
import { validateRoster } from "../domain/roster/roster-rows.ts";
import type { Command } from "./command.ts";
import { readTable, reportBadRows, withDb } from "./support.ts";

export const importRosterCommand: Command = {
  summary: "import members from a roster file (.csv or .xlsx); all rows or none",
  usage: "import-roster <file.csv|file.xlsx>",
  run: async (args) => {
    const file = args[0];
    if (!file) throw new Error("import-roster: name a .csv or .xlsx file");
    const table = await readTable(file);
    const now = new Date();
    const { rows, errors } = validateRoster(table, now.getFullYear());
    if (errors.length > 0) return reportBadRows("import-roster", errors);
    return withDb(async (db) => {
      const progress =
        rows.length > 1000 ? (done: number) => process.stderr.write(`imported ${done}/${rows.length} rows\n`) : undefined;
      const result = await importRoster(db, rows, now, progress);
      process.stdout.write(
        `${rows.length} rows: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged\n`,
      );
      return 0;
    });
  },
};
