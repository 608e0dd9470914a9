// What one raw statement costs the main thread inside a transaction: through the client's `$queryRaw`
// (parameters serialized, the statement planned by the query compiler, rows serialized back) and
// straight to the driver adapter (src/db/direct.ts), the same statement, rows and transaction.
// Prints CPU µs per statement for each, three rounds. DATABASE=postgres for PostgreSQL.
// Run: npx tsx bench/raw-statement.ts   (N=5000)
import { Prisma } from "../generated/prisma/client.ts";
import { write } from "../src/db/client.ts";
import { query } from "../src/db/direct.ts";
import { freshDatabase, stopBenchDatabases } from "./fresh-db.ts";

const N = Number(process.env.N ?? 5000);
const { db } = await freshDatabase("raw-statement");
const province = await db.province.create({ data: { name: "Tỉnh Đo" } });
const commune = await db.commune.create({ data: { provinceId: province.id, name: "Xã Đo" } });
// A statement of the hot path's kind: a join, a few parameters, a date, a row back.
const statement = () => Prisma.sql`
  SELECT c."id", c."name", p."name" AS "province", ${new Date()} AS "at"
  FROM "Commune" c JOIN "Province" p ON p."id" = c."provinceId" WHERE c."id" = ${commune.id} AND p."id" = ${province.id}`;

async function cpuMicros(run: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  await run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / N;
}

for (let round = 1; round <= 3; round++) {
  const client = await cpuMicros(() =>
    write(db, async (tx) => {
      for (let i = 0; i < N; i++) await tx.$queryRaw(statement());
    }),
  );
  const direct = await cpuMicros(() =>
    write(db, async (tx) => {
      for (let i = 0; i < N; i++) await query(tx, statement());
    }),
  );
  process.stdout.write(
    `round ${round}: client $queryRaw ${client.toFixed(1)} µs, driver adapter ${direct.toFixed(1)} µs CPU per statement (${(client / direct).toFixed(1)}×)\n`,
  );
}
await db.$disconnect();
await stopBenchDatabases();
