// The inbox: one inbound event → dedupe, load the chat, run the engine, apply effects, queue replies.
// Events that arrive while a transaction runs go together into the next one (group commit: one
// fsync for the batch), first come first served across chats; each event that writes does so in its
// own savepoint. Replies are sent after commit by the outbox.
import type { Logger } from "pino";
import type { InboundEvent, OutboundMessage } from "../channels/types.ts";
import { lockChats } from "../db/chat-locks.ts";
import { type Db, type Tx, write } from "../db/client.ts";
import { Coalesced } from "../db/coalesce.ts";
import { isWriteConflict, sharedByInstances } from "../db/dialect.ts";
import { readOnly } from "../db/read-only.ts";
import { LazySavepoint } from "../db/savepoint.ts";
import type { Actor } from "../domain/action.ts";
import { actions } from "../domain/actions.ts";
import { type LoadedAccount, loadAccounts, newAccount } from "../domain/actors.ts";
import { holdBackFromBlocked } from "../domain/outbox/queue.ts";
import { decodeState, encodeState } from "../engine/session-codec.ts";
import { handleInput, resumeCall } from "../engine/step.ts";
import type { EngineContext, EngineInput, FlowSet, Reply, StepResult } from "../engine/types.ts";
import { addressParams } from "../i18n/address.ts";
import type { Formatter } from "../i18n/format.ts";
import { formatterFor, localParts } from "../i18n/format.ts";
import type { I18n } from "../i18n/index.ts";
import type { Metrics } from "../metrics.ts";
import { ActorCache } from "./actor-cache.ts";
import { InboxBatch } from "./inbox-batch.ts";
import { toOutbound } from "./render.ts";

const SESSION_IDLE_MS = 30 * 60_000;
const MAX_CALLS_PER_EVENT = 16;
/** Events per transaction: bounds how long one batch holds the writer and the event loop (a batch's events run one after another). */
const MAX_BATCH = 100;
/** Runs of a batch that lost a deadlock to another instance's batch, before it fails. */
const MAX_CONFLICT_RETRIES = 3;
/** PostgreSQL: batches one instance commits at once, each on its own connection of the pool. */
const POSTGRES_LANES = 4;

export type InboxDeps = {
  db: Db;
  /** Counts updates by outcome and times them (none in tests that build an inbox alone). */
  metrics?: Metrics;
  /** Events waiting past this are refused with Overloaded (the webhook answers 429). */
  maxBacklog: number;
  flows: FlowSet;
  i18n: I18n;
  logger: Logger;
  clock: () => Date;
  /** Called after each commit that queued replies. */
  onQueued: () => void;
  /** The address links in replies start with (the web workplace's sign-in link): PUBLIC_URL, or this server. */
  siteUrl?: () => string;
};

export type InboxResult = "handled" | "duplicate";

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

/**
 * Events per second the inbox clears on a 2-core machine, for Retry-After: a little under what
 * bench/webhook-load.ts FLOWS=mix measures, so that a client told to wait is not back too early.
 */
const EXPECTED_RATE = 400;

