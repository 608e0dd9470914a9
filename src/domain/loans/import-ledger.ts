// import-ledger: the treasurer's paper book (CSV/XLSX) into the ledger, all rows or none.
// Each row's idempotency key comes from its content, so re-importing records nothing new.
import { createHash } from "node:crypto";
import { type Db, type Tx, write } from "../../db/client.ts";
import { normalize, parseAmount } from "../../engine/match.ts";
import { normalizePhone } from "../members/phone.ts";
import { type Problem, problem, type RowError } from "../roster/row-errors.ts";
import { type NewEntry, recordEntry } from "./ledger.ts";

export const LEDGER_COLUMNS = ["club_code", "phone", "loan_ref", "kind", "amount_vnd", "date", "note"] as const;
const LOAN_KINDS = ["disbursement", "repayment", "interest", "fee"] as const;
const FUND_KINDS: Record<string, "dues" | "income" | "activity"> = {
  dues: "dues",
  income_fund: "income",
  activity_fund: "activity",
};

export type LedgerRow = {
  row: number;
  clubCode: string;
  phone: string;
  loanRef: string;
  kind: string;
  amount: bigint;
  at: Date;
  note: string;
  key: string;
};
export type LoanDefaults = { termMonths: number; rateBp: number; method: "equal_principal" | "interest_only" };

export function validateLedger(table: string[][]): { rows: LedgerRow[]; errors: RowError[] } {
  const [header, ...body] = table;
  const columns = (header ?? []).map((h) => normalize(h).replace(/\s+/g, "_"));
  const missing = LEDGER_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0)
    return { rows: [], errors: [{ row: 1, problems: [problem("missing_columns", { columns: missing.join(", ") })] }] };
  const rows: LedgerRow[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  body.forEach((cells, i) => {
    const row = i + 2;
    const v = Object.fromEntries(LEDGER_COLUMNS.map((c) => [c, (cells[columns.indexOf(c)] ?? "").trim()])) as Record<
      (typeof LEDGER_COLUMNS)[number],
      string
    >;
    const problems: Problem[] = [];
    const kind = v.kind.toLowerCase();
    if (!(LOAN_KINDS as readonly string[]).includes(kind) && !(kind in FUND_KINDS))
      problems.push(problem("kind", { value: v.kind, kinds: [...LOAN_KINDS, ...Object.keys(FUND_KINDS)].join(", ") }));
    if ((LOAN_KINDS as readonly string[]).includes(kind) && v.loan_ref === "")
      problems.push(problem("empty", { column: "loan_ref" }));
    const amount = /^\d+$/.test(v.amount_vnd) ? { ok: true as const, vnd: BigInt(v.amount_vnd) } : parseAmount(v.amount_vnd);
    if (!amount.ok || amount.vnd <= 0n) problems.push(problem("amount", { value: v.amount_vnd }));
    const at = parseDay(v.date);
    if (!at) problems.push(problem("date", { value: v.date }));
    if (!normalizePhone(v.phone)) problems.push(problem("phone"));
    if (v.club_code === "") problems.push(problem("empty", { column: "club_code" }));
    if (problems.length > 0) {
      errors.push({ row, problems });
      return;
    }
    const content = [
      v.club_code,
      normalizePhone(v.phone),
      v.loan_ref,
      kind,
      String(amount.ok && amount.vnd),
      v.date,
      v.note,
    ].join("|");
    const n = (seen.get(content) ?? 0) + 1;
    seen.set(content, n);
    const key = `import:${createHash("sha256").update(content).digest("hex").slice(0, 32)}:${n}`;
    rows.push({
      row,
      clubCode: v.club_code,
      phone: normalizePhone(v.phone) as string,
      loanRef: v.loan_ref,
      kind,
      amount: amount.ok ? amount.vnd : 0n,
      at: at as Date,
      note: v.note,
      key,
    });
  });
  return { rows, errors };
}

/** 9:00 in Vietnam on the given day. */
function parseDay(text: string): Date | undefined {
  const dmy = text.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
  const ymd = text.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  const [y, m, d] = dmy ? [dmy[3], dmy[2], dmy[1]] : ymd ? [ymd[1], ymd[2], ymd[3]] : [];
  if (!y) return undefined;
  const at = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d), 2));
  return at.getUTCDate() === Number(d) && at.getUTCMonth() === Number(m) - 1 ? at : undefined;
}

export class LedgerImportError extends Error {
  constructor(readonly errors: RowError[]) {
    super(`${errors.length} bad row(s)`);
  }
}

export async function importLedger(
  db: Db,
  rows: LedgerRow[],
  defaults: LoanDefaults,
): Promise<{ recorded: number; already: number }> {
  return write(db, async (tx) => {
    const errors: RowError[] = [];
    const plans: Array<{ row: LedgerRow; entry: () => Promise<NewEntry | undefined> }> = [];
    for (const row of rows) {
      const club = await tx.club.findUnique({ where: { code: row.clubCode } });
      const members = club ? await tx.member.findMany({ where: { clubId: club.id, phone: row.phone, status: "active" } }) : [];
      if (!club) errors.push({ row: row.row, problems: [problem("no_club", { club: row.clubCode })] });
      else if (members.length !== 1)
        errors.push({
          row: row.row,
          problems: [members.length === 0 ? problem("no_member") : problem("phone_many", { count: members.length })],
        });
      else plans.push({ row, entry: () => entryFor(tx, row, club.id, members[0]?.id as string, defaults) });
    }
    if (errors.length > 0) throw new LedgerImportError(errors);
    let recorded = 0;
    for (const plan of plans) {
      const entry = await plan.entry();
      if (!entry) {
        errors.push({ row: plan.row.row, problems: [problem("no_loan", { loan: plan.row.loanRef })] });
        continue;
      }
      const result = await recordEntry(tx, entry);
      if (result.status === "over_balance")
        errors.push({
          row: plan.row.row,
          problems: [problem("over_balance", { left: result.left, loan: plan.row.loanRef })],
        });
      else if (!result.duplicate) recorded += 1;
    }
    // Rolls the whole file back: nothing half-applied.
    if (errors.length > 0) throw new LedgerImportError(errors);
    return { recorded, already: rows.length - recorded };
  });
}

async function entryFor(
  tx: Tx,
  row: LedgerRow,
  clubId: string,
  memberId: string,
  defaults: LoanDefaults,
): Promise<NewEntry | undefined> {
  const base = { clubId, memberId, amount: row.amount, idempotencyKey: row.key, at: row.at, note: row.note || undefined };
  const fund = FUND_KINDS[row.kind];
  if (fund) return { ...base, fund, kind: "contribution" };
  let loan = await tx.loan.findUnique({ where: { clubId_ref: { clubId, ref: row.loanRef } } });
  if (!loan && row.kind === "disbursement") {
    loan = await tx.loan.create({
      data: { clubId, memberId, ref: row.loanRef, principal: row.amount, ...defaults, disbursedAt: row.at },
    });
  }
  if (!loan || loan.memberId !== memberId) return undefined;
  return { ...base, loanId: loan.id, kind: row.kind as NewEntry["kind"] };
}
