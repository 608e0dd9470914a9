// What the client sends, seen at the driver adapter: statements and transactions counted, writes
// named by table (raw SQL too).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../../generated/prisma/client.ts";
import { type Db, onWrite, openDb, statementsSent, write } from "../../src/db/client.ts";
import { writesOf } from "../../src/db/watch.ts";
import { freshDatabaseUrl } from "../support/db.ts";

let db: Db;
beforeAll(async () => {
  db = await openDb(await freshDatabaseUrl());
});
afterAll(() => db.$disconnect());

describe("statements seen at the adapter", () => {
  it("names the table and kind of the query builder's and raw SQL's writes, and nothing for reads", () => {
    expect(writesOf("INSERT INTO `main`.`Consent` (`memberId`) VALUES (?) RETURNING `id`")).toEqual([
      { table: "Consent", kind: "insert" },
    ]);
    expect(writesOf("UPDATE `main`.`Member` SET `language` = ? WHERE `id` = ?")).toEqual([{ table: "Member", kind: "change" }]);
    expect(writesOf('  delete from "Role" where "id" = ?')).toEqual([{ table: "Role", kind: "change" }]);
    expect(writesOf('INSERT INTO "Member" ("id") VALUES (?) ON CONFLICT ("id") DO UPDATE SET "fullName" = ?')).toEqual([
      { table: "Member", kind: "change" },
    ]);
    expect(writesOf('INSERT INTO "Member" ("id") VALUES (?) ON CONFLICT DO NOTHING')).toEqual([
      { table: "Member", kind: "insert" },
    ]);
    expect(writesOf('SELECT "id" FROM "Member" WHERE "fullName" = \'UPDATE x\'')).toEqual([]);
  });

  it("names every write of a statement that sends several together, and only those", () => {
    expect(
      writesOf(
        'WITH "w0" AS (INSERT INTO "ProcessedUpdate" ("a") VALUES ($1)), "w1" AS (DELETE FROM "Session" WHERE "accountId" IN ($2)) ' +
          'INSERT INTO "Role" ("id") VALUES ($3) ON CONFLICT ("id") DO UPDATE SET "role" = excluded."role"',
      ),
    ).toEqual([
      { table: "ProcessedUpdate", kind: "insert" },
      { table: "Session", kind: "change" },
      { table: "Role", kind: "change" },
    ]);
  });

  it("hears writes made with raw SQL inside a transaction, and counts statements and transactions", async () => {
    const heard: string[] = [];
    onWrite(db, (table, kind) => heard.push(`${table}:${kind}`));
    const before = statementsSent(db);
    await write(db, async (tx) => {
      const province = await tx.province.create({ data: { name: "Tỉnh Nghe" } });
      await tx.$executeRaw(Prisma.sql`UPDATE "Province" SET "name" = ${"Tỉnh Nghe Lại"} WHERE "id" = ${province.id}`);
      await tx.$queryRaw(Prisma.sql`SELECT "id" FROM "Province"`);
    });
    const after = statementsSent(db);
    expect(heard).toEqual(["Province:insert", "Province:change"]);
    expect(after.transactions - before.transactions).toBe(1);
    expect(after.statements - before.statements).toBeGreaterThanOrEqual(3);
  });

  it("counts the statements of the transactions that handle updates apart, their COMMIT included", async () => {
    const province = await write(db, (tx) => tx.province.create({ data: { name: "Tỉnh Đếm" } }));
    const before = statementsSent(db);
    await write(db, (tx) => tx.province.update({ where: { id: province.id }, data: { name: "Tỉnh Đếm Lại" } }));
    const plain = statementsSent(db);
    expect(plain.updateStatements - before.updateStatements).toBe(0);
    expect(plain.updateTransactions - before.updateTransactions).toBe(0);
    await write(
      db,
      async (tx) => {
        await tx.province.update({ where: { id: province.id }, data: { name: "Tỉnh Đếm Nữa" } });
        await tx.$queryRaw(Prisma.sql`SELECT "id" FROM "Province"`);
      },
      { forUpdates: true },
    );
    const after = statementsSent(db);
    expect(after.updateTransactions - plain.updateTransactions).toBe(1);
    expect(after.updateStatements - plain.updateStatements).toBeGreaterThanOrEqual(2);
    // Nothing else ran: every statement sent was the update's transaction's.
    expect(after.updateStatements - plain.updateStatements).toBe(after.statements - plain.statements);
    await expect(
      write(
        db,
        async (tx) => {
          await tx.$queryRaw(Prisma.sql`SELECT "id" FROM "Province"`);
          throw new Error("the batch failed");
        },
        { forUpdates: true },
      ),
    ).rejects.toThrow("the batch failed");
    const failed = statementsSent(db);
    expect(failed.updateTransactions - after.updateTransactions).toBe(1);
    expect(failed.updateStatements - after.updateStatements).toBe(failed.statements - after.statements);
  });
});