/** What one event leaves behind when it succeeds: its session and its replies. */
type Outcome = {
  result: InboxResult;
  accountId?: string;
  session?: { state: string; version: number; expiresAt: Date } | "delete";
  messages: OutboundMessage[];
};

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

  constructor(
    private readonly deps: InboxDeps,
    readonly actors: ActorCache,
  ) {}

  private async commitBatch(events: InboundEvent[]): Promise<InboxResult[]> {
    let results: InboxResult[];
    for (let attempt = 1; ; attempt++) {
      try {
        results = await write(this.deps.db, async (tx) => {
          // An operator command in another process may have changed members, roles or consents.
          await this.actors.noticeOtherWriters(tx);
          return this.processBatch(tx, events);
        });
        break;
      } catch (error) {
        this.actors.clear();
        // Two instances' batches waited on each other (PostgreSQL): nothing was committed, go again.
        if (isWriteConflict(error) && attempt < MAX_CONFLICT_RETRIES) continue;
        // The batch itself failed (the database): nothing was committed; the channel sends again.
        this.deps.logger.error({ err: errorSummary(error), events: events.length }, "inbox batch failed");
        throw new Unavailable(error);
      }
    }
    if (results.includes("handled")) this.deps.onQueued();
    return results;
  }

  private async processBatch(tx: Tx, events: InboundEvent[]): Promise<InboxResult[]> {
    const now = this.deps.clock();
    const batch = new InboxBatch(tx, now);
    // Other instances may hold events of the same chats: wait for them, then read what they wrote.
    await lockChats(
      tx,
      events.map((e) => `${e.channel}:${e.userId}`),
    );
    await batch.loadSeen(events);
    await this.loadNewChats(tx, events);
    const known = events.map((e) => this.actors.get(e.channel, e.userId)?.id).filter((id): id is string => !!id);
    await batch.loadSessions(known);
    const results: InboxResult[] = [];
    for (const event of events) {
      if (!batch.isNew(event)) {
        results.push("duplicate");
        continue;
      }
      const outcome = await this.processIsolated(tx, batch, event, now);
      batch.commitEvent(event, outcome.accountId, outcome.session, outcome.messages);
      results.push(outcome.result);
    }
    await batch.flush();
    return results;
  }

  /** One event in its own savepoint: a failure undoes its writes alone and the member is told kindly. */
  private async processIsolated(tx: Tx, batch: InboxBatch, event: InboundEvent, now: Date): Promise<Outcome> {
    const writes = new LazySavepoint(tx, "event");
    try {
      await writes.beforeFirstStatement();
      const outcome = await this.process(tx, batch, event, now, writes);
      await writes.release();
      return outcome;
    } catch (error) {
      await writes.rollback();
      // It may have read its own undone writes (a new link): forget every actor.
      this.actors.clear();
      return this.fail(tx, event, error, now);
    }
  }

  /** Never silence: the update counts as handled, the session starts over, the member gets a kind message. */
  private async fail(tx: Tx, event: InboundEvent, error: unknown, now: Date): Promise<Outcome> {
    this.deps.logger.error({ channel: event.channel, err: errorSummary(error) }, "event failed");
    const [account] = await loadAccounts(tx, { channel: event.channel, userIds: [event.userId] });
    const actor = account?.actor;
    const lang = actor ? languageOf(actor, account?.language ?? null) : "vi";
    const me = addressParams(this.deps.i18n, lang, actor?.member, now.getUTCFullYear());
    const text = this.deps.i18n.t(lang, "common:error", { me });
    return {
      result: "handled",
      accountId: account?.id,
      session: account ? "delete" : undefined,
      messages: [{ text }],
    };
  }

  /** One statement set for every chat of the batch the cache does not know yet. */
  private async loadNewChats(tx: Tx, events: InboundEvent[]): Promise<void> {
    for (const channel of new Set(events.map((e) => e.channel))) {
      const userIds = events.filter((e) => e.channel === channel && !this.actors.has(channel, e.userId)).map((e) => e.userId);
      for (const account of await loadAccounts(tx, { channel, userIds: [...new Set(userIds)] })) this.actors.remember(account);
    }
  }

  /** The account behind the event: from the cache, else loaded (and written only when it is new or moved). */
  private async account(tx: Tx, event: InboundEvent, now: Date, writes: LazySavepoint): Promise<LoadedAccount> {
    const known =
      this.actors.get(event.channel, event.userId) ??
      (await loadAccounts(tx, { channel: event.channel, userIds: [event.userId] }))[0];
    if (!known) {
      await writes.beforeWrite();
      const row = await tx.channelAccount.create({
        data: {
          channel: event.channel,
          externalUserId: event.userId,
          chatId: event.chatId,
          displayName: event.displayName,
          language: event.languageCode === "en" ? "en" : null,
          blockedAt: event.blocked ? now : null,
        },
      });
      return this.actors.remember(newAccount(row));
    }
    const moved = event.chatType !== "group" && (known.chatId !== event.chatId || known.blocked !== (event.blocked === true));
    if (!moved) return this.actors.remember(known);
    // Writing again (or unblocking) means we may send again; blocking stops sends at once.
    await writes.beforeWrite();
    await tx.channelAccount.update({
      where: { id: known.id },
      data: { chatId: event.chatId, blockedAt: event.blocked ? now : null },
    });
    return this.actors.remember({ ...known, chatId: event.chatId, blocked: event.blocked === true });
  }

  /** The actor again after an action wrote to what an actor is made of (linking, consent, language). */
  private async reload(tx: Tx, accountId: string): Promise<LoadedAccount> {
    const [account] = await loadAccounts(tx, { ids: [accountId] });
    if (!account) throw new Error("account vanished during its own event");
    return this.actors.remember(account);
  }

  private async process(tx: Tx, batch: InboxBatch, event: InboundEvent, now: Date, writes: LazySavepoint): Promise<Outcome> {
    let account = await this.account(tx, event, now, writes);
    if (event.kind === "chat_status") {
      if (event.blocked) {
        await writes.beforeWrite();
        await holdBackFromBlocked(tx, event);
      }
      this.deps.logger.info({ channel: event.channel, account: account.id, blocked: event.blocked }, "chat status");
      return { result: "handled", messages: [] };
    }
    if (event.chatType === "group") {
      // Groups get only a pointer to the private chat, and only when they ask for the bot.
      const asked = event.kind === "start" || (event.kind === "text" && /^\/?menu\b/i.test(event.text ?? ""));
      if (!asked) return { result: "handled", messages: [] };
      const lang = account.language ?? "vi";
      const me = addressParams(this.deps.i18n, lang, undefined, now.getUTCFullYear());
      const text = this.deps.i18n.t(lang, "common:group_only", { me });
      return { result: "handled", messages: [{ text }] };
    }
    const session = await batch.session(account.id);
    const previous = session && session.expiresAt > now ? decodeState(session.state) : undefined;
    const version = (session?.version ?? 0) + 1;

    const wasGuest = account.actor.member === undefined;
    let ctx = this.context(account.actor, account.language, version, now);
    let step: StepResult = handleInput(ctx, previous, toEngineInput(event));
    const replies: Reply[] = [...step.replies];
    for (let calls = 0; step.call; calls++) {
      if (calls >= MAX_CALLS_PER_EVENT) throw new Error(`too many calls in flow ${step.state.flow}`);
      const fmt = formatterFor(this.deps.i18n, languageOf(account.actor, account.language));
      const generation = this.actors.generation;
      const result = await this.runAction(tx, writes, step.call.action, step.call.input, account.actor, now, fmt);
      // The action wrote to what an actor is made of (linking, consent, language): rebuild before going on.
      if (this.actors.generation !== generation) {
        account = await this.reload(tx, account.id);
        ctx = this.context(account.actor, account.language, version, now);
      }
      step = resumeCall(ctx, step.state, result);
      replies.push(...step.replies);
    }
    const actor = account.actor;
    const lang = languageOf(actor, account.language);
    const linkedNow = wasGuest && actor.member !== undefined;
    const messages = replies
      .flatMap((reply) => toOutbound(this.deps.i18n, lang, reply, version))
      .map((message, i) => (linkedNow && i === 0 ? { ...message, removeKeyboard: true } : message));
    this.deps.logger.info(
      { channel: event.channel, account: account.id, flow: step.state.flow, node: step.state.node, replies: replies.length },
      "handled",
    );
    return {
      result: "handled",
      accountId: account.id,
      session: { state: encodeState(step.state), version, expiresAt: new Date(now.getTime() + SESSION_IDLE_MS) },
      messages,
    };
  }

  private async runAction(
    tx: Tx,
    writes: LazySavepoint,
    name: string,
    rawInput: unknown,
    actor: Actor,
    now: Date,
    fmt: Formatter,
  ): Promise<unknown> {
    const action = actions[name];
    if (!action) throw new Error(`unknown action ${name}`);
    const input = action.input.parse(rawInput);
    if (!action.allowed(actor, input)) return { status: "denied" };
    if (action.readOnly) return action.run(readOnly(tx, name), input, actor, now, fmt);
    await writes.beforeWrite();
    return action.run(tx, input, actor, now, fmt);
  }

  private context(actor: Actor, accountLanguage: string | null, version: number, now: Date): EngineContext {
    const lang = languageOf(actor, accountLanguage);
    const { i18n, flows } = this.deps;
    const me = { ...addressParams(i18n, lang, actor.member, now.getUTCFullYear()), channel: actor.channel };
    // `session.version` makes an idempotency key per question shown (a retried confirm reuses it).
    return {
      flows,
      roles: actor.roles,
      consents: actor.consents,
      today: localParts(now),
      // `menu` and `0` always open the main menu; a new chat's home is linking.
      home: actor.roles.includes("guest") ? "link" : "main",
      version,
      t: (key, params) => i18n.t(lang, key, params),
      params: { me, session: { version }, site: { url: this.deps.siteUrl?.() ?? "" } },
    };
  }
}

function languageOf(actor: Actor, accountLanguage: string | null): string {
  return actor.member?.language ?? accountLanguage ?? "vi";
}

function toEngineInput(event: InboundEvent): EngineInput {
  switch (event.kind) {
    case "text":
      return { kind: "text", text: event.text ?? "" };
    case "choice":
      return { kind: "choice", choiceId: event.choiceId ?? "", version: event.choiceVersion };
    case "contact":
      return { kind: "contact", phone: event.phone ?? "", own: event.ownContact === true };
    case "start":
      return { kind: "start", payload: event.startPayload };
    case "unsupported":
    case "chat_status":
      return { kind: "unsupported" };
  }
}

/** Error name and message only: stacks and payloads may hold member data. */
function errorSummary(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : "unknown error";
}
