// The stepper: (flows, session, input) → new session, replies, and at most one domain call to make.
// Pure: the runtime runs the call and resumes with its result.
import { parseDate, parseTime } from "./dates.ts";
import { closestWords, matchChoice, normalize, normalizeCode, parseAmount } from "./match.ts";
import { parseCount } from "./numbers.ts";
import type { AskDef, Flow, NodeDef } from "./schema.ts";
import type { EngineContext, EngineInput, PendingCall, Reply, SessionState, ShownChoice, StepResult } from "./types.ts";

const MAX_NODES_PER_STEP = 64;
const MAX_TEXT_ANSWER = 500;
const MAX_MENU = 6;
const MORE = "more";
const KIND_WORDS = ["thanks", "greeting", "plea"] as const;
/** A message of emoji alone (🙏, 👍): a kind word back, not «please send a number». */
const EMOJI_ONLY = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\s)+$/u;
/** Those «gặp người» reaches: they are not offered it when a reply is not understood. */
const REACHED_BY_PERSON: readonly string[] = ["board", "treasurer", "officer"];
/** Six characters of the invite/meeting code alphabet (no 0/O/1/I/L). */
const LOOKS_LIKE_CODE = /^[A-HJKMNP-Z2-9]{6}$/;

export class FlowError extends Error {}

/**
 * Flows a role set sees in the main menu, in menu order. Consents do not change the list, so an
 * entry keeps its number: one whose consent is missing opens the consent question instead.
 */
export function menuFlows(ctx: Pick<EngineContext, "flows" | "roles">): Flow[] {
  return [...ctx.flows.values()]
    .filter((f) => f.menu !== undefined && f.roles.some((r) => ctx.roles.includes(r)))
    .sort((a, b) => (a.menu ?? 0) - (b.menu ?? 0));
}

/** The role allows the flow and every consent it needs is given. */
export function mayRun(ctx: Pick<EngineContext, "roles" | "consents">, flow: Flow): boolean {
  return flow.roles.some((r) => ctx.roles.includes(r)) && flow.consent.every((c) => ctx.consents.includes(c));
}

/** Handle one input from the member. */
export function handleInput(ctx: EngineContext, previous: SessionState | undefined, input: EngineInput): StepResult {
  const run = new Run(ctx, previous ?? idle(ctx));
  return run.input(input);
}

/** Continue after the runtime ran the pending call of the current node. */
export function resumeCall(ctx: EngineContext, state: SessionState, result: unknown): StepResult {
  const keep = ctx.flows.get(state.flow)?.nodes[state.node]?.as;
  const run = new Run(ctx, { ...state, vars: { ...state.vars, result, ...(keep ? { [keep]: result } : {}) } });
  return run.afterCall();
}

function idle(ctx: EngineContext): SessionState {
  return { flow: ctx.home, node: "", waiting: false, vars: {}, misses: 0 };
}

class Run {
  private readonly replies: Reply[] = [];
  private visits = 0;
  private call?: PendingCall;

  constructor(
    private readonly ctx: EngineContext,
    private state: SessionState,
  ) {}

