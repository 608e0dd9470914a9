// Rows a unit of work only adds and nothing in its transaction reads back (audit lines, jobs) may wait
// for the transaction's end when its owner says so: the inbox then writes each table's rows of a whole
// batch in one multi-row statement instead of one statement per row per event. Anywhere else (jobs,
// commands, pages) nothing is deferred and the owner module writes at once.
import type { Tx } from "./client.ts";

type Flush<T> = (tx: Tx, rows: T[]) => Promise<void>;

const pending = new WeakMap<object, Map<Flush<never>, unknown[]>>();

/** From now on, rows offered for this transaction wait for `flushDeferred`. */
export function deferRows(tx: Tx): void {
  pending.set(tx, new Map());
}

/** Keep `row` for `flush` at the transaction's end; false when this transaction defers nothing (write it now). */
export function deferRow<T>(tx: Tx, flush: Flush<T>, row: T): boolean {
  const rows = pending.get(tx);
  if (!rows) return false;
  const list = rows.get(flush as Flush<never>) ?? [];
  list.push(row);
  rows.set(flush as Flush<never>, list);
  return true;
}

/** Write what waited, each owner's rows with its own flush, and stop deferring. */
export async function flushDeferred(tx: Tx): Promise<void> {
  const rows = pending.get(tx);
  pending.delete(tx);
  for (const [flush, list] of rows ?? []) await flush(tx, list as never[]);
}
