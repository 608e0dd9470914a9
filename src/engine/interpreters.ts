// How a typed message is read: one ordered list that a question's answer and a message between tasks
// both walk, each entry saying when it applies. The first entry that reads the message decides the
// step; when none does, the question is asked again (a miss) or, between tasks, the menu opens.
import { matchChoice } from "./match.ts";
import { parseAnswer } from "./parse-answer.ts";
import { codeFlow, kindWords, localeWords, patternFlow, triggeredFlow, triggeredWithTypo } from "./recognize.ts";
import type { AskDef } from "./schema.ts";
import type { EngineContext, ShownChoice, StepResult } from "./types.ts";

/** A typed message: as typed, normalized, and the question it may answer (none between tasks). */
export type Message = {
  raw: string;
  text: string;
  asked?: AskDef;
  /** The question offers choices (a menu, yes/no). */
  isChoice: boolean;
  /** The question keeps the member until answered (`stay`): other tasks' words and codes do not leave it. */
  stay: boolean;
};

/** What an interpreter may do with the conversation it reads for. */
export interface Conversation {
  readonly ctx: EngineContext;
  readonly shown: readonly ShownChoice[];
  choose(ask: AskDef, choice: ShownChoice): StepResult;
  accept(ask: AskDef, value: unknown): StepResult;
  reask(hintKey: string): StepResult;
  startFlow(flowId: string, vars?: Record<string, unknown>): StepResult;
  /** A flow opened by its words, which may also answer its first question. */
  startTriggered(flowId: string, raw: string): StepResult;
  /** Another flow in the middle of this one (a reading), coming back to the question after. */
  interrupt(flowId: string, vars: Record<string, unknown>, at: string): StepResult;
  /** Between tasks: a kind word, then the menu. */
  greet(kindKey: string, message: Message): StepResult;
}

export type Interpreter = {
  name: string;
  applies(m: Message): boolean;
  read(c: Conversation, m: Message): StepResult | undefined;
};

const betweenTasks = (m: Message) => m.asked === undefined;
const mayLeave = (m: Message) => betweenTasks(m) || !m.stay;

/** Another task the message clearly names: a flow's own words, or a message shaped like a flow's pattern. */
function otherTask(c: Conversation, m: Message): StepResult | undefined {
  const triggered = triggeredFlow(c.ctx, m.text);
  if (triggered) return c.startTriggered(triggered, m.raw);
  const shaped = patternFlow(c.ctx, m.raw, m.text);
  return shaped ? c.interrupt(shaped.flow, shaped.vars, shaped.node) : undefined;
}

function shownChoice(c: Conversation, m: Message, allowPartial: boolean): StepResult | undefined {
  const index = matchChoice(m.raw, c.shown, allowPartial);
  const choice = index === undefined ? undefined : c.shown[index];
  return choice && m.asked ? c.choose(m.asked, choice) : undefined;
}

export const INTERPRETERS: readonly Interpreter[] = [
  {
    // A choice's own words win over "help" and flow triggers: "hướng dẫn" may be a menu label.
    name: "choice",
    applies: (m) => m.isChoice,
    read: (c, m) => shownChoice(c, m, false),
  },
  {
    // A flow's own words ("điểm danh giúp") beat a choice that merely starts the same way.
    name: "other task, before a choice's first words",
    applies: (m) => betweenTasks(m) || (m.isChoice && !m.stay),
    read: otherTask,
  },
  {
    name: "a choice's first words",
    applies: (m) => m.isChoice,
    read: (c, m) => shownChoice(c, m, true),
  },
  {
    name: "help",
    applies: (m) => m.asked !== undefined,
    read: (c, m) =>
      m.asked && localeWords(c.ctx, "common:words.help").includes(m.text)
        ? c.reask(m.asked.hint ?? `common:hint.${m.asked.type}`)
        : undefined,
  },
  {
    name: "typed answer",
    applies: (m) => m.asked !== undefined && !m.isChoice,
    read: (c, m) => {
      const parsed = m.asked ? parseAnswer(m.asked, m.raw, m.text, c.ctx.today) : undefined;
      return m.asked && parsed?.ok ? c.accept(m.asked, parsed.value) : undefined;
    },
  },
  {
    // An answer that does not fit the question but names another task goes there.
    name: "other task, when the answer does not fit",
    applies: (m) => m.asked !== undefined && !m.isChoice && !m.stay,
    read: otherTask,
  },
  {
    name: "short code",
    applies: (m) => betweenTasks(m) || (m.isChoice && !m.stay),
    read: (c, m) => {
      const coded = codeFlow(c.ctx, m.raw);
      return coded ? c.startFlow(coded.flow, { code: coded.code, via: "code" }) : undefined;
    },
  },
  {
    name: "a flow's words with a typo",
    applies: mayLeave,
    read: (c, m) => {
      const typo = triggeredWithTypo(c.ctx, m.text);
      return typo ? c.startFlow(typo) : undefined;
    },
  },
  {
    name: "kind words",
    applies: () => true,
    read: (c, m) => {
      const kind = kindWords(c.ctx, m.text);
      if (!kind) return undefined;
      return m.asked ? c.reask(kind) : c.greet(kind, m);
    },
  },
];

/** The first interpreter's reading of the message, if any reads it. */
export function interpret(c: Conversation, m: Message): StepResult | undefined {
  for (const interpreter of INTERPRETERS) {
    if (!interpreter.applies(m)) continue;
    const result = interpreter.read(c, m);
    if (result) return result;
  }
  return undefined;
}
