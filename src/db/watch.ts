// Every statement the client sends, seen at the driver adapter: counted, and for writes the table it
// writes and whether it only adds rows. Watching here, not with a client extension, costs one regular expression per
// statement (an extension added its own cost to every query in a transaction) and sees raw SQL too.
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  SqlQueryable,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { transactionEnded, transactionStarted } from "./direct.ts";

/** A write about to run: the table, and `insert` when it only adds new rows. */
export type WriteListener = (table: string, kind: "insert" | "change") => void;

/** What the client sends: every statement, every write, every transaction begun; and the adapter once connected. */
export type Watchers = {
  statement(): void;
  write: WriteListener;
  transaction(): void;
  connected(adapter: SqlDriverAdapter): void;
};

/**
 * A write's target: at the statement's start, or opening or following a data-modifying WITH part (db/together.ts).
 * SQLite's query builder names tables "main"."T", PostgreSQL's "public"."T", raw SQL "T".
 */
const WRITE = /(?:^|\bAS\s*\(|\))\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(?:[`"]\w+[`"]\.)?[`"]?(\w+)/gi;

/** The table and kind of each write of a statement: none for reads and everything else. */
export function writesOf(sql: string): Array<{ table: string; kind: "insert" | "change" }> {
  const matches = [...sql.matchAll(WRITE)];
  return matches.map((match, i) => {
    // An upsert may change a row that exists.
    const text = sql.slice(match.index, matches[i + 1]?.index ?? sql.length);
    const insert = /^INSERT/i.test(match[1] as string) && !/\bON\s+CONFLICT\b[\s\S]*\bDO\s+UPDATE\b/i.test(text);
    return { table: match[2] as string, kind: insert ? "insert" : "change" };
  });
}

/** Statements heard on each transaction, counted as the client-wide count is (read once it has ended). */
const sentOn = new WeakMap<Transaction, number>();
export function statementsOn(tx: Transaction | undefined): number {
  return tx ? (sentOn.get(tx) ?? 0) : 0;
}

/** Write statements heard on each transaction, by table. */
const writtenOn = new WeakMap<Transaction, Map<string, number>>();
/** How many write statements to `tables` a transaction has sent so far: a copy read in it is stale once this moves. */
export function writesOn(tx: Transaction, tables: string[]): number {
  const counts = writtenOn.get(tx);
  return counts ? tables.reduce((n, table) => n + (counts.get(table) ?? 0), 0) : 0;
}

export function watchStatements(factory: SqlDriverAdapterFactory, watchers: Watchers): SqlDriverAdapterFactory {
  const hear = (query: SqlQuery, on?: Transaction) => {
    watchers.statement();
    if (on) sentOn.set(on, (sentOn.get(on) ?? 0) + 1);
    for (const write of writesOf(query.sql)) {
      watchers.write(write.table, write.kind);
      if (!on) continue;
      const counts = writtenOn.get(on) ?? new Map<string, number>();
      counts.set(write.table, (counts.get(write.table) ?? 0) + 1);
      writtenOn.set(on, counts);
    }
  };
  const watched = <T extends SqlQueryable>(
    inner: T,
    extra: (prop: string | symbol) => unknown = () => undefined,
    on?: () => Transaction,
  ): T =>
    new Proxy(inner, {
      get(target, prop) {
        const own = extra(prop);
        if (own) return own;
        if (prop === "queryRaw")
          return (query: SqlQuery) => {
            hear(query, on?.());
            return target.queryRaw(query);
          };
        if (prop === "executeRaw")
          return (query: SqlQuery) => {
            hear(query, on?.());
            return target.executeRaw(query);
          };
        const value: unknown = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  const adapter = (inner: SqlDriverAdapter): SqlDriverAdapter =>
    watched(inner, (prop) =>
      prop === "startTransaction"
        ? async (level?: IsolationLevel): Promise<Transaction> => {
            watchers.transaction();
            const tx = await inner.startTransaction(level);
            const sqlite =
              factory.provider === "sqlite"
                ? releasedOnFailedCommit(
                    tx,
                    (query) => hear(query, outer),
                    () => transactionEnded(outer),
                  )
                : () => undefined;
            const ends = (prop: string | symbol) =>
              prop === "commit" || prop === "rollback"
                ? () => {
                    transactionEnded(outer);
                    return prop === "commit" ? tx.commit() : tx.rollback();
                  }
                : undefined;
            const outer: Transaction = watched(
              tx,
              (prop) => sqlite(prop) ?? ends(prop),
              () => outer,
            );
            transactionStarted(outer);
            return outer;
          }
        : undefined,
    );
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const connected = adapter(await factory.connect());
      watchers.connected(connected);
      return connected;
    },
  };
}

/**
 * SQLite: a COMMIT that fails (the disk full) leaves the transaction open, and the client, which only
 * releases the connection's lock after a COMMIT succeeds, would then wait on it forever. Roll back
 * and release it here, so the caller gets the error and the next transaction can begin.
 */
function releasedOnFailedCommit(
  tx: Transaction,
  hear: (query: SqlQuery) => void,
  ended: () => void,
): (prop: string | symbol) => unknown {
  const guarded =
    (run: (query: SqlQuery) => Promise<unknown>) =>
    async (query: SqlQuery): Promise<unknown> => {
      hear(query);
      try {
        return await run(query);
      } catch (error) {
        if (/^\s*COMMIT\b/i.test(query.sql)) {
          await tx.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] }).catch(() => {});
          ended();
          await tx.rollback().catch(() => {});
        }
        throw error;
      }
    };
  return (prop) =>
    prop === "executeRaw" ? guarded((q) => tx.executeRaw(q)) : prop === "queryRaw" ? guarded((q) => tx.queryRaw(q)) : undefined;
}
