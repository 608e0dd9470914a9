// flows:check rules: what would hurt a member at run time, found before it ships.

import { menuFlows } from "./choices.ts";
import type { FlowProblem } from "./loader.ts";
import type { AskDef, Flow, NodeDef } from "./schema.ts";

export const MAX_CHOICES = 6;
export const MAX_PROMPT_CHARS = 160;
const ROLES = ["guest", "proxy", "member", "volunteer", "board", "treasurer", "officer"] as const;

export type CheckInput = {
  flows: ReadonlyMap<string, Flow>;
  files: ReadonlyMap<string, string>;
  actions: ReadonlySet<string>;
  /** locale → key → text, e.g. vi → "main:pick" → "Bác chọn việc cần làm:". */
  locales: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Keys the engine itself uses (hints, yes/no, menu words). */
  engineKeys: readonly string[];
};

export function checkFlows(input: CheckInput): FlowProblem[] {
  const problems: FlowProblem[] = [];
  for (const flow of input.flows.values()) {
    const file = input.files.get(flow.id) ?? flow.id;
    const report = (node: string | undefined, problem: string) => problems.push({ file, node, problem });
    checkKey(input, flow.title, (p) => report(undefined, p));
    if (!flow.nodes[flow.start]) report(undefined, `start node ${flow.start} does not exist`);
    if (flow.consent_gate && !flow.nodes[flow.consent_gate])
      report(undefined, `consent_gate node ${flow.consent_gate} does not exist`);
    const trigger = flow.pattern_trigger;
    if (trigger && !flow.nodes[trigger.node]) report(undefined, `pattern_trigger starts at missing node ${trigger.node}`);
    for (const node of flow.parked) if (!flow.nodes[node]) report(undefined, `parked node ${node} does not exist`);
    if (trigger) checkPattern(trigger.pattern, (p) => report(undefined, `pattern_trigger: ${p}`));
    for (const [id, node] of Object.entries(flow.nodes)) {
      for (const target of targets(node)) {
        if (!flow.nodes[target]) report(id, `goes to missing node ${target}`);
      }
      if (node.goto && !input.flows.has(node.goto)) report(id, `goto unknown flow ${node.goto}`);
      if (node.call && !input.actions.has(node.call)) report(id, `unknown action ${node.call}`);
      const deadEnd = deadEndProblem(node);
      if (deadEnd) report(id, deadEnd);
      for (const key of keysOf(node)) checkKey(input, key, (p) => report(id, p));
      if (node.ask) checkAsk(input, flow, node.ask, (p) => report(id, p));
    }
    for (const id of unreachable(flow)) report(id, "unreachable from the start node");
  }
  for (const role of ROLES) {
    const count = menuFlows({ flows: input.flows, roles: [role] }).length;
    if (count > MAX_CHOICES)
      problems.push({ file: "flows", problem: `main menu for ${role} has ${count} choices (max ${MAX_CHOICES})` });
  }
  for (const key of input.engineKeys) checkKey(input, key, (p) => problems.push({ file: "locales", problem: p }));
  return problems;
}

function checkAsk(input: CheckInput, flow: Flow, ask: AskDef, report: (p: string) => void): void {
  if (Array.isArray(ask.choices) && ask.choices.length > MAX_CHOICES) {
    report(`menu has ${ask.choices.length} choices (max ${MAX_CHOICES})`);
  }
  if (ask.type === "choice" && !ask.choices) report("a choice question needs choices");
  if (ask.type !== "choice" && ask.choices) report(`a ${ask.type} question takes no choices`);
  if (ask.choices === "$flows" && flow.menu !== undefined) report("the main menu cannot be inside the menu");
  if (ask.pattern !== undefined) checkPattern(ask.pattern, report);
  const vi = input.locales.get("vi")?.get(ask.text);
  if (vi !== undefined && vi.length > MAX_PROMPT_CHARS) {
    report(`prompt ${ask.text} is ${vi.length} characters in Vietnamese (max ${MAX_PROMPT_CHARS})`);
  }
}

function checkPattern(pattern: string, report: (p: string) => void): void {
  try {
    new RegExp(pattern);
  } catch (error) {
    report(`pattern ${pattern} is not a regular expression (${(error as Error).message})`);
  }
}

function checkKey(input: CheckInput, key: string, report: (p: string) => void): void {
  for (const [locale, keys] of input.locales) {
    if (!keys.has(key)) report(`missing i18n key ${key} in ${locale}`);
  }
}

function keysOf(node: NodeDef): string[] {
  const keys: string[] = [];
  if (node.say) keys.push(node.say);
  if (node.ask) {
    keys.push(node.ask.text);
    if (node.ask.hint) keys.push(node.ask.hint);
    if (node.ask.leave) keys.push(node.ask.leave);
    if (Array.isArray(node.ask.choices)) keys.push(...node.ask.choices.map((c) => c.label));
  }
  return keys;
}

function targets(node: NodeDef): string[] {
  const out: string[] = [];
  if (node.next) out.push(node.next);
  if (node.resume) out.push(node.resume);
  if (node.switch) out.push(...Object.values(node.switch.cases), ...(node.switch.default ? [node.switch.default] : []));
  if (node.ask?.empty) out.push(node.ask.empty);
  if (node.ask?.contact) out.push(node.ask.contact);
  if (Array.isArray(node.ask?.choices)) out.push(...node.ask.choices.flatMap((c) => (c.next ? [c.next] : [])));
  return out;
}

/** A node where the conversation stops by accident, or stops without a word to the member. */
function deadEndProblem(node: NodeDef): string | undefined {
  if (node.ask || node.next || node.goto || node.resume || node.switch) return undefined;
  if (!node.end) return "dead end: no ask, next, goto, resume, switch or end";
  if (!node.say) return "ends without a word to the member";
  return undefined;
}

function unreachable(flow: Flow): string[] {
  const seen = new Set<string>();
  const queue = [
    flow.start,
    ...(flow.pattern_trigger ? [flow.pattern_trigger.node] : []),
    ...(flow.consent_gate ? [flow.consent_gate] : []),
    ...flow.parked,
  ];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (seen.has(id) || !flow.nodes[id]) continue;
    seen.add(id);
    queue.push(...targets(flow.nodes[id] as NodeDef));
  }
  return Object.keys(flow.nodes).filter((id) => !seen.has(id));
}
