// Property: whatever sequence of entries, reversals and retried idempotency keys, a loan's balance
// (summed in the database) equals the sum of the entries that were not reversed — exactly, in BigInt.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openDb, write } from "../../src/db/client.ts";
import { seedDemo } from "../../src/domain/demo-seed.ts";
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
  | { type: "entry"; kind: "disbursement" | "repayment" | "interest" | "fee"; amount: bigint; key: number }
  | { type: "reverse"; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    type: fc.constant("entry" as const),
    kind: fc.constantFrom("disbursement" as const, "repayment" as const, "interest" as const, "fee" as const),
    amount: fc.bigInt({ min: 1000n, max: 50_000_000n }),
    key: fc.integer({ min: 0, max: 12 }), // small range: keys get retried often
  }),
  fc.record({ type: fc.constant("reverse" as const), pick: fc.nat() }),
);

let run = 0;
describe("ledger balance", () => {
  it("equals the sum of non-reversed entries, over 1,000 random histories", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 12 }), async (ops) => {
        run += 1;
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
        const byKey = new Map<number, { id: number; amount: bigint }>();
        const reversed = new Set<number>();
        for (const o of ops) {
          await write(db, async (tx) => {
            if (o.type === "entry") {
              const r = await recordEntry(tx, {
                clubId,
                loanId: loan.id,
                memberId,
                kind: o.kind,
                amount: o.amount,
                idempotencyKey: `p${run}:${o.key}`,
                at: new Date(),
              });
              if (!byKey.has(o.key)) byKey.set(o.key, { id: r.id, amount: signed(o.kind, o.amount) });
              expect(r.duplicate).toBe(byKey.get(o.key)?.id === r.id && r.duplicate);
            } else {
              const ids = [...byKey.values()];
              const target = ids[o.pick % Math.max(ids.length, 1)];
              if (!target) return;
              const r = await reverseEntry(tx, target.id, `p${run}:rev:${target.id}:${o.pick}`, undefined, new Date());
              expect(r.status).toBe(reversed.has(target.id) ? "already_reversed" : "reversed");
              reversed.add(target.id);
            }
          });
        }
        const expected = [...byKey.values()].filter((e) => !reversed.has(e.id)).reduce((a, e) => a + e.amount, 0n);
        const balance = await loanBalance(db as never, loan.id);
        expect(typeof balance).toBe("bigint");
        expect(balance).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  }, 300_000);
});
