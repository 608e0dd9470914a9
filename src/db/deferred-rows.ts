// Rows a unit of work only adds and nothing in its transaction reads back (audit lines, jobs) may wait
// for the transaction's end when its owner says so: the inbox then writes each table's rows of a whole
// batch in one multi-row statement, sent with the batch's own writes, instead of one statement per
// row per event. Anywhere else (jobs, commands, pages) nothing is deferred and the owner writes at once.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "./client.ts";

/** The owner's statements that write its rows. */
type Statements<T> = (rows: T[]) => Prisma.Sql[];

const pending = new WeakMap<object, Map<Statements<never>, unknown[]>>();

/** From now on, rows offered for this transaction wait for `takeDeferred`. */
export function deferRows(tx: Tx): void {
  pending.set(tx, new Map());
}

/** Keep `row` for the transaction's end, written by `statements`; false when this transaction defers nothing (write it now). */
export function deferRow<T>(tx: Tx, statements: Statements<T>, row: T): boolean {
  const rows = pending.get(tx);
  if (!rows) return false;
  const list = rows.get(statements as Statements<never>) ?? [];
  list.push(row);
  rows.set(statements as Statements<never>, list);
  return true;
}

/** The statements that write what waited, each owner's rows by its own statements; deferring stops. */
export function takeDeferred(tx: Tx): Prisma.Sql[] {
  const rows = pending.get(tx);
  pending.delete(tx);
  return [...(rows ?? [])].flatMap(([statements, list]) => statements(list as never[]));
}
