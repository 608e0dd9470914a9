// Prisma client factory. SQLite (better-sqlite3 driver adapter) is the embedded default; a
// postgres:// URL opens PostgreSQL through @prisma/adapter-pg and the client generated from
// prisma/postgres/schema.prisma. Both clients have the same models, so the rest of the code sees one `Db`.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { type Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { MIGRATIONS_TABLES, provider, providerOf, useProvider } from "./dialect.ts";
import { adapterTransaction, bindTransaction, openingTransaction, outsideTransactionsOn } from "./direct.ts";
import { keepingStatements } from "./statement-cache.ts";
import { statementsOn, type WriteListener, watchStatements, writesOn } from "./watch.ts";

export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;

/**
 * Statements and transactions a client has sent since it opened: all of them, and those of the
 * transactions that handle updates (`write` with `forUpdates`), apart from the sending and the jobs
 * that run beside them.
 */
export type Sent = { statements: number; transactions: number; updateStatements: number; updateTransactions: number };
const NOTHING_SENT: Sent = { statements: 0, transactions: 0, updateStatements: 0, updateTransactions: 0 };

/** What the adapter saw of each client: its write listeners and its statement counts. */
const watched = new WeakMap<object, { heard: Set<WriteListener>; counts: Sent }>();

/** What this client has sent (for /metrics and the benches). */
export function statementsSent(db: Db): Sent {
  return { ...(watched.get(db)?.counts ?? NOTHING_SENT) };
}

/** Hear every write statement this client sends, so in-memory copies (the actor cache) can be dropped. */
export function onWrite(db: Db, listener: WriteListener): void {
  const state = watched.get(db);
  if (!state) throw new Error("onWrite needs a client from openDb");
  state.heard.add(listener);
}

/**
 * Open the database named by DATABASE_URL (a `file:` path for SQLite, a `postgres://` address).
 * The SQLite adapter runs everything on one connection: a write outside `$transaction`
 * would join whatever transaction is open, so writers always use `$transaction`.
 */
export async function openDb(databaseUrl: string, options: { poolSize?: number } = {}): Promise<Db> {
  const kind = providerOf(databaseUrl);
  useProvider(kind);
  const heard = new Set<WriteListener>();
  const counts = { ...NOTHING_SENT };
  let connected: SqlDriverAdapter | undefined;
  const watch = (adapter: SqlDriverAdapterFactory) =>
    watchStatements(adapter, {
      statement: () => counts.statements++,
      transaction: () => counts.transactions++,
      write: (table, kind) => {
        for (const listener of heard) listener(table, kind);
      },
      connected: (adapter) => {
        connected = adapter;
      },
    });
  const db =
    kind === "postgres" ? await openPostgres(databaseUrl, options.poolSize ?? 10, watch) : await openSqlite(databaseUrl, watch);
  watched.set(db, { heard, counts });
  outsideTransactionsOn(db, () => connected);
  return db;
}

async function openSqlite(databaseUrl: string, watch: (a: SqlDriverAdapterFactory) => SqlDriverAdapterFactory): Promise<Db> {
  const file = databaseUrl.slice("file:".length);
  mkdirSync(path.dirname(file), { recursive: true });
  // timeout = SQLite busy_timeout in ms.
  const db = new PrismaClient({
    adapter: watch(keepingStatements(new PrismaBetterSQLite3({ url: databaseUrl, timeout: 5000 }))),
  });
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  // FULL: a committed repayment or check-in survives a power cut.
  await db.$queryRawUnsafe("PRAGMA synchronous = FULL");
  return db;
}

/**
 * PostgreSQL: a pool of `poolSize` connections, every session in UTC (the adapter sends times
 * without a zone). Loaded only when asked for, so SQLite users never load the second client.
 */
async function openPostgres(
  databaseUrl: string,
  poolSize: number,
  watch: (a: SqlDriverAdapterFactory) => SqlDriverAdapterFactory,
): Promise<Db> {
  const [{ PrismaPg }, generated] = await Promise.all([
    import("@prisma/adapter-pg"),
    import("../../generated/prisma-pg/client.ts"),
  ]);
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize, options: "-c timezone=UTC" });
  // Same models, same queries: the PostgreSQL client is used through the one `Db` type.
  return new generated.PrismaClient({ adapter: watch(adapter) }) as unknown as Db;
}

/**
 * Run `work` in one transaction. Waits patiently for the single SQLite writer: under a burst,
 * Prisma's default 2 s wait would fail perfectly good work.
 */
export function write<T>(db: Db, work: (tx: Tx) => Promise<T>, options: { forUpdates?: boolean } = {}): Promise<T> {
  let on: object | undefined;
  const done = openingTransaction(() =>
    db.$transaction(
      (tx) => {
        on = bindTransaction(tx);
        return work(on as Tx);
      },
      { maxWait: 60_000, timeout: 30_000 },
    ),
  );
  if (!options.forUpdates) return done;
  return done.finally(() => {
    const counts = watched.get(db)?.counts;
    if (!counts) return;
    counts.updateTransactions++;
    counts.updateStatements += statementsOn(on && adapterTransaction(on));
  });
}

/**
 * Write statements to `tables` a transaction from `write` has sent so far (undefined for any other
 * runner): a copy of rows kept for the transaction's length is stale once this moves.
 */
export function writesSoFar(tx: Tx, tables: string[]): number | undefined {
  const on = adapterTransaction(tx);
  return on ? writesOn(on, tables) : undefined;
}

/** True when the database answers a trivial query. */
export async function pingDb(db: Db): Promise<boolean> {
  try {
    // Touch a real table: a reachable but broken database must fail too.
    await db.$queryRawUnsafe(`SELECT 1 FROM "${MIGRATIONS_TABLES[provider()]}" LIMIT 1`);
    return true;
  } catch {
    return false;
  }
}
