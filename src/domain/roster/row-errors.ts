// A bad row of an uploaded file (roster or paper ledger): its line and what is wrong with it, as text
// keys (`locales/<lang>/uploads.json`) so the board reads them in their language and the CLI in English.
// Amounts of money are bigints, written by the reader's own money format.
export type Problem = { key: string; values?: Record<string, string | number | bigint> };
export type RowError = { row: number; problems: Problem[] };

export const problem = (key: string, values?: Problem["values"]): Problem => ({ key, values });

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** The row's problems in one line, "; " between them. */
export function problemsText(error: RowError, t: Translate, money: (vnd: bigint) => string): string {
  return error.problems
    .map((p) => {
      const values = Object.fromEntries(
        Object.entries(p.values ?? {}).map(([k, v]) => [k, typeof v === "bigint" ? money(v) : v]),
      );
      return t(`uploads:${p.key}`, values);
    })
    .join("; ");
}
