// Raw SQL inside a transaction goes straight to the transaction's driver adapter. Through the client,
// `$queryRaw` serializes the parameters, has the query compiler plan the statement and serializes the
// rows back: on the hot path that cost several times the statement itself. Parameters and rows are
// converted here as the client converts them, and a database error reads as the client's would, so a
// caller cannot tell the two apart. Outside a transaction from `write`, PostgreSQL's statements go to
// the adapter's pool as well (each commits alone, as through the client); SQLite's to the client.
import { AsyncLocalStorage } from "node:async_hooks";
import {
  type ArgType,
  type ColumnType,
  ColumnTypeEnum,
  isDriverAdapterError,
  type SqlQuery,
  type SqlQueryable,
  type SqlResultSet,
  type Transaction,
} from "@prisma/driver-adapter-utils";
import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import { provider } from "./dialect.ts";

/** The adapter transaction a `write` opened, found by the client transaction it was handed. */
const adapterOf = new WeakMap<object, Transaction>();
/** Adapter transactions committed or rolled back: nothing may run on them any more. */
const ended = new WeakSet<SqlQueryable>();
/** PostgreSQL: a client's connected adapter (its pool), for statements outside a transaction. */
const poolOf = new WeakMap<object, () => SqlQueryable | undefined>();
/**
 * PostgreSQL runs transactions side by side: `AsyncLocalStorage` carries the one a `write` began to
 * its callback. SQLite's adapter runs one at a time, so the open one is the caller's, and Node 20's
 * `AsyncLocalStorage` (a hook on every promise) is not paid there.
 */
const opening = new AsyncLocalStorage<{ tx?: Transaction }>();
let openOnSqlite: Transaction | undefined;
const oneAtATime = () => provider() === "sqlite";

/** A client or a client transaction (db/client.ts's Db and Tx, which imports this module). */
type Runner = PrismaClient | Prisma.TransactionClient;

/** Run `open`, which begins one client transaction; `bindTransaction` then finds its adapter transaction. */
export function openingTransaction<T>(open: () => Promise<T>): Promise<T> {
  return oneAtATime() ? open() : opening.run({}, open);
}

/** Called by the statement watcher when the adapter begins a transaction. */
export function transactionStarted(tx: Transaction): void {
  if (oneAtATime()) openOnSqlite = tx;
  else {
    const slot = opening.getStore();
    if (slot) slot.tx = tx;
  }
}

/** Called by the statement watcher when a transaction commits or rolls back. */
export function transactionEnded(tx: Transaction): void {
  ended.add(tx);
  if (openOnSqlite === tx) openOnSqlite = undefined;
}

/** Inside the client transaction's callback: remember which adapter transaction it runs on. */
export function bindTransaction<T extends object>(clientTx: T): T {
  const tx = oneAtATime() ? openOnSqlite : opening.getStore()?.tx;
  if (tx) adapterOf.set(clientTx, tx);
  return clientTx;
}

/** The adapter transaction a client transaction from `write` runs on. */
export function adapterTransaction(clientTx: object): Transaction | undefined {
  return adapterOf.get(clientTx);
}

/**
 * PostgreSQL: statements `db` runs outside a transaction go to `adapter` once the client has connected
 * it. SQLite's single connection is the open transaction's too: there they stay with the client.
 */
export function outsideTransactionsOn(db: object, adapter: () => SqlQueryable | undefined): void {
  if (!oneAtATime()) poolOf.set(db, adapter);
}

const runnerOf = (db: Runner): SqlQueryable | undefined => adapterOf.get(db) ?? poolOf.get(db)?.();

/** Rows of a raw statement, as `$queryRaw` gives them. */
export async function query<T>(db: Runner, sql: Prisma.Sql): Promise<T[]> {
  const on = runnerOf(db);
  if (!on) return (db as Prisma.TransactionClient).$queryRaw<T[]>(sql);
  return rowsOf(await sent(on, sql, (q) => on.queryRaw(q))) as T[];
}

/** The count of rows a raw statement changed, as `$executeRaw` gives it. */
export async function execute(db: Runner, sql: Prisma.Sql): Promise<number> {
  const on = runnerOf(db);
  if (!on) return (db as Prisma.TransactionClient).$executeRaw(sql);
  return sent(on, sql, (q) => on.executeRaw(q));
}

async function sent<T>(tx: SqlQueryable, sql: Prisma.Sql, run: (query: SqlQuery) => Promise<T>): Promise<T> {
  // The client's code and message for a transaction it has already closed.
  if (ended.has(tx)) throw Object.assign(new Error("Transaction already closed"), { code: "P2028" });
  const args = sql.values;
  try {
    return await run({ sql: provider() === "postgres" ? sql.text : sql.sql, args, argTypes: args.map(argType) });
  } catch (error) {
    if (!isDriverAdapterError(error)) throw error;
    const cause = error.cause as { originalCode?: string; originalMessage?: string; kind: string };
    throw Object.assign(
      new Error(
        `Raw query failed. Code: \`${cause.originalCode ?? "N/A"}\`. Message: \`${cause.originalMessage ?? cause.kind}\``,
      ),
      { code: UNREACHABLE_CODES[cause.kind] ?? "P2010" },
    );
  }
}

/** The client's codes for a database it cannot reach or that went away (only outside a transaction is this the first statement to meet it). */
const UNREACHABLE_CODES: Record<string, string> = {
  DatabaseNotReachable: "P1001",
  SocketTimeout: "P1008",
  ConnectionClosed: "P1017",
};

function argType(value: unknown): ArgType {
  const scalarType =
    value instanceof Date
      ? "datetime"
      : typeof value === "bigint"
        ? "bigint"
        : typeof value === "boolean"
          ? "boolean"
          : "unknown";
  return { scalarType, arity: "scalar" };
}

function rowsOf(result: SqlResultSet): Array<Record<string, unknown>> {
  const { columnNames, columnTypes } = result;
  return result.rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < columnNames.length; i++) record[columnNames[i] as string] = cellOf(row[i], columnTypes[i] as ColumnType);
    return record;
  });
}

/** A column's value as the client hands it over for its type. */
function cellOf(value: unknown, type: ColumnType): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case ColumnTypeEnum.Int32:
      return Math.trunc(Number(value));
    case ColumnTypeEnum.Int64:
      return typeof value === "number" ? BigInt(Math.trunc(value)) : BigInt(value as string);
    case ColumnTypeEnum.Numeric:
      return new Prisma.Decimal(value as string);
    case ColumnTypeEnum.Boolean:
      return typeof value === "boolean" ? value : value === 1 || value === "true" || value === "1";
    case ColumnTypeEnum.DateTime:
    case ColumnTypeEnum.Date:
      return new Date(value as string);
    case ColumnTypeEnum.Time:
      return new Date(`1970-01-01T${value as string}Z`);
    case ColumnTypeEnum.Json:
      return typeof value === "string" ? JSON.parse(value) : value;
    case ColumnTypeEnum.Bytes:
      return new Uint8Array(value as number[]);
    default:
      if (Array.isArray(value) && type >= ColumnTypeEnum.Int32Array && type <= ColumnTypeEnum.UuidArray)
        return value.map((v) => cellOf(v, (type - ColumnTypeEnum.Int32Array) as ColumnType));
      return value;
  }
}
