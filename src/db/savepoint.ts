// Savepoints inside the open transaction, so one event of a batch can be undone alone.
import type { Tx } from "./client.ts";
import { failedStatementAbortsTransaction } from "./dialect.ts";

/** A savepoint opened only before the first write: work that only reads costs no statement for it. */
export class LazySavepoint {
  private opened = false;

  constructor(
    private readonly tx: Tx,
    private readonly name: string,
  ) {}

  /** Before the unit's first statement: where a failed read would abort the batch, open it now. */
  async beforeFirstStatement(): Promise<void> {
    if (failedStatementAbortsTransaction()) await this.beforeWrite();
  }

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