  input(input: EngineInput): StepResult {
    const text = input.kind === "text" ? normalize(input.text) : undefined;
    if (input.kind === "start") {
      const linked = this.payloadFlow(input.payload);
      return linked ? this.startFlow(linked.flow, { code: linked.rest, via: "link" }) : this.startFlow(this.ctx.home);
    }
    if (text !== undefined && (text === "0" || this.words("common:words.menu").includes(text))) {
      const left = this.state.waiting ? this.currentAsk()?.leave : undefined;
      if (left) this.say(left);
      return this.startFlow(this.ctx.home);
    }
    // A photo or sticker: one kind sentence; the conversation stays where it was.
    if (input.kind === "unsupported") return this.finish(() => this.say("common:unsupported"));
    const asked = this.state.waiting ? this.currentAsk() : undefined;
    if (!asked) {
      const elsewhere = input.kind === "text" ? this.otherTask(input.text, text ?? "") : undefined;
      if (elsewhere) return elsewhere();
      const coded = input.kind === "text" ? this.codeFlow(input.text) : undefined;
      if (coded) return this.startFlow(coded.flow, { code: coded.code, via: "code" });
      const typo = text !== undefined ? this.triggeredWithTypo(text) : undefined;
      if (typo) return this.startFlow(typo);
      const kind = text !== undefined ? this.kindWords(text) : undefined;
      if (kind) this.say(kind);
      this.enterFlow(this.ctx.home);
      // Someone whose first message is the code they were handed should not have to send it twice.
      const first = this.state.waiting ? this.currentAsk() : undefined;
      if (input.kind === "text" && first?.type === "code" && LOOKS_LIKE_CODE.test(normalizeCode(input.text))) {
        this.replies.length = 0;
        return this.answer(first, input.text, text ?? "");
      }
      if (input.kind === "contact" && first?.contact) {
        this.replies.length = 0;
        this.state.vars.contact = { phone: input.phone, own: input.own };
        return this.goTo(first.contact);
      }
      // "Khoản vay của tôi" or "2" typed after a task ended: the menu entry it names, at once.
      return input.kind === "text" ? this.answerFirst(input.text) : this.finish(() => {});
    }
    switch (input.kind) {
      case "choice": {
        // A question saved without a version (a reminder sent to many chats at once) takes any button.
        const stale =
          input.version !== undefined && this.state.askVersion !== undefined && input.version !== this.state.askVersion;
        if (stale) return this.reask("common:stale_menu");
        const choice = this.state.shown?.find((c) => c.id === input.choiceId);
        return choice ? this.choose(asked, choice) : this.reask("common:stale_menu");
      }
      case "contact":
        if (!asked.contact) return this.miss(asked);
        this.state.vars.contact = { phone: input.phone, own: input.own };
        return this.goTo(asked.contact);
      case "text":
        return this.answer(asked, input.text, text ?? "");
    }
  }

  afterCall(): StepResult {
    return this.finish(() => this.runNode(this.state.node, true));
  }

  private answer(ask: AskDef, raw: string, text: string): StepResult {
    const slot = ask.var ?? this.state.node;
    // A choice's own words win over "help" and flow triggers: "hướng dẫn" may be a menu label.
    const isChoice = ask.type === "choice" || ask.type === "yesno";
    const index = isChoice ? matchChoice(raw, this.state.shown ?? [], false) : undefined;
    const choice = index === undefined ? undefined : this.state.shown?.[index];
    if (choice) return this.choose(ask, choice);
    // A flow's own words ("điểm danh giúp") beat a choice that merely starts the same way.
    const elsewhere = ask.stay ? undefined : this.otherTask(raw, text);
    if (isChoice && elsewhere) return elsewhere();
    const partialIndex = isChoice ? matchChoice(raw, this.state.shown ?? []) : undefined;
    const partial = partialIndex === undefined ? undefined : this.state.shown?.[partialIndex];
    if (partial) return this.choose(ask, partial);
    if (this.words("common:words.help").includes(text)) return this.reask(ask.hint ?? `common:hint.${ask.type}`);
    const parsed = isChoice ? undefined : this.parse(ask, raw, text);
    if (parsed?.ok) return this.accept(slot, parsed.value);
    // An answer that does not fit the question but names another task goes there.
    if (elsewhere) return elsewhere();
    const coded = isChoice && !ask.stay ? this.codeFlow(raw) : undefined;
    if (coded) return this.startFlow(coded.flow, { code: coded.code, via: "code" });
    const typo = ask.stay ? undefined : this.triggeredWithTypo(text);
    if (typo) return this.startFlow(typo);
    const kind = this.kindWords(text);
    if (kind) return this.reask(kind);
    return this.miss(ask, parsed?.reason);
  }

  /** The answer to a question that is not a choice, or why it does not fit. */
  private parse(ask: AskDef, raw: string, text: string): { ok: true; value: unknown } | { ok: false; reason?: string } {
    switch (ask.type) {
      case "date": {
        const date = parseDate(raw, this.ctx.today);
        return date ? { ok: true, value: date } : { ok: false };
      }
      case "time": {
        const time = parseTime(raw);
        return time ? { ok: true, value: time } : { ok: false };
      }
      case "number": {
        const count = parseCount(text);
        return count === undefined ? { ok: false } : { ok: true, value: count };
      }
      case "amount": {
        const amount = parseAmount(raw);
        // JSON has no BigInt: amounts travel as decimal strings of VND.
        return amount.ok ? { ok: true, value: amount.vnd.toString() } : { ok: false, reason: `common:amount.${amount.reason}` };
      }
      case "code": {
        const code = normalizeCode(raw);
        return /^[A-Z0-9]{4,12}$/.test(code) ? { ok: true, value: code } : { ok: false };
      }
      default: {
        const value = raw.trim();
        const fits = value !== "" && value.length <= MAX_TEXT_ANSWER && (!ask.pattern || new RegExp(ask.pattern).test(text));
        return fits ? { ok: true, value } : { ok: false };
      }
    }
  }

