// SQLite: the driver adapter prepares every statement anew (better-sqlite3 `prepare`, then `bind`),
// and preparing cost more main-thread time than running most of the hot path's statements. The
// adapter's connection keeps its prepared statements here, the most recently used first, each run
// with the arguments of the call at hand.
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";

/** Distinct statement texts kept: bulk inserts and `IN` lists make one text per row count. */
const KEPT = 256;

type Prepared = {
  readonly reader: boolean;
  run(...args: unknown[]): unknown;
  all(...args: unknown[]): unknown[];
  columns(): unknown[];
  raw(on: boolean): Prepared;
};
/** What the adapter asks of a statement: `prepare(sql)`, then `bind(args)` or `run()`. */
type Statement = {
  readonly reader: boolean;
  bind(args: unknown[]): Statement;
  run(): unknown;
  columns(): unknown[];
  raw(): { all(): unknown[] };
};

function statement(prepared: Prepared, args: unknown[] | undefined): Statement {
  const bound = args === undefined ? [] : [args];
  return {
    reader: prepared.reader,
    bind: (given) => statement(prepared, given),
    run: () => prepared.run(...bound),
    columns: () => prepared.columns(),
    raw: () => ({ all: () => prepared.raw(true).all(...bound) }),
  };
}

function keepPrepared(database: { prepare(sql: string): Prepared }): void {
  const prepare = database.prepare.bind(database);
  const kept = new Map<string, Prepared>();
  (database as unknown as { prepare(sql: string): Statement }).prepare = (sql) => {
    let prepared = kept.get(sql);
    if (prepared) kept.delete(sql);
    else prepared = prepare(sql);
    kept.set(sql, prepared);
    if (kept.size > KEPT) kept.delete(kept.keys().next().value as string);
    return statement(prepared, undefined);
  };
}

/** The SQLite adapter factory, its connection keeping prepared statements. */
export function keepingStatements(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async (): Promise<SqlDriverAdapter> => {
      const adapter = await factory.connect();
      keepPrepared((adapter as unknown as { client: { prepare(sql: string): Prepared } }).client);
      return adapter;
    },
  };
}
