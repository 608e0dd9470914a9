// Group commit: the single SQLite writer serves units of work first come, first served; units that
// arrive while a transaction runs go together into the next one, each in its own savepoint, so one
// fsync (synchronous=FULL) commits the whole group and one unit's failure rolls back that unit alone.
// A unit's promise settles only after its group has committed.
import { type Db, type Tx, write } from "./client.ts";

export type Work<T> = (tx: Tx) => Promise<T>;
/** Runs in the same group after `work` failed and was rolled back (e.g. record the failure, tell the member). */
export type Recover<T> = (tx: Tx, error: unknown) => Promise<T>;

type Unit = {
  work: Work<unknown>;
  recover?: Recover<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

export type GroupCommitOptions = {
  /** Units per transaction: bounds how long one transaction holds the writer. */
  maxGroup?: number;
  /** Before each group, inside its transaction (e.g. notice other processes' commits). */
  beforeGroup?: (tx: Tx) => Promise<void>;
  /** After a unit or a whole group was rolled back: in-memory state read inside it may be wrong. */
  onRollback?: () => void;
  /** After each committed group. */
  afterCommit?: (units: number) => void;
};

export class GroupCommit {
  private readonly queue: Unit[] = [];
  private running?: Promise<void>;
  private readonly maxGroup: number;
  /** Groups and units committed so far (tests and metrics). */
  readonly stats = { groups: 0, units: 0, largestGroup: 0 };

  constructor(
    private readonly db: Db,
    private readonly options: GroupCommitOptions = {},
  ) {
    this.maxGroup = options.maxGroup ?? 100;
  }

  /** Units waiting for a transaction (not counting the group being written). */
  get backlog(): number {
    return this.queue.length;
  }

  submit<T>(work: Work<T>, recover?: Recover<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, recover, resolve: resolve as (v: unknown) => void, reject });
      this.kick();
    });
  }

  /** Resolves when every submitted unit has settled. */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private kick(): void {
    if (this.running) return;
    this.running = this.loop().finally(() => {
      this.running = undefined;
      if (this.queue.length > 0) this.kick();
    });
  }

  private async loop(): Promise<void> {
    while (this.queue.length > 0) {
      // Let units that arrive in the same tick join this group.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const group = this.queue.splice(0, this.maxGroup);
      let outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }>;
      try {
        outcomes = await write(this.db, async (tx) => {
          await this.options.beforeGroup?.(tx);
          const done = [];
          for (const unit of group) done.push(await this.runUnit(tx, unit));
          return done;
        });
      } catch (error) {
        // The group itself failed (the database, not a unit): nothing of it was committed.
        this.options.onRollback?.();
        for (const unit of group) unit.reject(error);
        continue;
      }
      this.stats.groups += 1;
      this.stats.units += group.length;
      this.stats.largestGroup = Math.max(this.stats.largestGroup, group.length);
      this.options.afterCommit?.(group.length);
      group.forEach((unit, i) => {
        const outcome = outcomes[i];
        if (outcome?.ok) unit.resolve(outcome.value);
        else unit.reject(outcome?.error);
      });
    }
  }

  private async runUnit(tx: Tx, unit: Unit): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }> {
    try {
      return { ok: true, value: await savepoint(tx, unit.work) };
    } catch (error) {
      this.options.onRollback?.();
      if (!unit.recover) return { ok: false, error };
      const recover = unit.recover;
      try {
        return { ok: true, value: await savepoint(tx, (t) => recover(t, error)) };
      } catch (again) {
        this.options.onRollback?.();
        return { ok: false, error: again };
      }
    }
  }
}

/** Run `work` in a savepoint of the open transaction: on failure only its own writes are undone. */
export async function savepoint<T>(tx: Tx, work: Work<T>): Promise<T> {
  await tx.$executeRawUnsafe("SAVEPOINT unit");
  try {
    const value = await work(tx);
    await tx.$executeRawUnsafe("RELEASE unit");
    return value;
  } catch (error) {
    await tx.$executeRawUnsafe("ROLLBACK TO unit");
    await tx.$executeRawUnsafe("RELEASE unit");
    throw error;
  }
}

/** A savepoint opened only before the first write: work that only reads costs no statement for it. */
export class LazySavepoint {
  private opened = false;

  constructor(
    private readonly tx: Tx,
    private readonly name: string,
  ) {}

  async beforeWrite(): Promise<void> {
    if (this.opened) return;
    await this.tx.$executeRawUnsafe(`SAVEPOINT ${this.name}`);
    this.opened = true;
  }

  async release(): Promise<void> {
    if (this.opened) await this.tx.$executeRawUnsafe(`RELEASE ${this.name}`);
  }

  async rollback(): Promise<void> {
    if (!this.opened) return;
    await this.tx.$executeRawUnsafe(`ROLLBACK TO ${this.name}`);
    await this.tx.$executeRawUnsafe(`RELEASE ${this.name}`);
  }
}
