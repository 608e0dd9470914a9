// Which database this process serves, for the few places where SQLite and PostgreSQL differ
// (connection setup, locks, migrations). Everything above db/ asks here, never the URL.
// One process serves one database: the server and each CLI command open one.

export type Provider = "sqlite" | "postgres";

let current: Provider | undefined;

/** Where each provider records the migrations applied: Prisma's own table on SQLite, ours on PostgreSQL. */
export const MIGRATIONS_TABLES: Record<Provider, string> = { sqlite: "_prisma_migrations", postgres: "_migrations" };

export function providerOf(databaseUrl: string): Provider {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? "postgres" : "sqlite";
}

/** Called by openDb: from now on this process speaks `provider`. */
export function useProvider(provider: Provider): void {
  if (current && current !== provider) throw new Error(`this process already serves ${current}; it cannot also open ${provider}`);
  current = provider;
}

/** The provider of the database this process opened (SQLite until one is opened). */
export function provider(): Provider {
  return current ?? "sqlite";
}

/**
 * Several server processes may share the database (PostgreSQL): then no process may assume that
 * what it read earlier still holds, and chats, jobs and sends need locks shared in the database.
 */
export function sharedByInstances(): boolean {
  return provider() === "postgres";
}

/**
 * A transaction that lost a deadlock or a serialization check (PostgreSQL 40P01 / 40001, Prisma
 * P2034): nothing of it was committed and running it again is safe.
 */
export function isWriteConflict(error: unknown): boolean {
  const text = `${(error as { code?: string })?.code ?? ""} ${(error as Error)?.message ?? ""}`;
  return /P2034|40P01|40001|deadlock detected|could not serialize/i.test(text);
}

/**
 * The database cannot be reached or written just now (stopped, restarting, the connection cut, the
 * transaction's connection gone with it, the disk full): the request is worth repeating later, unlike
 * a bad one.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const text = `${(error as { code?: string })?.code ?? ""} ${(error as Error)?.message ?? ""}`;
  return /P1001|P1002|P1008|P1017|P2028|Transaction (already closed|not found)|ECONNREFUSED|ECONNRESET|Connection terminated|connection (refused|closed|is closed)|Can't reach database|terminating connection|shutting down|starting up|in recovery mode|database or disk is full|SQLITE_FULL|SQLITE_IOERR|disk I\/O error/i.test(
    text,
  );
}

/**
 * A failure of a whole batch (a lost deadlock, the database gone), never of one event or job in it:
 * the inbox and the scheduler rerun a batch without a unit that failed only when this is false.
 */
export function failsTheBatch(error: unknown): boolean {
  return isWriteConflict(error) || isDatabaseUnavailable(error);
}

/**
 * Appended to a SELECT of work rows inside a transaction: PostgreSQL locks the rows it returns
 * and passes over rows another transaction holds, so two instances sweeping at once take
 * different rows; SQLite has one writer and needs nothing.
 */
export function skipLocked(): string {
  return provider() === "postgres" ? " FOR UPDATE SKIP LOCKED" : "";
}
