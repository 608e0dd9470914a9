// The treasurer's paper book uploaded in the workplace: the same checks and all-or-nothing rule as
// `import-ledger`, this club's rows only, the club's usual loan terms for loans it creates.
import type { Db } from "../../db/client.ts";
import { importLedger, LedgerImportError, validateLedger } from "../../domain/loans/import-ledger.ts";
import { problem } from "../../domain/roster/row-errors.ts";
import type { ClubPage } from "../areas.ts";
import { type UploadOutcome, uploadedTable } from "./roster.ts";

const DEFAULTS = { termMonths: 12, rateBp: 0, method: "equal_principal" } as const;

export type LedgerOutcome =
  | { status: "recorded"; rows: number; recorded: number; already: number }
  | Exclude<UploadOutcome, { status: "imported" }>;

export async function uploadLedger(db: Db, club: ClubPage, name: string, bytes: Buffer): Promise<LedgerOutcome> {
  const table = await uploadedTable(name, bytes);
  if (!table) return { status: "bad_file" };
  const { rows, errors } = validateLedger(table);
  const elsewhere = rows.filter((r) => r.clubCode !== club.code).map((r) => ({ row: r.row, problems: [problem("other_club")] }));
  const all = [...errors, ...elsewhere].sort((a, b) => a.row - b.row);
  if (all.length > 0) return { status: "bad_rows", errors: all };
  try {
    const result = await importLedger(db, rows, DEFAULTS);
    return { status: "recorded", rows: rows.length, ...result };
  } catch (error) {
    if (error instanceof LedgerImportError) return { status: "bad_rows", errors: error.errors };
    throw error;
  }
}
