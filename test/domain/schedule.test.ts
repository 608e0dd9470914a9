// Schedules against hand-computed tables (test/fixtures/schedules), and where a borrower stands.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { installments, type LoanTerms, standing } from "../../src/domain/loans/schedule.ts";

const dir = path.join(import.meta.dirname, "..", "fixtures", "schedules");
type Fixture = {
  terms: Omit<LoanTerms, "principal" | "disbursedAt"> & { principal: string; disbursedAt: string };
  rows: Array<Record<string, string>>;
};
const local = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

function termsOf(f: Fixture): LoanTerms {
  return { ...f.terms, principal: BigInt(f.terms.principal), disbursedAt: new Date(f.terms.disbursedAt) };
}

describe("schedule", () => {
  for (const file of readdirSync(dir)) {
    it(`matches ${file}`, () => {
      const fixture = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Fixture;
      const rows = [...installments(termsOf(fixture))];
      expect(
        rows.map((r) => ({
          due: local(r.due),
          principal: String(r.principal),
          interest: String(r.interest),
          total: String(r.total),
        })),
      ).toEqual(fixture.rows);
      expect(rows.reduce((a, r) => a + r.principal, 0n)).toBe(BigInt(fixture.terms.principal));
    });
  }
});

describe("standing", () => {
  const fixture = JSON.parse(readFileSync(path.join(dir, "equal-principal-1pct.json"), "utf8")) as Fixture;
  const rows = [...installments(termsOf(fixture))];
  it("on time: the next installment", () => {
    expect(standing(rows, 1_030_000n, new Date("2026-03-01T00:00:00Z"))).toEqual({
      next: { due: rows[1]?.due, amount: 1_020_000n },
      overdue: 0n,
      overdueSince: undefined,
    });
  });
  it("late: the overdue amount since the first unpaid due date, and the next one", () => {
    expect(standing(rows, 1_030_000n, new Date("2026-03-20T00:00:00Z"))).toEqual({
      next: { due: rows[2]?.due, amount: 1_010_000n },
      overdue: 1_020_000n,
      overdueSince: rows[1]?.due,
    });
  });
  it("a part payment leaves the rest of that installment", () => {
    expect(standing(rows, 1_500_000n, new Date("2026-03-01T00:00:00Z")).next?.amount).toBe(550_000n);
  });
  it("all paid: nothing next, nothing overdue", () => {
    expect(standing(rows, 3_060_000n, new Date("2026-12-01T00:00:00Z"))).toEqual({ overdue: 0n, overdueSince: undefined });
  });
});
