// The stepper: (flows, session, input) → new session, replies, and at most one domain call to make.
// Pure: the runtime runs the call and resumes with its result. How a typed message is read is the
// ordered list in interpreters.ts; walking the nodes is walk.ts; this file decides where to go.
import { MORE } from "./choices.ts";
import { type Conversation, interpret, type Message } from "./interpreters.ts";
import { matchChoice, normalize, normalizeCode } from "./match.ts";
import { parseAnswer } from "./parse-answer.ts";
import { isYesOrNo, localeWords, payloadFlow } from "./recognize.ts";
import type { AskDef } from "./schema.ts";
import type { EngineContext, EngineInput, SessionState, ShownChoice, StepResult } from "./types.ts";
import { FlowWalk, idle } from "./walk.ts";

/** Those «gặp người» reaches: they are not offered it when a reply is not understood. */
const REACHED_BY_PERSON: readonly string[] = ["board", "treasurer", "officer"];
/** Six characters of the invite/meeting code alphabet (no 0/O/1/I/L). */
const LOOKS_LIKE_CODE = /^[A-HJKMNP-Z2-9]{6}$/;

/** Handle one input from the member. */
export function handleInput(ctx: EngineContext, previous: SessionState | undefined, input: EngineInput): StepResult {
  return new Run(ctx, previous ?? idle(ctx)).input(input);
}

/** Continue after the runtime ran the pending call of the current node. */
export function resumeCall(ctx: EngineContext, state: SessionState, result: unknown): StepResult {
  const keep = ctx.flows.get(state.flow)?.nodes[state.node]?.as;
  const run = new Run(ctx, { ...state, vars: { ...state.vars, result, ...(keep ? { [keep]: result } : {}) } });
  return run.finish(() => run.runNode(state.node, true));
}

const isChoiceAsk = (ask: AskDef | undefined) => ask?.type === "choice" || ask?.type === "yesno";

class Run extends FlowWalk implements Conversation {
  get shown(): readonly ShownChoice[] {
    return this.state.shown ?? [];
  }

  input(input: EngineInput): StepResult {
    if (input.kind === "start") {
      const linked = payloadFlow(this.ctx, input.payload);
      return linked ? this.startFlow(linked.flow, { code: linked.rest, via: "link" }) : this.startFlow(this.ctx.home);
    }
    const text = input.kind === "text" ? normalize(input.text) : undefined;
    if (text !== undefined && (text === "0" || localeWords(this.ctx, "common:words.menu").includes(text))) {
      const left = this.state.waiting ? this.currentAsk()?.leave : undefined;
      if (left) this.say(left);
      return this.startFlow(this.ctx.home);
    }
    // A photo or sticker: one kind sentence; the conversation stays where it was.
    if (input.kind === "unsupported") return this.finish(() => this.say("common:unsupported"));
    const asked = this.state.waiting ? this.currentAsk() : undefined;
    if (input.kind === "text") return this.read(this.message(input.text, asked));
    if (!asked) return this.atHome(input);
    if (input.kind === "contact") {
      if (!asked.contact) return this.miss(asked);
      this.state.vars.contact = { phone: input.phone, own: input.own };
      return this.goTo(asked.contact);
    }
    // A question saved without a version (a reminder sent to many chats at once) takes any button.
    const stale = input.version !== undefined && this.state.askVersion !== undefined && input.version !== this.state.askVersion;
    const choice = stale ? undefined : this.state.shown?.find((c) => c.id === input.choiceId);
    return choice ? this.choose(asked, choice) : this.reask("common:stale_menu");
  }

  private message(raw: string, asked: AskDef | undefined): Message {
    return { raw, text: normalize(raw), asked, isChoice: isChoiceAsk(asked), stay: asked?.stay === true };
  }

  /** A typed message: the first interpreter that reads it, else a miss (or, between tasks, the menu). */
  private read(m: Message): StepResult {
    const read = interpret(this, m);
    if (read) return read;
    if (!m.asked) return this.atHome({ kind: "text", text: m.raw });
    const parsed = m.isChoice ? undefined : parseAnswer(m.asked, m.raw, m.text, this.ctx.today);
    return this.miss(m.asked, parsed?.ok ? undefined : parsed?.reason);
  }

