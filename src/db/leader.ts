// One instance at a time does what must happen once however many run: sending (one send rate per
// bot), the sweeps (reminders, meeting plans, report months) and the Zalo long poll. PostgreSQL: the
// leader holds a session advisory lock on its own connection; when that instance dies its
// connection closes, the lock goes with it, and another instance takes it at its next try.
// The leader also LISTENs, so other instances can tell it that replies are queued.
// SQLite: one process serves the database, so it always leads.
import pg from "pg";
import { providerOf } from "./dialect.ts";

const LEADER_LOCK = "SELECT pg_try_advisory_lock(2, 1) AS ok";
const CHANNEL = "tuongtro_outbox";

export type Leadership = {
  isLeader(): boolean;
  /** Tell the leader that there is something to send (no-op when we are the leader). */
  wake(): void;
  stop(): Promise<void>;
};

export type LeaderEvents = {
  elected(): void;
  deposed(): void;
  /** Another instance queued something to send. */
  woken(): void;
  error(message: string): void;
};

export function leadership(databaseUrl: string, events: LeaderEvents, retryMs = 1000): Leadership {
  if (providerOf(databaseUrl) === "sqlite") {
    queueMicrotask(() => events.elected());
    return { isLeader: () => true, wake: () => {}, stop: async () => {} };
  }
  return new PostgresLeadership(databaseUrl, events, retryMs);
}

class PostgresLeadership implements Leadership {
  private client?: pg.Client;
  private leader = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  /** A separate connection for wake-ups from a follower (it must not hold the lock's connection). */
  private readonly notifier: pg.Pool;

  constructor(
    private readonly url: string,
    private readonly events: LeaderEvents,
    private readonly retryMs: number,
  ) {
    this.notifier = new pg.Pool({ connectionString: url, max: 1 });
    this.notifier.on("error", (error) => this.events.error(error.message));
    void this.attempt();
  }

  isLeader(): boolean {
    return this.leader;
  }

  wake(): void {
    if (this.leader || this.stopped) return;
    this.notifier.query(`SELECT pg_notify('${CHANNEL}', '')`).catch((error: Error) => this.events.error(error.message));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.lose();
    await this.client?.end().catch(() => {});
    await this.notifier.end().catch(() => {});
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return;
    try {
      const client = this.client ?? (await this.connect());
      const { rows } = await client.query<{ ok: boolean }>(LEADER_LOCK);
      if (rows[0]?.ok && !this.stopped) {
        await client.query(`LISTEN ${CHANNEL}`);
        this.leader = true;
        this.events.elected();
        return; // Leaders keep the lock until their connection ends.
      }
    } catch (error) {
      this.events.error((error as Error).message);
      this.drop();
    }
    this.retry();
  }

  /** One try pending at a time. */
  private retry(): void {
    clearTimeout(this.timer);
    if (!this.stopped) this.timer = setTimeout(() => void this.attempt(), this.retryMs);
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url, keepAlive: true });
    client.on("notification", () => this.events.woken());
    // The connection is gone (an error, or the server ended it): so is the lock. Stop leading at
    // once, then try again.
    const lost = (message: string) => {
      if (this.client !== client || this.stopped) return;
      this.events.error(message);
      this.drop();
      this.retry();
    };
    client.on("error", (error) => lost(error.message));
    client.on("end", () => lost("connection ended"));
    this.client = client;
    await client.connect();
    return client;
  }

  private drop(): void {
    const client = this.client;
    this.client = undefined;
    this.lose();
    client?.end().catch(() => {});
  }

  private lose(): void {
    if (!this.leader) return;
    this.leader = false;
    this.events.deposed();
  }
}