  /**
   * Another task the message clearly names: a flow's own words, or a message shaped like a flow's
   * pattern ("150/95" is a blood-pressure reading). Returned as the step that goes there.
   */
  private otherTask(raw: string, text: string): (() => StepResult) | undefined {
    const triggered = this.triggered(text);
    if (triggered) return () => this.startTriggered(triggered, raw);
    for (const flow of this.ctx.flows.values()) {
      const trigger = flow.pattern_trigger;
      if (!trigger || !flow.roles.some((r) => this.ctx.roles.includes(r))) continue;
      const match = text.match(new RegExp(trigger.pattern));
      if (match) return () => this.interrupt(flow.id, { [trigger.var]: match.groups?.value ?? raw }, trigger.node);
    }
    return undefined;
  }

  private choose(ask: AskDef, choice: ShownChoice): StepResult {
    if (ask.choices === "$flows") {
      if (choice.id !== MORE) return this.startFlow(choice.id);
      // The second page of a long main menu (someone holding several roles).
      this.state.vars.page = 1;
      return this.finish(() => this.runNode(this.state.node, true));
    }
    return this.accept(ask.var ?? this.state.node, choice.id, choice.next);
  }

  private accept(slot: string, value: unknown, next?: string): StepResult {
    this.state.vars[slot] = value;
    this.state.misses = 0;
    const node = this.node(this.state.node);
    const target = next ?? node.next;
    return target ? this.goTo(target) : this.finish(() => this.done());
  }

  private miss(ask: AskDef, reasonKey?: string): StepResult {
    this.state.misses += 1;
    const hint = reasonKey ?? ask.hint ?? `common:hint.${ask.type}`;
    const offer = this.state.misses >= 2 && !this.ctx.roles.some((r) => REACHED_BY_PERSON.includes(r));
    return this.reask(hint, offer ? ["common:offer_person"] : []);
  }

