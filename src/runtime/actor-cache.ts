// Who is behind a chat, kept between messages so the hot path need not load the account, member,
// roles, consents and proxy links for every update. Never stale: every write through the client to
// the tables an actor is made of drops the whole cache, so do a rolled-back unit (it may have read
// its own uncommitted writes) and any commit by another process (SQLite's data_version moves).
import { type Db, onWrite, type Tx } from "../db/client.ts";
import type { Actor } from "../domain/action.ts";
import { type AccountWithMember, actorOf } from "../domain/actors.ts";

const ACTOR_MODELS = new Set(["Member", "Role", "Consent", "ChannelAccount", "ProxyLink"]);

export type KnownAccount = {
  id: string;
  chatId: string;
  blocked: boolean;
  language: string | null;
  actor: Actor;
};

export class ActorCache {
  private readonly entries = new Map<string, KnownAccount>();
  private dataVersion?: number;
  /** Moves on every drop: a step compares it around an action to know whether the actor changed. */
  generation = 0;
  readonly stats = { hits: 0, misses: 0 };

  constructor(db: Db) {
    onWrite(db, (model, operation) => {
      // A new account or member changes no one already known; everything else might.
      if (operation === "create" && (model === "ChannelAccount" || model === "Member")) return;
      if (ACTOR_MODELS.has(model)) this.clear();
    });
  }

  get(channel: string, userId: string): KnownAccount | undefined {
    const known = this.entries.get(`${channel}:${userId}`);
    if (known) this.stats.hits += 1;
    else this.stats.misses += 1;
    return known;
  }

  /** Keep what an account row (loaded with ACTOR_INCLUDE) says about who is behind the chat. */
  remember(channel: string, userId: string, row: AccountWithMember): KnownAccount {
    const known = {
      id: row.id,
      chatId: row.chatId,
      blocked: row.blockedAt !== null,
      language: row.language,
      actor: actorOf(row),
    };
    this.entries.set(`${channel}:${userId}`, known);
    return known;
  }

  clear(): void {
    this.entries.clear();
    this.generation += 1;
  }

  /** Drop everything when another process (an operator command) committed since we last looked. */
  async noticeOtherWriters(tx: Tx): Promise<void> {
    const [row] = await tx.$queryRawUnsafe<Array<{ data_version: number | bigint }>>("PRAGMA data_version");
    const version = Number(row?.data_version ?? 0);
    if (this.dataVersion !== undefined && version !== this.dataVersion) this.clear();
    this.dataVersion = version;
  }
}
