// The inbox: one inbound event → dedupe, load the chat, run the engine, apply effects, queue replies.
// Everything for one event commits in one transaction; replies are sent after commit by the outbox.
import type { Logger } from "pino";
import type { InboundEvent, OutboundMessage } from "../channels/types.ts";
import { type Db, type Tx, write } from "../db/client.ts";
import type { Actor, Formatter } from "../domain/action.ts";
import { actions } from "../domain/actions.ts";
import { ACTOR_INCLUDE, actorOf, loadActor } from "../domain/actors.ts";
import { handleInput, resumeCall } from "../engine/step.ts";
import type { EngineContext, EngineInput, FlowSet, Reply, SessionState, StepResult } from "../engine/types.ts";
import { addressParams } from "../i18n/address.ts";
import { formatterFor, localParts } from "../i18n/format.ts";
import type { I18n } from "../i18n/index.ts";
import { KeyedQueue } from "./keyed-queue.ts";
import { toOutbound } from "./render.ts";

const SESSION_IDLE_MS = 30 * 60_000;
const MAX_CALLS_PER_EVENT = 16;
const CONFLICT_RETRIES = 3;

export type InboxDeps = {
  db: Db;
  flows: FlowSet;
  i18n: I18n;
  logger: Logger;
  clock: () => Date;
  /** Called after each commit that queued replies. */
  onQueued: () => void;
};

export type InboxResult = "handled" | "duplicate";

class VersionConflict extends Error {}

export class Inbox {
  private readonly queue = new KeyedQueue();

  constructor(private readonly deps: InboxDeps) {}

  /** Handle one event; resolves after its transaction commits. Events of one chat run in arrival order. */
  handle(event: InboundEvent): Promise<InboxResult> {
    return this.queue.run(`${event.channel}:${event.chatId}`, () => this.handleNow(event));
  }

  drain(): Promise<void> {
    return this.queue.drain();
  }

