// The inbox: lanes, batches and retries. Events that arrive while a transaction runs go together into
// the next one (group commit: one fsync for the batch), first come first served across chats. No event
// has a savepoint of its own: an event whose turn (turn.ts) throws rolls its whole batch back, and the
// batch runs again with that event answered kindly instead, so its writes alone are gone and the
// others' stand; events fail rarely, savepoints cost every event. Replies are sent after commit by the outbox.
import type { InboundEvent } from "../channels/types.ts";
import { lockChats } from "../db/chat-locks.ts";
import { type Db, type Tx, write } from "../db/client.ts";
import { Coalesced } from "../db/coalesce.ts";
import { deferRows, takeDeferred } from "../db/deferred-rows.ts";
import { failsTheBatch, isWriteConflict, sharedByInstances } from "../db/dialect.ts";
import type { AccountsWhere } from "../domain/actors/actors.ts";
import type { Metrics } from "../metrics.ts";
import { ActorCache } from "./actor-cache.ts";
import { InboxBatch } from "./inbox-batch.ts";
import { errorSummary, type Outcome, type TurnDeps, Turns } from "./turn.ts";

/** Events per transaction: bounds how long one batch holds the writer and the event loop (a batch's events run one after another). */
const MAX_BATCH = 100;
/** Runs of a batch that lost a deadlock to another instance's batch, before it fails. */
const MAX_CONFLICT_RETRIES = 3;
/**
 * PostgreSQL: batches one instance commits at once, each on its own connection of the pool. Two, so a
 * batch waiting on another instance's chat locks does not hold every chat; more lanes were no faster
 * in bench/webhook-load.ts and split a burst into smaller batches, each paying its own statements.
 */
const POSTGRES_LANES = 2;

export type InboxDeps = TurnDeps & {
  db: Db;
  /** Counts updates by outcome and times them (none in tests that build an inbox alone). */
  metrics?: Metrics;
  /** Events waiting past this are refused with Overloaded (the webhook answers 429). */
  maxBacklog: number;
  clock: () => Date;
  /** Called after each commit that queued replies. */
  onQueued: () => void;
};

export type InboxResult = Outcome["result"] | "duplicate";

/** The inbox is full: the channel should send the event again after `retryAfterSeconds`. */
export class Overloaded extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("inbox backlog full");
  }
}

/**
 * A batch could not be committed (the database is down, unreachable or full): nothing of it was
 * written, and the channel should send its events again.
 */
export class Unavailable extends Error {
  readonly retryAfterSeconds = 5;
  constructor(cause: unknown) {
    super("database unavailable", { cause });
  }
}

/** An event's turn threw: its batch is rolled back and run again with the event answered by `failed`. */
class EventFailed extends Error {
  constructor(
    readonly event: InboundEvent,
    readonly error: unknown,
  ) {
    super("event failed");
  }
}

/** The batch's writes failed while they held rows its events deferred (audit lines, jobs): no one event's failure yet. */
class DeferredFailed extends Error {
  constructor(readonly error: unknown) {
    super("deferred rows failed");
  }
}

/**
 * Events per second the inbox clears on a 2-core machine, for Retry-After: a little under what
 * bench/webhook-load.ts FLOWS=mix measures, so that a client told to wait is not back too early.
 */
const EXPECTED_RATE = 400;

export class Inbox {
  private readonly lanes: InboxLane[];

  constructor(private readonly deps: InboxDeps) {
    // SQLite has one writer: one lane. PostgreSQL: lanes commit side by side on their own
    // connections; a chat always goes to the same lane, so its events keep their order.
    const count = sharedByInstances() ? POSTGRES_LANES : 1;
    this.lanes = Array.from({ length: count }, () => new InboxLane(deps, new ActorCache(deps.db)));
  }

  /**
   * Handle one event; resolves after the batch holding it commits. Events are served first come,
   * first served, one batch at a time per lane, so a chat's events keep their order.
   */
  handle(event: InboundEvent): Promise<InboxResult> {
    const backlog = this.backlog;
    if (backlog >= this.deps.maxBacklog) {
      this.deps.metrics?.update(event.channel, "rejected");
      return Promise.reject(new Overloaded(Math.min(30, Math.max(1, Math.ceil(backlog / EXPECTED_RATE)))));
    }
    const started = performance.now();
    const lane = this.lanes[laneOf(`${event.channel}:${event.userId}`, this.lanes.length)] as InboxLane;
    return lane.batches.submit(event).then((result) => {
      this.deps.metrics?.update(event.channel, result, (performance.now() - started) / 1000);
      return result;
    });
  }

  /** Batches committed (`groups`), events in them (`inputs`), the largest batch: for tests and benches. */
  get stats() {
    const all = this.lanes.map((lane) => lane.batches.stats);
    return {
      groups: all.reduce((n, s) => n + s.groups, 0),
      inputs: all.reduce((n, s) => n + s.inputs, 0),
      largestGroup: Math.max(...all.map((s) => s.largestGroup)),
    };
  }

