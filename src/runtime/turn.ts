// One event's turn inside a batch: the account behind it (created or moved when needed), the chat's
// policy (a blocked chat stops sends, a group gets only a pointer), then the engine and the actions
// it calls, and what the turn leaves behind (its session and replies). A turn that throws spoils its
// batch's transaction; the inbox runs the batch again with that event answered by `failed` instead.
import type { Logger } from "pino";
import { channelKind, type InboundEvent, type OutboundMessage } from "../channels/types.ts";
import type { Tx } from "../db/client.ts";
import type { Actor } from "../domain/actions/action.ts";
import { actions } from "../domain/actions/registry.ts";
import { type LoadedAccount, loadAccounts, newAccount } from "../domain/actors/actors.ts";
import { holdBackFromBlocked } from "../domain/outbox/queue.ts";
import { decodeState, encodeState } from "../engine/session-codec.ts";
import { handleInput, resumeCall } from "../engine/step.ts";
import type { EngineContext, EngineInput, FlowSet, Reply, StepResult } from "../engine/types.ts";
import { addressParams } from "../i18n/address.ts";
import type { Formatter } from "../i18n/format.ts";
import { formatterFor, localParts } from "../i18n/format.ts";
import type { I18n } from "../i18n/index.ts";
import type { ActorCache } from "./actor-cache.ts";
import type { InboxBatch } from "./inbox-batch.ts";
import { toOutbound } from "./render.ts";

const SESSION_IDLE_MS = 30 * 60_000;
const MAX_CALLS_PER_EVENT = 16;

export type TurnDeps = {
  flows: FlowSet;
  i18n: I18n;
  logger: Logger;
  /** The address links in replies start with (the web workplace's sign-in link): PUBLIC_URL, or this server. */
  siteUrl?: () => string;
};

/** What one event leaves behind when it succeeds: its session and its replies. */
export type Outcome = {
  result: "handled";
  accountId?: string;
  session?: { state: string; version: number; expiresAt: Date } | "delete";
  messages: OutboundMessage[];
};

export class Turns {
  constructor(
    private readonly deps: TurnDeps,
    private readonly actors: ActorCache,
  ) {}

  /** Never silence: a failed event counts as handled, its session starts over, the member gets a kind message. */
  async failed(tx: Tx, event: InboundEvent, now: Date): Promise<Outcome> {
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

  /** The account behind the event: from the cache, else loaded (and written only when it is new or moved). */
  private async account(tx: Tx, event: InboundEvent, now: Date): Promise<LoadedAccount> {
    // Any message but a block means the chat is open again.
    const blocked = event.kind === "chat_status" && event.blocked;
    const known =
      this.actors.get(event.channel, event.userId) ??
      (await loadAccounts(tx, { channel: event.channel, userIds: [event.userId] }))[0];
    if (!known) {
      const row = await tx.channelAccount.create({
        data: {
          channel: event.channel,
          externalUserId: event.userId,
          chatId: event.chatId,
          displayName: event.displayName,
          language: event.languageCode === "en" ? "en" : null,
          blockedAt: blocked ? now : null,
        },
      });
      return this.actors.remember(newAccount(row));
    }
    const moved = event.chatType !== "group" && (known.chatId !== event.chatId || known.blocked !== blocked);
    if (!moved) return this.actors.remember(known);
    // Writing again (or unblocking) means we may send again; blocking stops sends at once.
    await tx.channelAccount.update({
      where: { id: known.id },
      data: { chatId: event.chatId, blockedAt: blocked ? now : null },
    });
    return this.actors.remember({ ...known, chatId: event.chatId, blocked });
  }

  /** The actor again after an action wrote to what an actor is made of (linking, consent, language). */
  private async reload(tx: Tx, accountId: string): Promise<LoadedAccount> {
    const [account] = await loadAccounts(tx, { ids: [accountId] });
    if (!account) throw new Error("account vanished during its own event");
    return this.actors.remember(account);
  }

  /**
   * The event's turn: its account, the chat's policy (blocked, group), then the engine and the actions
   * it calls. It throws when the event failed: its batch is then run again with `failed` for it.
   */
  async runTurn(tx: Tx, batch: InboxBatch, event: InboundEvent, now: Date): Promise<Outcome> {
    let account = await this.account(tx, event, now);
    if (event.kind === "chat_status") {
      if (event.blocked) await holdBackFromBlocked(tx, event);
      this.deps.logger.info({ channel: event.channel, account: account.id, blocked: event.blocked }, "chat status");
      return { result: "handled", messages: [] };
    }
    if (event.chatType === "group") {
      // Groups get only a pointer to the private chat, and only when they ask for the bot.
      const asked = event.kind === "start" || (event.kind === "text" && /^\/?menu\b/i.test(event.text));
      if (!asked) return { result: "handled", messages: [] };
      const lang = account.language ?? "vi";
      const me = addressParams(this.deps.i18n, lang, undefined, now.getUTCFullYear());
      const text = this.deps.i18n.t(lang, "common:group_only", { me });
      return { result: "handled", messages: [{ text }] };
    }
    const session = batch.session(account.id);
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
      const result = await this.runAction(tx, step.call.action, step.call.input, account.actor, now, fmt);
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
    const me = { ...addressParams(i18n, lang, actor.member, now.getUTCFullYear()), channel: channelKind(actor.channel) };
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
      return { kind: "text", text: event.text };
    case "choice":
      return { kind: "choice", choiceId: event.choiceId, version: event.choiceVersion };
    case "contact":
      return { kind: "contact", phone: event.phone, own: event.ownContact };
    case "start":
      return { kind: "start", payload: event.startPayload };
    case "unsupported":
    case "chat_status":
      return { kind: "unsupported" };
  }
}

/** Error name and message only: stacks and payloads may hold member data. */
export function errorSummary(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : "unknown error";
}
