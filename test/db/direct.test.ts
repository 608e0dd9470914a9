// Raw SQL inside `write` goes to the driver adapter (db/direct.ts), on the provider under test: the
// rows, the counts and the errors are what the client gives for the same statement, and nothing runs
// on a transaction that has ended. Outside one, PostgreSQL's go to the adapter's pool the same way.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../../generated/prisma/client.ts";
import { type Db, openDb, write } from "../../src/db/client.ts";
import { isDatabaseUnavailable } from "../../src/db/dialect.ts";
import { execute, query } from "../../src/db/direct.ts";
import { sqlDate } from "../../src/db/raw.ts";
import { freshDatabaseUrl, onPostgres } from "../support/db.ts";
import { startPostgres } from "../support/postgres.ts";

let db: Db;
let clubId: string;
beforeAll(async () => {
  db = await openDb(await freshDatabaseUrl());
  const province = await db.province.create({ data: { name: "Tỉnh Thẳng" } });
  const commune = await db.commune.create({ data: { provinceId: province.id, name: "Xã Thẳng" } });
  const club = await db.club.create({ data: { communeId: commune.id, code: "THG1", name: "CLB Thẳng" } });
  clubId = club.id;
  const member = await db.member.create({ data: { clubId, fullName: "Lê Thị Thẳng", gender: "F", birthYear: 1951 } });
  await db.consent.create({ data: { memberId: member.id, purpose: "health", given: true, textVersion: 1, via: "board" } });
  for (const amount of [5_000_000n, 9_007_199_254_740_993n])
    await db.ledgerEntry.create({
      data: {
        clubId,
        memberId: member.id,
        fund: "dues",
        kind: "contribution",
        amount,
        idempotencyKey: `k${amount}`,
        at: new Date("2026-12-01T02:00:00.123Z"),
      },
    });
});
afterAll(() => db.$disconnect());

/** Every kind of value the project's raw statements read: ids, counts, sums, money, text, dates, booleans, nulls. */
const mixed = () => Prisma.sql`
  SELECT e."id", e."amount", e."note", e."at", m."birthYear", m."fullName", c."given",
    (SELECT COUNT(*) FROM "LedgerEntry") AS "entries",
    (SELECT CAST(SUM("amount") AS BIGINT) FROM "LedgerEntry") AS "total",
    ${sqlDate(new Date("2026-12-07T01:02:03.456Z"))} AS "param"
  FROM "LedgerEntry" e JOIN "Member" m ON m."id" = e."memberId" JOIN "Consent" c ON c."memberId" = m."id"
  WHERE e."clubId" = ${clubId} AND e."amount" >= ${5_000_000n} ORDER BY e."id"`;

/** The raw statements that went through the client itself, counted by a client extension. */
let throughClient = 0;
const counted = () =>
  db.$extends({
    query: {
      $queryRaw({ args, query }) {
        throughClient++;
        return query(args);
      },
      $executeRaw({ args, query }) {
        throughClient++;
        return query(args);
      },
    },
  }) as unknown as Db;

describe("raw SQL inside a transaction", () => {
  it("gives the rows and counts the client gives, without asking the client", async () => {
    const byClient = await db.$queryRaw<Record<string, unknown>[]>(mixed());
    expect(byClient).toHaveLength(2);
    expect(typeof byClient[0]?.amount).toBe("bigint");
    const client = counted();
    expect(await client.$queryRaw(mixed())).toEqual(byClient);
    expect(throughClient).toBe(1);
    const direct = await write(client, (tx) => query<Record<string, unknown>>(tx, mixed()));
    expect(direct).toEqual(byClient);

    const note = (text: string) =>
      Prisma.sql`UPDATE "LedgerEntry" SET "note" = ${text} WHERE "clubId" = ${clubId} AND "kind" = ${"contribution"}`;
    expect(await write(client, (tx) => execute(tx, note("trực tiếp")))).toBe(await db.$executeRaw(note("qua client")));
    expect(throughClient).toBe(1);
  });

  it("fails as the client fails: the same code, the database's own message", async () => {
    const duplicate = Prisma.sql`INSERT INTO "Province" ("id", "name") VALUES (${"dup"}, ${"Trùng"})`;
    await db.$executeRaw(duplicate);
    const byClient = await db.$executeRaw(duplicate).catch((e: Error & { code?: string }) => e);
    const direct = await write(db, (tx) => execute(tx, duplicate)).catch((e: Error & { code?: string }) => e);
    expect(direct).toBeInstanceOf(Error);
    expect((direct as { code?: string }).code).toBe((byClient as { code?: string }).code);
    expect((byClient as Error).message).toContain((direct as Error).message);
  });

  it("runs nothing on a transaction that has ended", async () => {
    const stale = await write(db, async (tx) => tx);
    const error = await query(stale, Prisma.sql`SELECT 1 AS "one"`).catch((e: Error & { code?: string }) => e);
    expect(error).toMatchObject({ code: "P2028", message: "Transaction already closed" });
  });
});

describe("raw SQL outside a transaction", () => {
  it("gives the rows, counts and errors the client gives; on PostgreSQL without asking the client", async () => {
    const byClient = await db.$queryRaw<Record<string, unknown>[]>(mixed());
    // Watch the client's own raw entry points on this very client (the adapter is found by the client).
    let asked = 0;
    const own = db as unknown as Record<"$queryRaw" | "$executeRaw", (...args: unknown[]) => unknown>;
    const originals = { $queryRaw: own.$queryRaw, $executeRaw: own.$executeRaw };
    for (const name of ["$queryRaw", "$executeRaw"] as const)
      own[name] = (...args: unknown[]) => {
        asked++;
        return originals[name].apply(db, args);
      };
    try {
      expect(await query<Record<string, unknown>>(db, mixed())).toEqual(byClient);
      const note = Prisma.sql`UPDATE "LedgerEntry" SET "note" = ${"ngoài"} WHERE "clubId" = ${clubId}`;
      expect(await execute(db, note)).toBe(2);
      const duplicate = Prisma.sql`INSERT INTO "Province" ("id", "name") VALUES (${"dup2"}, ${"Trùng hai"})`;
      await execute(db, duplicate);
      const error = await execute(db, duplicate).catch((e: Error & { code?: string }) => e);
      expect(error).toMatchObject({ code: "P2010" });
      // SQLite's one connection may hold a transaction: there the client runs them.
      expect(asked).toBe(process.env.TEST_DATABASE === "postgres" ? 0 : 4);
    } finally {
      Object.assign(own, originals);
    }
  });
});

describe.runIf(onPostgres)("PostgreSQL gone, outside a transaction", () => {
  it("fails as a database that cannot be reached (the client's P1001), so callers wait and try again", async () => {
    const cluster = await startPostgres();
    try {
      await cluster.admin("CREATE DATABASE gone");
      const gone = await openDb(cluster.url("gone"));
      // The first statement connects the client; the next go to its adapter's pool.
      for (let i = 0; i < 2; i++) expect(await query(gone, Prisma.sql`SELECT 1 AS "one"`)).toEqual([{ one: 1 }]);
      await cluster.halt("SIGINT");
      // Let the pool drop the connections the server closed: the next statement asks for a new one.
      await new Promise((r) => setTimeout(r, 500));
      const error = await query(gone, Prisma.sql`SELECT 1 AS "one"`).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "P1001" });
      expect(isDatabaseUnavailable(error)).toBe(true);
      await cluster.restart();
      expect(await query(gone, Prisma.sql`SELECT 1 AS "one"`)).toEqual([{ one: 1 }]);
      await gone.$disconnect();
    } finally {
      await cluster.stop();
    }
  }, 60_000);
});
