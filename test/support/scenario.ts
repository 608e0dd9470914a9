// Scenario scripts: what a member types and what the bot must answer, run over real HTTP.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";
import { READABLE_PART } from "../../src/channels/choices.ts";
import { memberId, type TestApp } from "./app.ts";
import { WebchatUser } from "./webchat.ts";

const expectation = z.union([z.string(), z.array(z.string())]);
export const scenarioSchema = z.object({
  title: z.string().optional(),
  as: z.string(),
  clock: z.string().optional(),
  /** Meetings of the demo club to create first (by code, so a scenario can run twice). */
  meetings: z.array(z.object({ at: z.string(), place: z.string(), code: z.string() })).default([]),
  steps: z.array(z.object({ user: z.union([z.string(), z.number()]), bot: expectation.optional(), not: expectation.optional() })),
});
export type Scenario = z.infer<typeof scenarioSchema>;

export function readScenario(file: string): Scenario {
  return scenarioSchema.parse(parse(readFileSync(file, "utf8")));
}

/** "/regex/flags" → RegExp; anything else is a substring. */
function matches(text: string, pattern: string): boolean {
  const regex = pattern.match(/^\/(.*)\/([a-z]*)$/s);
  return regex ? new RegExp(regex[1] as string, regex[2]).test(text) : text.includes(pattern);
}

const list = (e: string | string[] | undefined) => (e === undefined ? [] : Array.isArray(e) ? e : [e]);

/** Run a scenario; returns a list of failures (empty when it passes). */
export async function runScenario(t: TestApp, scenario: Scenario, prefix = ""): Promise<string[]> {
  if (scenario.clock) t.setNow(new Date(scenario.clock));
  for (const m of scenario.meetings) {
    const club = await t.app.db.club.findUniqueOrThrow({ where: { code: "DEMO" } });
    await t.app.db.$transaction((tx) =>
      tx.meeting.upsert({
        where: { code: m.code },
        create: { clubId: club.id, startsAt: new Date(m.at), place: m.place, code: m.code },
        update: {},
      }),
    );
  }
  const user =
    scenario.as === "new person"
      ? `guest-${prefix}${Math.random().toString(36).slice(2, 10)}`
      : `member-${await memberId(t.app, scenario.as)}`;
  const chat = new WebchatUser(t.url, user);
  const failures: string[] = [];
  for (const [i, step] of scenario.steps.entries()) {
    const { replies } = await chat.send(String(step.user));
    const text = replies.map((r) => r.text).join("\n---\n");
    // No message a member gets is longer than a small phone shows well.
    for (const r of replies)
      if (r.text.length > READABLE_PART) failures.push(`step ${i + 1}: a ${r.text.length}-character message`);
    for (const want of list(step.bot)) {
      if (!matches(text, want)) failures.push(`step ${i + 1} (${step.user}): expected ${want}\n got: ${text}`);
    }
    for (const unwanted of list(step.not)) {
      if (matches(text, unwanted)) failures.push(`step ${i + 1} (${step.user}): did not expect ${unwanted}\n got: ${text}`);
    }
  }
  return failures;
}
