// Work that two instances starting together must not both do (seeding an empty database): on
// PostgreSQL under a session advisory lock on a connection of its own; SQLite has one process.
import pg from "pg";
import { providerOf } from "./dialect.ts";

/** Advisory locks in the (int, int) key space: 3 = startup work. */
const STARTUP_LOCKS = 3;

export async function exclusively<T>(databaseUrl: string, work: () => Promise<T>): Promise<T> {
  if (providerOf(databaseUrl) === "sqlite") return work();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(${STARTUP_LOCKS}, 1)`);
    return await work();
  } finally {
    await client.end();
  }
}