  /** The hint (and any word before it) and the question again, in one message: one bubble per miss. */
  private reask(hintKey: string, before: string[] = []): StepResult {
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
  private startTriggered(flowId: string, raw: string): StepResult {
    this.enterFlow(flowId);
    return this.answerFirst(raw);
  }

  /** The question just asked, answered by `raw` when it names one of its choices exactly. */
  private answerFirst(raw: string): StepResult {
    const first = this.state.waiting ? this.currentAsk() : undefined;
    const isChoice = first?.type === "choice" || first?.type === "yesno";
    const index = isChoice ? matchChoice(raw, this.state.shown ?? [], false) : undefined;
    const choice = index === undefined ? undefined : this.state.shown?.[index];
    if (!first || !choice) {
      // A yes or no with no question asked: say how to choose, before the menu.
      if (first && this.isYesOrNo(normalize(raw)))
        this.replies.splice(this.replies.length - 1, 0, this.reply(first.hint ?? "common:hint.choice"));
      return this.finish(() => {});
    }
    this.replies.pop();
    return this.choose(first, choice);
  }

  private startFlow(flowId: string, vars: Record<string, unknown> = {}, at?: string): StepResult {
    return this.finish(() => this.enterFlow(flowId, vars, at));
  }

  /**
   * A reading typed in the middle of another task («150/95» at the amount step): recorded, then the
   * task's question again, with everything it had gathered.
   */
  private interrupt(flowId: string, vars: Record<string, unknown>, at: string): StepResult {
    const { flow, node, waiting } = this.state;
    const paused = waiting && flow !== this.ctx.home ? { flow, vars: this.state.vars, at: node } : undefined;
    return this.finish(() => this.enterFlow(flowId, vars, at, paused));
  }

  private finish(work: () => void): StepResult {
    work();
    return { state: this.state, replies: this.replies, call: this.call };
  }

  /** Open a flow at its start (or at node `at`), if the member's roles and consents allow it. */
  private enterFlow(
    flowId: string,
    vars: Record<string, unknown> = {},
    at?: string,
    paused: SessionState["paused"] = undefined,
  ): void {
    const flow = this.flow(flowId);
    if (!flow.roles.some((r) => this.ctx.roles.includes(r))) throw new FlowError(`role may not run flow ${flowId}`);
    if (!mayRun(this.ctx, flow)) {
      // Nothing runs without its consent: first the question (the flow marked `consent_gate`), then the task.
      const missing = flow.consent.find((c) => !this.ctx.consents.includes(c));
      const gate = [...this.ctx.flows.values()].find((f) => f.consent_gate);
      if (!gate?.consent_gate) {
        this.say("common:consent_needed");
        return this.end();
      }
      return this.enterFlow(gate.id, { purpose: missing, task: { flow: flowId, vars, at } }, gate.consent_gate, paused);
    }
    this.state = { flow: flowId, node: at ?? flow.start, waiting: false, vars: { ...vars }, misses: 0, paused };
    this.runNode(at ?? flow.start);
  }

  /** Run a node; `callDone` skips its call (already made) and asks again without re-running it. */
  private runNode(nodeId: string, callDone = false): void {
    this.visits += 1;
    if (this.visits > MAX_NODES_PER_STEP) throw new FlowError(`flow ${this.state.flow} loops at ${nodeId}`);
    const node = this.node(nodeId);
    this.state.node = nodeId;
    this.state.waiting = false;
    if (node.call && !callDone) {
      this.call = { action: node.call, input: this.resolveAll(node.with ?? {}) };
      return;
    }
    if (node.switch) {
      const value = String(this.lookup(node.switch.on));
      const target = node.switch.cases[value] ?? node.switch.default;
      if (!target) throw new FlowError(`flow ${this.state.flow} node ${nodeId}: no case for ${value}`);
      return this.runNode(target);
    }
    if (node.say) this.say(node.say);
    if (node.ask) return this.ask(node.ask);
    if (node.goto) return this.enterFlow(node.goto, {}, undefined, this.state.paused);
    if (node.resume) return this.resume(node.resume);
    if (node.next) return this.runNode(node.next);
    this.done();
  }

  private ask(ask: AskDef): void {
    const choices = this.choicesFor(ask);
    if (choices && choices.length === 0) {
      if (ask.empty) return this.runNode(ask.empty);
      return this.done();
    }
    this.state.waiting = true;
    this.state.shown = choices;
    this.state.askVersion = this.ctx.version;
    this.replies.push({
      text: this.text(ask.text),
      choices,
      requestContact: ask.contact !== undefined || undefined,
    });
  }

  private choicesFor(ask: AskDef): ShownChoice[] | undefined {
    if (ask.type === "yesno") {
      return [
        { id: "yes", label: this.text("common:choice.yes"), keywords: this.words("common:words.yes") },
        { id: "no", label: this.text("common:choice.no"), keywords: this.words("common:words.no") },
      ];
    }
    if (ask.type !== "choice") return undefined;
    if (ask.choices === "$flows") return this.menuPage();
    if (typeof ask.choices === "string") {
      const items = this.lookup(ask.choices);
      if (!Array.isArray(items)) throw new FlowError(`${ask.choices} is not a list`);
      // Items carry data (a name) as `label`, or UI text as `labelKey` into locales/.
      return items.map((item: { id: string; label?: string; labelKey?: string }) => ({
        id: String(item.id),
        label: item.labelKey ? this.text(item.labelKey) : String(item.label),
      }));
    }
    return (ask.choices ?? []).map((c) => ({
      id: c.id,
      label: this.text(c.label),
      keywords: c.keywords,
      next: c.next,
    }));
  }

  /** At most 6 choices: a longer main menu shows 5 and "Thêm…", which opens the rest. */
  private menuPage(): ShownChoice[] {
    const all = menuFlows(this.ctx).map((f) => ({ id: f.id, label: this.text(f.title) }));
    if (all.length <= MAX_MENU) return all;
    if (this.state.vars.page === 1) return all.slice(MAX_MENU - 1);
    return [...all.slice(0, MAX_MENU - 1), { id: MORE, label: this.text("common:more") }];
  }

  /** The task a consent question was asked on the way to, with what it was opened with; or `otherwise`. */
  private resume(otherwise: string): void {
    const task = this.state.vars.task as { flow?: string; vars?: Record<string, unknown>; at?: string } | undefined;
    if (task?.flow && this.ctx.flows.has(task.flow))
      return this.enterFlow(task.flow, task.vars ?? {}, task.at, this.state.paused);
    this.runNode(otherwise);
  }

  /** A flow that runs to its end: back to the task it paused, if any, else home. */
  private done(): void {
    const paused = this.state.paused;
    if (!paused || !this.ctx.flows.has(paused.flow)) return this.end();
    this.say("common:back_to_task");
    this.enterFlow(paused.flow, paused.vars, paused.at);
  }

  /** A flow ends back at home, idle: the next message opens the home flow. */
  private end(): void {
    this.state = { flow: this.ctx.home, node: "", waiting: false, vars: {}, misses: 0 };
  }

  private say(key: string): void {
    this.replies.push(this.reply(key));
  }

  private reply(key: string): Reply {
    return { text: this.text(key) };
  }

  private text(key: string): string {
    return this.ctx.t(key, { ...this.ctx.params, ...this.state.vars });
  }

  private words(key: string): string[] {
    return this.ctx
      .t(key)
      .split("|")
      .map((w) => normalize(w))
      .filter((w) => w !== "");
  }

  /**
   * A flow opened by its words. Never by a yes or no of the member's language: in English «no» is an
   * answer, not «nợ» (the loans).
   */
  private triggered(text: string): string | undefined {
    if (this.isYesOrNo(text)) return undefined;
    return [...this.ctx.flows.values()].find(
      (f) => f.roles.some((r) => this.ctx.roles.includes(r)) && f.triggers.some((t) => normalize(t) === text),
    )?.id;
  }

  /** Words that in the member's language only ever answer a question (in Vietnamese «no» is «nợ», a task). */
  private isYesOrNo(text: string): boolean {
    return this.words("common:words.answers").includes(text);
  }

  /** A flow whose words are within a typo of the text («diem dah»), if exactly one is. */
  private triggeredWithTypo(text: string): string | undefined {
    const flows = [...this.ctx.flows.values()].filter((f) => f.roles.some((r) => this.ctx.roles.includes(r)));
    const index = closestWords(
      text,
      flows.map((f) => f.triggers.map((t) => normalize(t))),
    );
    return index === undefined ? undefined : flows[index]?.id;
  }

  /**
   * Thanks, greetings, a plea for help: a kind word back instead of "please send a number". A new
   * person is greeted by the linking question itself.
   */
  private kindWords(text: string): string | undefined {
    if (this.ctx.roles.includes("guest")) return undefined;
    if (EMOJI_ONLY.test(text)) return "common:kind.emoji";
    const kind = KIND_WORDS.find((k) => this.words(`common:words.${k}`).includes(text));
    return kind ? `common:kind.${kind}` : undefined;
  }

  /** A flow for a typed short code (4-6 characters, at least one digit), for linked members only. */
  private codeFlow(raw: string): { flow: string; code: string } | undefined {
    const code = normalizeCode(raw);
    if (this.ctx.roles.includes("guest") || !/^(?=.*\d)[A-Z0-9]{4,6}$/.test(code)) return undefined;
    const flow = [...this.ctx.flows.values()].find((f) => f.code_trigger && mayRun(this.ctx, f));
    return flow ? { flow: flow.id, code } : undefined;
  }

  /** A flow for a deep-link payload like "ck_M7Q4XK" (a guest's only "in_", the invite code's). */
  private payloadFlow(payload: string | undefined): { flow: string; rest: string } | undefined {
    if (!payload) return undefined;
    const flow = [...this.ctx.flows.values()].find(
      (f) => f.payload_prefix && payload.startsWith(f.payload_prefix) && mayRun(this.ctx, f),
    );
    return flow?.payload_prefix ? { flow: flow.id, rest: payload.slice(flow.payload_prefix.length) } : undefined;
  }

  private currentAsk(): AskDef | undefined {
    const flow = this.ctx.flows.get(this.state.flow);
    return flow?.nodes[this.state.node]?.ask;
  }

  private flow(id: string): Flow {
    const flow = this.ctx.flows.get(id);
    if (!flow) throw new FlowError(`unknown flow ${id}`);
    return flow;
  }

  private node(id: string): NodeDef {
    const node = this.flow(this.state.flow).nodes[id];
    if (!node) throw new FlowError(`flow ${this.state.flow} has no node ${id}`);
    return node;
  }

  private resolveAll(values: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, typeof v === "string" && v.startsWith("$") ? this.lookup(v) : v]),
    );
  }

  /** `$result.status` → vars.result.status; `$me.channel` → params.me.channel. */
  private lookup(ref: string): unknown {
    const [head = "", ...path] = ref.slice(1).split(".");
    let value: unknown = head in this.state.vars ? this.state.vars[head] : this.ctx.params[head];
    for (const part of path) value = (value as Record<string, unknown> | undefined)?.[part];
    return value;
  }
}
