// Walking a flow's nodes: calls, switches, sayings, questions, gotos, and the way back when a flow ends.
// The stepper (step.ts) decides where to go from what the member sent; this moves through the nodes.
import { choicesFor } from "./choices.ts";
import { FlowError } from "./flow-error.ts";
import { mayRun } from "./recognize.ts";
import { lookup, resolveAll } from "./refs.ts";
import type { AskDef, Flow, NodeDef } from "./schema.ts";
import type { EngineContext, PendingCall, Reply, SessionState, StepResult } from "./types.ts";

const MAX_NODES_PER_STEP = 64;

export function idle(ctx: EngineContext): SessionState {
  return { flow: ctx.home, node: "", waiting: false, vars: {}, misses: 0 };
}

export class FlowWalk {
  protected readonly replies: Reply[] = [];
  private visits = 0;
  private call?: PendingCall;

  constructor(
    readonly ctx: EngineContext,
    protected state: SessionState,
  ) {}

  finish(work: () => void): StepResult {
    work();
    return { state: this.state, replies: this.replies, call: this.call };
  }

  /** Open a flow at its start (or at node `at`), if the member's roles and consents allow it. */
  protected enterFlow(flowId: string, vars: Record<string, unknown> = {}, at?: string, paused?: SessionState["paused"]): void {
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
  runNode(nodeId: string, callDone = false): void {
    this.visits += 1;
    if (this.visits > MAX_NODES_PER_STEP) throw new FlowError(`flow ${this.state.flow} loops at ${nodeId}`);
    const node = this.node(nodeId);
    this.state.node = nodeId;
    this.state.waiting = false;
    if (node.call && !callDone) {
      this.call = { action: node.call, input: resolveAll(node.with ?? {}, this.state.vars, this.ctx.params) };
      return;
    }
    if (node.switch) {
      const value = String(lookup(node.switch.on, this.state.vars, this.ctx.params));
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
    const choices = choicesFor(this.ctx, this.state, ask);
    if (choices && choices.length === 0) return ask.empty ? this.runNode(ask.empty) : this.done();
    this.state.waiting = true;
    this.state.shown = choices;
    this.state.askVersion = this.ctx.version;
    this.replies.push({ text: this.text(ask.text), choices, requestContact: ask.contact !== undefined || undefined });
  }

  /** The task a consent question was asked on the way to, with what it was opened with; or `otherwise`. */
  private resume(otherwise: string): void {
    const task = this.state.vars.task as { flow?: string; vars?: Record<string, unknown>; at?: string } | undefined;
    if (task?.flow && this.ctx.flows.has(task.flow))
      return this.enterFlow(task.flow, task.vars ?? {}, task.at, this.state.paused);
    this.runNode(otherwise);
  }

  /** A flow that runs to its end: back to the task it paused, if any, else home. */
  protected done(): void {
    const paused = this.state.paused;
    if (!paused || !this.ctx.flows.has(paused.flow)) return this.end();
    this.say("common:back_to_task");
    this.enterFlow(paused.flow, paused.vars, paused.at);
  }

  /** A flow ends back at home, idle: the next message opens the home flow. */
  private end(): void {
    this.state = idle(this.ctx);
  }

  protected say(key: string): void {
    this.replies.push(this.reply(key));
  }

  protected reply(key: string): Reply {
    return { text: this.text(key) };
  }

  private text(key: string): string {
    return this.ctx.t(key, { ...this.ctx.params, ...this.state.vars });
  }

  protected currentAsk(): AskDef | undefined {
    return this.ctx.flows.get(this.state.flow)?.nodes[this.state.node]?.ask;
  }

  private flow(id: string): Flow {
    const flow = this.ctx.flows.get(id);
    if (!flow) throw new FlowError(`unknown flow ${id}`);
    return flow;
  }

  protected node(id: string): NodeDef {
    const node = this.flow(this.state.flow).nodes[id];
    if (!node) throw new FlowError(`flow ${this.state.flow} has no node ${id}`);
    return node;
  }
}
