// `import-ledger`: the treasurer's paper book, all rows or none.
import { importLedger, LedgerImportError, validateLedger } from "../domain/loans/import-ledger.ts";
import type { RowError } from "../domain/roster/row-errors.ts";
import type { Command } from "./command.ts";
import { option, readTable, reportBadRows, withDb } from "./support.ts";

export const importLedgerCommand: Command = {
  summary: "import the treasurer's book (.csv or .xlsx: club_code,phone,loan_ref,kind,amount_vnd,date,note); all rows or none",
  usage:
    "import-ledger <file> [--term <months, default 12>] [--rate-bp <monthly basis points, default 0>] [--method equal_principal|interest_only]",
  run: async (args) => {
    const file = args[0];
    if (!file || file.startsWith("--")) throw new Error("import-ledger: name a .csv or .xlsx file");
    const defaults = {
      termMonths: Number(option(args, "--term") ?? 12),
      rateBp: Number(option(args, "--rate-bp") ?? 0),
      method: (option(args, "--method") ?? "equal_principal") as "equal_principal" | "interest_only",
    };
    if (
      !Number.isInteger(defaults.termMonths) ||
      defaults.termMonths < 1 ||
      !Number.isInteger(defaults.rateBp) ||
      defaults.rateBp < 0
    ) {
      throw new Error("import-ledger: --term and --rate-bp take whole numbers");
    }
    if (!["equal_principal", "interest_only"].includes(defaults.method))
      throw new Error("import-ledger: --method is equal_principal or interest_only");
    const { rows, errors } = validateLedger(await readTable(file));
    const report = (list: RowError[]) => reportBadRows("import-ledger", list);
    if (errors.length > 0) return report(errors);
    return withDb(async (db) => {
      try {
        const result = await importLedger(db, rows, defaults);
        process.stdout.write(`${rows.length} rows: ${result.recorded} recorded, ${result.already} already in the book\n`);
        return 0;
      } catch (error) {
        if (error instanceof LedgerImportError) return report(error.errors);
        throw error;
      }
    });
  },
};
