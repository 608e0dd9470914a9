// Who is behind a chat, kept between messages so the hot path need not load the account, member,
// roles, consents and proxy links for every update. Never stale: every write statement the client
// sends to the tables an actor is made of drops the whole cache, so do a rolled-back unit (it may have read
// its own uncommitted writes) and any commit by another process (SQLite's data_version moves). With
// PostgreSQL other instances commit at any time, so the cache lives for one batch (one statement per
// batch loads every chat of it).
import { type Db, onWrite, type Tx } from "../db/client.ts";
import { othersCommitMark } from "../db/commits.ts";
import type { LoadedAccount } from "../domain/actors/actors.ts";

const ACTOR_TABLES = new Set(["Member", "Role", "Consent", "ChannelAccount", "ProxyLink"]);

export class ActorCache {
  private readonly entries = new Map<string, LoadedAccount>();
  private dataVersion?: number;
  /** Moves on every drop: a step compares it around an action to know whether the actor changed. */
  generation = 0;
  readonly stats = { hits: 0, misses: 0 };

  constructor(db: Db) {
    onWrite(db, (table, kind) => {
      // A new account or member changes no one already known; everything else might.
      if (kind === "insert" && (table === "ChannelAccount" || table === "Member")) return;
      if (ACTOR_TABLES.has(table)) this.clear();
    });
  }

  get(channel: string, userId: string): LoadedAccount | undefined {
    const known = this.entries.get(`${channel}:${userId}`);
    if (known) this.stats.hits += 1;
    else this.stats.misses += 1;
    return known;
  }

  /** Whether the chat is known, without counting a hit or a miss. */
  has(channel: string, userId: string): boolean {
    return this.entries.has(`${channel}:${userId}`);
  }

  /** Keep who is behind the chat, as loaded. */
  remember(known: LoadedAccount): LoadedAccount {
    this.entries.set(`${known.channel}:${known.externalUserId}`, known);
    return known;
  }

  clear(): void {
    this.entries.clear();
    this.generation += 1;
  }

  /** Drop everything when another process (an operator command, an instance) may have committed since we last looked. */
  async noticeOtherWriters(tx: Tx): Promise<void> {
    const mark = await othersCommitMark(tx);
    if (mark === undefined || (this.dataVersion !== undefined && mark !== this.dataVersion)) {
      if (this.entries.size > 0) this.clear();
    }
    this.dataVersion = mark;
  }
}