  private async handleNow(event: InboundEvent): Promise<InboxResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await write(this.deps.db, (tx) => this.process(tx, event));
        if (result === "handled") this.deps.onQueued();
        return result;
      } catch (error) {
        // Another instance saved this chat's session first: run again on the fresh session.
        if (error instanceof VersionConflict && attempt < CONFLICT_RETRIES) continue;
        if (isUniqueViolation(error)) return "duplicate";
        return this.fail(event, error);
      }
    }
  }

  /** Never silence: record the update and tell the member kindly; the session starts over. */
  private async fail(event: InboundEvent, error: unknown): Promise<InboxResult> {
    this.deps.logger.error({ channel: event.channel, err: errorSummary(error) }, "event failed");
    const now = this.deps.clock();
    await write(this.deps.db, async (tx) => {
      const key = { channel: event.channel, updateId: event.updateId };
      if (await tx.processedUpdate.findUnique({ where: { channel_updateId: key } })) return;
      await tx.processedUpdate.create({ data: key });
      const account = await tx.channelAccount.findUnique({
        where: { channel_externalUserId: { channel: event.channel, externalUserId: event.userId } },
      });
      if (account) await tx.session.deleteMany({ where: { accountId: account.id } });
      const actor = account ? await loadActor(tx, account.id) : undefined;
      const lang = actor ? languageOf(actor, account?.language ?? null) : "vi";
      const me = addressParams(this.deps.i18n, lang, actor?.member, now.getUTCFullYear());
      const text = this.deps.i18n.t(lang, "common:error", { me });
      await tx.outboxMessage.create({
        data: {
          channel: event.channel,
          chatId: event.chatId,
          payload: JSON.stringify({ text }),
          dedupeKey: `error:${event.channel}:${event.updateId}`,
        },
      });
    });
    this.deps.onQueued();
    return "handled";
  }

  private async process(tx: Tx, event: InboundEvent): Promise<InboxResult> {
    // A duplicate fails this insert (unique key): the transaction rolls back and handle() says "duplicate".
    await tx.processedUpdate.create({ data: { channel: event.channel, updateId: event.updateId } });
    const now = this.deps.clock();
    const account = await tx.channelAccount.upsert({
      where: { channel_externalUserId: { channel: event.channel, externalUserId: event.userId } },
      create: {
        channel: event.channel,
        externalUserId: event.userId,
        chatId: event.chatId,
        displayName: event.displayName,
        language: event.languageCode === "en" ? "en" : null,
        blockedAt: event.blocked ? now : null,
      },
      // Writing again (or unblocking) means we may send again; blocking stops sends at once.
      update: event.chatType === "group" ? {} : { chatId: event.chatId, blockedAt: event.blocked ? now : null },
      include: ACTOR_INCLUDE,
    });
    if (event.kind === "chat_status") {
      if (event.blocked) await stopSending(tx, event);
      this.deps.logger.info({ channel: event.channel, account: account.id, blocked: event.blocked }, "chat status");
      return "handled";
    }
    if (event.chatType === "group") {
      // Groups get only a pointer to the private chat, and only when they ask for the bot.
      const asked = event.kind === "start" || (event.kind === "text" && /^\/?menu\b/i.test(event.text ?? ""));
      if (!asked) return "handled";
      const lang = account.language ?? "vi";
      const me = addressParams(this.deps.i18n, lang, undefined, now.getUTCFullYear());
      await queue(tx, event, [{ text: this.deps.i18n.t(lang, "common:group_only", { me }) }], now);
      return "handled";
    }
    const session = await tx.session.findUnique({ where: { accountId: account.id } });
    const previous = session && session.expiresAt > now ? (JSON.parse(session.state) as SessionState) : undefined;
    const version = (session?.version ?? 0) + 1;

    let actor = actorOf(account);
    const wasGuest = actor.member === undefined;
    let ctx = this.context(actor, account.language, version, now);
    let step: StepResult = handleInput(ctx, previous, toEngineInput(event));
    const replies: Reply[] = [...step.replies];
    for (let calls = 0; step.call; calls++) {
      if (calls >= MAX_CALLS_PER_EVENT) throw new Error(`too many calls in flow ${step.state.flow}`);
      const fmt = formatterFor(this.deps.i18n, languageOf(actor, account.language));
      const result = await this.runAction(tx, step.call.action, step.call.input, actor, now, fmt);
      // An action may change who the actor is (linking) or their language: rebuild before going on.
      actor = await loadActor(tx, account.id);
      const language = (await tx.channelAccount.findUniqueOrThrow({ where: { id: account.id } })).language;
      ctx = this.context(actor, language, version, now);
      step = resumeCall(ctx, step.state, result);
      replies.push(...step.replies);
    }

    const state = JSON.stringify(step.state);
    const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
    if (session) {
      const saved = await tx.session.updateMany({
        where: { id: session.id, version: session.version },
        data: { state, version, expiresAt },
      });
      if (saved.count !== 1) throw new VersionConflict();
    } else {
      await tx.session.create({ data: { accountId: account.id, state, version, expiresAt } });
    }

    const lang = languageOf(actor, account.language);
    const linkedNow = wasGuest && actor.member !== undefined;
    const messages = replies.map((reply, i) => {
      const message = toOutbound(this.deps.i18n, lang, reply, version);
      if (linkedNow && i === 0) message.removeKeyboard = true;
      return message;
    });
    await queue(tx, event, messages, now);
    this.deps.logger.info(
      { channel: event.channel, account: account.id, flow: step.state.flow, node: step.state.node, replies: replies.length },
      "handled",
    );
    return "handled";
  }

  private async runAction(tx: Tx, name: string, rawInput: unknown, actor: Actor, now: Date, fmt: Formatter): Promise<unknown> {
    const action = actions[name];
    if (!action) throw new Error(`unknown action ${name}`);
    const input = action.input.parse(rawInput);
    if (!action.allowed(actor, input)) return { status: "denied" };
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
      home: actor.roles.includes("guest") ? "link" : "main",
      version,
      t: (key, params) => i18n.t(lang, key, params),
      params: { me, session: { version } },
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

/** Replies to an event go to the outbox in order, keyed so a retried transaction cannot double them. */
async function queue(tx: Tx, event: InboundEvent, messages: OutboundMessage[], now: Date, purpose = "reply"): Promise<void> {
  await tx.outboxMessage.createMany({
    data: messages.map((message, i) => ({
      channel: event.channel,
      chatId: event.chatId,
      payload: JSON.stringify(message),
      dedupeKey: `${purpose}:${event.channel}:${event.updateId}:${i}`,
      nextAttemptAt: now,
    })),
  });
}

/** The member blocked the bot: nothing more goes to that chat. */
async function stopSending(tx: Tx, event: InboundEvent): Promise<void> {
  await tx.outboxMessage.updateMany({
    where: { channel: event.channel, chatId: event.chatId, status: "pending" },
    data: { status: "failed", lastError: "chat blocked the bot" },
  });
}

/** Error name and message only: stacks and payloads may hold member data. */
function errorSummary(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : "unknown error";
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