  /** Who-is-behind-a-chat lookups served from memory and loaded (tests). */
  get actorStats() {
    return {
      hits: this.lanes.reduce((n, lane) => n + lane.actors.stats.hits, 0),
      misses: this.lanes.reduce((n, lane) => n + lane.actors.stats.misses, 0),
    };
  }

  /** Events accepted and not yet taken into a batch. */
  get backlog(): number {
    return this.lanes.reduce((n, lane) => n + lane.batches.backlog, 0);
  }

  async drain(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.batches.drain()));
  }
}

/** A chat's lane: the same for every event of the chat. */
function laneOf(chatKey: string, lanes: number): number {
  if (lanes === 1) return 0;
  let hash = 0;
  for (let i = 0; i < chatKey.length; i++) hash = (hash * 31 + chatKey.charCodeAt(i)) | 0;
  return Math.abs(hash) % lanes;
}

/** One queue of events and the batches it commits, with its own actor cache. */
class InboxLane {
  readonly batches = new Coalesced<InboundEvent, InboxResult>((events) => this.commitBatch(events), MAX_BATCH);

  private readonly turns: Turns;

  constructor(
    private readonly deps: InboxDeps,
    readonly actors: ActorCache,
  ) {
    this.turns = new Turns(deps, actors);
  }

  private async commitBatch(events: InboundEvent[]): Promise<InboxResult[]> {
    let results: InboxResult[];
    const failed = new Set<InboundEvent>();
    // Audit lines and jobs wait for the batch's end, written with its own rows; when that write fails,
    // the batch runs again writing each in its event's turn, so a failure of theirs is that event's alone.
    let deferring = true;
    for (let conflicts = 1; ; ) {
      try {
        results = await write(
          this.deps.db,
          async (tx) => {
            // An operator command in another process may have changed members, roles or consents.
            await this.actors.noticeOtherWriters(tx);
            return this.runBatch(tx, events, failed, deferring);
          },
          { forUpdates: true },
        );
        break;
      } catch (error) {
        // The batch may have read its own undone writes (a new link): forget every actor.
        this.actors.clear();
        // Nothing was committed: run the batch again without the failed event's turn (at most once per event).
        if (error instanceof DeferredFailed && deferring) {
          deferring = false;
          continue;
        }
        if (error instanceof EventFailed) {
          this.deps.logger.error({ channel: error.event.channel, err: errorSummary(error.error) }, "event failed");
          failed.add(error.event);
          continue;
        }
        // Two instances' batches waited on each other (PostgreSQL): nothing was committed, go again.
        if (isWriteConflict(error) && conflicts++ < MAX_CONFLICT_RETRIES) continue;
        // The batch itself failed (the database): nothing was committed; the channel sends again.
        this.deps.logger.error({ err: errorSummary(error), events: events.length }, "inbox batch failed");
        throw new Unavailable(error);
      }
    }
    if (results.includes("handled")) this.deps.onQueued();
    return results;
  }

  private async runBatch(tx: Tx, events: InboundEvent[], failed: Set<InboundEvent>, deferring: boolean): Promise<InboxResult[]> {
    const now = this.deps.clock();
    const batch = new InboxBatch(tx, now);
    if (deferring) deferRows(tx);
    // Other instances may hold events of the same chats: wait for them, then read what they wrote.
    await lockChats(
      tx,
      events.map((e) => `${e.channel}:${e.userId}`),
    );
    for (const account of await batch.load(events, this.unknownChats(events))) this.actors.remember(account);
    const results: InboxResult[] = [];
    for (const event of events) {
      if (!batch.isNew(event)) {
        results.push("duplicate");
        continue;
      }
      const outcome = failed.has(event) ? await this.turns.failed(tx, event, now) : await this.turn(tx, batch, event, now);
      batch.commitEvent(event, outcome.accountId, outcome.session, outcome.messages);
      results.push(outcome.result);
    }
    const deferred = takeDeferred(tx);
    await batch.flush(deferred).catch((error: unknown) => {
      throw failsTheBatch(error) || deferred.length === 0 ? error : new DeferredFailed(error);
    });
    return results;
  }

  /** The event's turn; a failure of the event itself (not of the database) becomes EventFailed. */
  private async turn(tx: Tx, batch: InboxBatch, event: InboundEvent, now: Date): Promise<Outcome> {
    try {
      return await this.turns.runTurn(tx, batch, event, now);
    } catch (error) {
      if (failsTheBatch(error)) throw error;
      throw new EventFailed(event, error);
    }
  }

  /** The chats of the batch the actor cache does not know yet, by channel. */
  private unknownChats(events: InboundEvent[]): AccountsWhere[] {
    return [...new Set(events.map((e) => e.channel))].flatMap((channel) => {
      const userIds = events.filter((e) => e.channel === channel && !this.actors.has(channel, e.userId)).map((e) => e.userId);
      return userIds.length > 0 ? [{ channel, userIds: [...new Set(userIds)] }] : [];
    });
  }
}
