// Property: whatever sequence of loan entries, repayments, contributions, reversals and retried
// idempotency keys, no loan's balance is ever negative, a loan's balance (summed in the database)
// equals the sum of the entries that stand, and so does the fund's total — exactly, in BigInt.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openDb, write } from "../../src/db/client.ts";
import { seedDemo } from "../../src/domain/demo/demo-seed.ts";
import { loanBalance, recordEntry, reverseEntry, signed } from "../../src/domain/loans/ledger.ts";
import { freshDatabaseUrl } from "../support/db.ts";

let db: Db;
let clubId = "";
let memberId = "";
beforeAll(async () => {
  db = await openDb(await freshDatabaseUrl());
  await seedDemo(db, new Date());
  const member = await db.member.findFirstOrThrow({ where: { fullName: "Bùi Thị Thu" } });
  memberId = member.id;
  clubId = member.clubId;
});
afterAll(() => db.$disconnect());

type Op =
  | { type: "entry"; kind: "disbursement" | "repayment" | "interest" | "fee" | "contribution"; amount: bigint; key: number }
  | { type: "reverse"; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    type: fc.constant("entry" as const),
    kind: fc.constantFrom(
      "disbursement" as const,
      "repayment" as const,
      "repayment" as const,
      "interest" as const,
      "fee" as const,
      "contribution" as const,
    ),
    amount: fc.bigInt({ min: 1000n, max: 50_000_000n }),
    key: fc.integer({ min: 0, max: 12 }), // small range: keys get retried often
  }),
  fc.record({ type: fc.constant("reverse" as const), pick: fc.nat() }),
);

type Standing = { id: number; amount: bigint; onLoan: boolean };
const sum = (entries: Standing[]) => entries.reduce((a, e) => a + e.amount, 0n);

let run = 0;
describe("ledger balance", () => {
  it("is never negative and equals the sum of the entries that stand, over 1,000 random histories", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 14 }), async (ops) => {
        run += 1;
        const fund = `p${run}` as "income";
        const loan = await write(db, (tx) =>
          tx.loan.create({
            data: {
              clubId,
              memberId,
              ref: `P${run}`,
              principal: 1n,
              rateBp: 0,
              termMonths: 1,
              method: "equal_principal",
              disbursedAt: new Date(),
            },
          }),
        );
        // The model: entries by idempotency key (first write wins), and which were reversed.
        const byKey = new Map<number, Standing>();
        const reversed = new Set<number>();
        const standing = () => [...byKey.values()].filter((e) => !reversed.has(e.id));
        const modelBalance = () => sum(standing().filter((e) => e.onLoan));
        for (const o of ops) {
          await write(db, async (tx) => {
            if (o.type === "entry") {
              const onLoan = o.kind !== "contribution";
              const before = modelBalance();
              const r = await recordEntry(tx, {
                clubId,
                memberId,
                ...(onLoan ? { loanId: loan.id } : { fund }),
                kind: o.kind,
                amount: o.amount,
                idempotencyKey: `p${run}:${o.key}`,
                at: new Date(),
              });
              const retried = byKey.has(o.key);
              const tooMuch = !retried && o.kind === "repayment" && o.amount > before;
              expect(r.status).toBe(tooMuch ? "over_balance" : "recorded");
              if (r.status === "over_balance") expect(r.left).toBe(before);
              if (r.status === "recorded") {
                expect(r.duplicate).toBe(retried);
                if (!retried) byKey.set(o.key, { id: r.id, amount: signed(o.kind, o.amount), onLoan });
              }
            } else {
              const ids = [...byKey.values()];
              const target = ids[o.pick % Math.max(ids.length, 1)];
              if (!target) return;
              const r = await reverseEntry(tx, target.id, `p${run}:rev:${target.id}:${o.pick}`, undefined, new Date());
              const wouldGoNegative = target.onLoan && target.amount > 0n && modelBalance() < target.amount;
              expect(r.status).toBe(
                reversed.has(target.id) ? "already_reversed" : wouldGoNegative ? "would_go_negative" : "reversed",
              );
              if (r.status === "reversed") reversed.add(target.id);
            }
          });
          const balance = await loanBalance(db as never, loan.id);
          expect(balance).toBeGreaterThanOrEqual(0n);
        }
        const balance = await loanBalance(db as never, loan.id);
        expect(typeof balance).toBe("bigint");
        expect(balance).toBe(modelBalance());
        const fundTotal = await db.ledgerEntry.aggregate({ where: { clubId, fund }, _sum: { amount: true } });
        expect(fundTotal._sum.amount ?? 0n).toBe(sum(standing().filter((e) => !e.onLoan)));
      }),
      { numRuns: 1000 },
    );
  }, 300_000);
});
