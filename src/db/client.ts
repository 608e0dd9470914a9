// Prisma client factory. SQLite (better-sqlite3 driver adapter) is the embedded default.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { type Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { type WriteListener, watchStatements } from "./watch.ts";

export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;

export class UnsupportedDatabaseError extends Error {}

/** What the adapter saw of each client: its write listeners and its statement counts. */
const watched = new WeakMap<object, { heard: Set<WriteListener>; counts: { statements: number; transactions: number } }>();

/** Statements and transactions this client has sent since it opened (for /metrics and the benches). */
export function statementsSent(db: Db): { statements: number; transactions: number } {
  return { ...(watched.get(db)?.counts ?? { statements: 0, transactions: 0 }) };
}

/** Hear every write statement this client sends, so in-memory copies (the actor cache) can be dropped. */
export function onWrite(db: Db, listener: WriteListener): void {
  const state = watched.get(db);
  if (!state) throw new Error("onWrite needs a client from openDb");
  state.heard.add(listener);
}

/**
 * Open the database named by a CONTRACT.md DATABASE_URL.
 * The SQLite adapter runs everything on one connection: a write outside `$transaction`
 * would join whatever transaction is open, so writers always use `$transaction`.
 */
export async function openDb(databaseUrl: string): Promise<Db> {
  if (!databaseUrl.startsWith("file:")) {
    throw new UnsupportedDatabaseError("DATABASE_URL: only file: (SQLite) is built into this version");
  }
  const file = databaseUrl.slice("file:".length);
  mkdirSync(path.dirname(file), { recursive: true });
  // timeout = SQLite busy_timeout in ms.
  const heard = new Set<WriteListener>();
  const counts = { statements: 0, transactions: 0 };
  const adapter = watchStatements(new PrismaBetterSQLite3({ url: databaseUrl, timeout: 5000 }), {
    statement: () => counts.statements++,
    transaction: () => counts.transactions++,
    write: (table, kind) => {
      for (const listener of heard) listener(table, kind);
    },
  });
  const db = new PrismaClient({ adapter });
  watched.set(db, { heard, counts });
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  // FULL: a committed repayment or check-in survives a power cut.
  await db.$queryRawUnsafe("PRAGMA synchronous = FULL");
  return db;
}

/**
 * Run `work` in one transaction. Waits patiently for the single SQLite writer: under a burst,
 * Prisma's default 2 s wait would fail perfectly good work.
 */
export function write<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(work, { maxWait: 60_000, timeout: 30_000 });
}

/** True when the database answers a trivial query. */
export async function pingDb(db: Db): Promise<boolean> {
  try {
    // Touch a real table: a reachable but broken database must fail too.
    await db.$queryRawUnsafe(`SELECT 1 FROM "_prisma_migrations" LIMIT 1`);
    return true;
  } catch {
    return false;
  }
}
