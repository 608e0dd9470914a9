// Table tests of the stepper: each file in testdata/ holds small flows, the texts they use, and a
// conversation (what the member sends, or the result of a call) with the replies, state and call
// expected after each step. They pin the order in which a message is read (engine/interpreters.ts).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { z } from "zod";
import { loadFlows } from "../../src/engine/loader.ts";
import type { Role } from "../../src/engine/schema.ts";
import { handleInput, resumeCall } from "../../src/engine/step.ts";
import type { EngineContext, EngineInput, SessionState, StepResult } from "../../src/engine/types.ts";

const DIR = path.join(import.meta.dirname, "testdata");
const COMMON_TEXTS = "common-texts.yaml";

const stepSchema = z.strictObject({
  send: z.string().optional(),
  choose: z.string().optional(),
  contact: z.string().optional(),
  start: z.string().optional(),
  result: z.unknown().optional(),
  replies: z.array(z.string()),
  choices: z.array(z.string()).optional(),
  state: z.strictObject({ flow: z.string(), node: z.string(), waiting: z.boolean() }).optional(),
  vars: z.record(z.string(), z.unknown()).optional(),
  call: z.union([z.literal("none"), z.strictObject({ action: z.string(), input: z.record(z.string(), z.unknown()) })]),
});

const caseSchema = z.strictObject({
  title: z.string(),
  roles: z.array(z.string()).default(["member"]),
  consents: z.array(z.string()).default(["membership", "health", "loans"]),
  texts: z.record(z.string(), z.string()).default({}),
  flows: z.array(z.unknown()).min(1),
  steps: z.array(stepSchema).min(1),
});

const commonTexts = z.record(z.string(), z.string()).parse(parse(readFileSync(path.join(DIR, COMMON_TEXTS), "utf8")));

function contextOf(table: z.infer<typeof caseSchema>, file: string): EngineContext {
  const loaded = loadFlows(table.flows.map((flow, i) => ({ file: `${file}#${i}`, text: stringify(flow) })));
  expect(loaded.problems).toEqual([]);
  const texts = { ...commonTexts, ...table.texts };
  return {
    flows: loaded.flows,
    roles: table.roles as Role[],
    consents: table.consents,
    home: "main",
    version: 1,
    t: (key, params) => (texts[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(params?.[name] ?? "")),
    params: {},
    today: { year: 2026, month: 12, day: 1 },
  };
}

function inputOf(step: z.infer<typeof stepSchema>): EngineInput {
  if (step.send !== undefined) return { kind: "text", text: step.send };
  if (step.choose !== undefined) return { kind: "choice", choiceId: step.choose };
  if (step.contact !== undefined) return { kind: "contact", phone: step.contact, own: true };
  return { kind: "start", payload: step.start };
}

for (const file of readdirSync(DIR).filter((f) => f.endsWith(".yaml") && f !== COMMON_TEXTS)) {
  const table = caseSchema.parse(parse(readFileSync(path.join(DIR, file), "utf8")));
  describe(`${file}: ${table.title}`, () => {
    it("replies, state and call at every step", () => {
      const ctx = contextOf(table, file);
      let state: SessionState | undefined;
      table.steps.forEach((step, i) => {
        const out: StepResult =
          "result" in step && state ? resumeCall(ctx, state, step.result) : handleInput(ctx, state, inputOf(step));
        const at = `step ${i + 1}`;
        expect(
          out.replies.map((r) => r.text),
          at,
        ).toEqual(step.replies);
        if (step.choices)
          expect(
            out.replies.at(-1)?.choices?.map((c) => c.id),
            at,
          ).toEqual(step.choices);
        if (step.state)
          expect({ flow: out.state.flow, node: out.state.node, waiting: out.state.waiting }, at).toEqual(step.state);
        if (step.vars) expect(out.state.vars, at).toMatchObject(step.vars);
        expect(out.call ?? "none", at).toEqual(step.call);
        state = out.state;
      });
    });
  });
}
