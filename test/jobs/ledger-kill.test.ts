// A stream of repayments entered by the treasurer while the server is killed (kill -9) 20 times:
// every acknowledged repayment is in the ledger exactly once, and nothing is recorded twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openDb, write } from "../../src/db/client.ts";
import { migrate } from "../../src/db/migrate.ts";
import { seedDemo } from "../../src/domain/demo/demo-seed.ts";
import { recordEntry } from "../../src/domain/loans/ledger.ts";
import { freshDatabaseUrl } from "../support/db.ts";
import { type ServerProcess, startServer } from "../support/server-process.ts";

const KILLS = 20;
const MIN_CONVERSATIONS = 10;
let db: Db;
let url: string;

beforeAll(async () => {
  url = await freshDatabaseUrl();
  await migrate(url);
  db = await openDb(url);
  await seedDemo(db, new Date());
  // A loan large enough for every repayment of the stream (one past the balance is refused), listed first.
  const man = await db.member.findFirstOrThrow({ where: { fullName: "Hoàng Thị Mận" } });
  await write(db, async (tx) => {
    const loan = await tx.loan.create({
      data: {
        clubId: man.clubId,
        memberId: man.id,
        ref: "V-2026-00",
        principal: 500_000_000n,
        rateBp: 0,
        termMonths: 12,
        method: "equal_principal",
        disbursedAt: new Date(),
      },
    });
    await recordEntry(tx, {
      clubId: man.clubId,
      memberId: man.id,
      loanId: loan.id,
      kind: "disbursement",
      amount: 500_000_000n,
      idempotencyKey: "kill-test:out",
      at: new Date(),
    });
  });
});
afterAll(() => db.$disconnect());

describe("repayments across 20 kill -9", () => {
  it("every acknowledged repayment is present exactly once", async () => {
    const treasurer = await db.member.findFirstOrThrow({ where: { fullName: "Phạm Thị Bình" } });
    const env = { DATABASE_URL: url };
    let server: ServerProcess = await startServer(env);
    let stopping = false;
    let kills = 0;
    // The killer: every 1-2.5 s, kill -9 and restart.
    const killer = (async () => {
      while (!stopping && kills < KILLS) {
        await new Promise((r) => setTimeout(r, 1000 + Math.random() * 1500));
        await server.kill();
        kills += 1;
        server = await startServer(env);
      }
    })();

    let n = 0;
    /** POST one message, retrying the same message id until the server answers. */
    async function send(text: string): Promise<{ status: string; replies: Array<{ text: string }> }> {
      const body = JSON.stringify({ user: `member-${treasurer.id}`, messageId: `kill-${++n}`, text });
      for (;;) {
        try {
          const res = await fetch(`${server.url}/chat/api/messages`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body,
          });
          if (res.ok) return (await res.json()) as { status: string; replies: Array<{ text: string }> };
        } catch {
          // server down: try again
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }

    const acknowledged: number[] = [];
    let confirmsProcessed = 0;
    // Keep the stream going until all the kills have happened.
    for (let i = 0; kills < KILLS || i < MIN_CONVERSATIONS; i++) {
      for (const step of ["0", "ghi so", "1", "hoang thi man", "1", "1", "10k"]) await send(step);
      const confirm = await send("1");
      confirmsProcessed += 1;
      const number = confirm.replies.map((r) => r.text.match(/Số phiếu #(\d+)/)?.[1]).find(Boolean);
      if (number) acknowledged.push(Number(number));
    }
    stopping = true;
    await killer;
    await server.stop();

    expect(kills).toBe(KILLS);
    expect(acknowledged.length).toBeGreaterThan(0);
    const entries = await db.ledgerEntry.findMany({
      where: { recordedById: treasurer.id, kind: "repayment", idempotencyKey: { startsWith: "bot:" } },
    });
    for (const id of acknowledged) expect(entries.filter((e) => e.id === id)).toHaveLength(1);
    // Each confirm was processed exactly once (retries reuse the message id), so: one entry per confirm.
    expect(entries).toHaveLength(confirmsProcessed);
    expect(entries.every((e) => e.amount === -10_000n)).toBe(true);
  }, 240_000);
});