  greet(kindKey: string, m: Message): StepResult {
    this.say(kindKey);
    return this.atHome({ kind: "text", text: m.raw });
  }

  /** Between tasks: the menu, and the message read as its answer. */
  private atHome(input: EngineInput): StepResult {
    this.enterFlow(this.ctx.home);
    // Someone whose first message is the code they were handed should not have to send it twice.
    const first = this.state.waiting ? this.currentAsk() : undefined;
    if (input.kind === "text" && first?.type === "code" && LOOKS_LIKE_CODE.test(normalizeCode(input.text))) {
      this.replies.length = 0;
      return this.read(this.message(input.text, first));
    }
    if (input.kind === "contact" && first?.contact) {
      this.replies.length = 0;
      this.state.vars.contact = { phone: input.phone, own: input.own };
      return this.goTo(first.contact);
    }
    // "Khoản vay của tôi" or "2" typed after a task ended: the menu entry it names, at once.
    return input.kind === "text" ? this.answerFirst(input.text) : this.finish(() => {});
  }

  choose(ask: AskDef, choice: ShownChoice): StepResult {
    if (ask.choices === "$flows") {
      if (choice.id !== MORE) return this.startFlow(choice.id);
      // The second page of a long main menu (someone holding several roles).
      this.state.vars.page = 1;
      return this.finish(() => this.runNode(this.state.node, true));
    }
    return this.accept(ask, choice.id, choice.next);
  }

  accept(ask: AskDef, value: unknown, next?: string): StepResult {
    this.state.vars[ask.var ?? this.state.node] = value;
    this.state.misses = 0;
    const target = next ?? this.node(this.state.node).next;
    return target ? this.goTo(target) : this.finish(() => this.done());
  }

  private miss(ask: AskDef, reasonKey?: string): StepResult {
    this.state.misses += 1;
    const hint = reasonKey ?? ask.hint ?? `common:hint.${ask.type}`;
    const offer = this.state.misses >= 2 && !this.ctx.roles.some((r) => REACHED_BY_PERSON.includes(r));
    return this.reask(hint, offer ? ["common:offer_person"] : []);
  }

  /** The hint (and any word before it) and the question again, in one message: one bubble per miss. */
  reask(hintKey: string, before: string[] = []): StepResult {
    return this.finish(() => {
      const first = this.replies.length;
      for (const key of [...before, hintKey]) this.say(key);
      this.runNode(this.state.node, true);
      const said = this.replies.splice(first);
      const question = said.at(-1);
      if (question) this.replies.push({ ...question, text: said.map((r) => r.text).join("\n\n") });
    });
  }

  private goTo(nodeId: string): StepResult {
    return this.finish(() => this.runNode(nodeId));
  }

  /**
   * A flow opened by its words: when those words also answer its first question («không đến được»
   * opens the invitation's answer and is the answer), take them as the answer.
   */
  startTriggered(flowId: string, raw: string): StepResult {
    this.enterFlow(flowId);
    return this.answerFirst(raw);
  }

  /** The question just asked, answered by `raw` when it names one of its choices exactly. */
  private answerFirst(raw: string): StepResult {
    const first = this.state.waiting ? this.currentAsk() : undefined;
    const index = isChoiceAsk(first) ? matchChoice(raw, this.shown, false) : undefined;
    const choice = index === undefined ? undefined : this.state.shown?.[index];
    if (!first || !choice) {
      // A yes or no with no question asked: say how to choose, before the menu.
      if (first && isYesOrNo(this.ctx, normalize(raw)))
        this.replies.splice(this.replies.length - 1, 0, this.reply(first.hint ?? "common:hint.choice"));
      return this.finish(() => {});
    }
    this.replies.pop();
    return this.choose(first, choice);
  }

  startFlow(flowId: string, vars: Record<string, unknown> = {}): StepResult {
    return this.finish(() => this.enterFlow(flowId, vars));
  }

  /**
   * A reading typed in the middle of another task («150/95» at the amount step): recorded, then the
   * task's question again, with everything it had gathered.
   */
  interrupt(flowId: string, vars: Record<string, unknown>, at: string): StepResult {
    const { flow, node, waiting } = this.state;
    const paused = waiting && flow !== this.ctx.home ? { flow, vars: this.state.vars, at: node } : undefined;
    return this.finish(() => this.enterFlow(flowId, vars, at, paused));
  }
}
