// What a message names besides the answer to the question asked: a flow's words (also within a typo),
// a flow's pattern, a short code, a deep-link payload, kind words. Pure functions of the context.
import { closestWords, normalize, normalizeCode } from "./match.ts";
import type { Flow } from "./schema.ts";
import type { EngineContext } from "./types.ts";

const KIND_WORDS = ["thanks", "greeting", "plea"] as const;
/** A message of emoji alone (🙏, 👍): a kind word back, not «please send a number». */
const EMOJI_ONLY = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\s)+$/u;

type Context = Pick<EngineContext, "flows" | "roles" | "consents" | "t">;

/** The role allows the flow and every consent it needs is given. */
export function mayRun(ctx: Pick<EngineContext, "roles" | "consents">, flow: Flow): boolean {
  return flow.roles.some((r) => ctx.roles.includes(r)) && flow.consent.every((c) => ctx.consents.includes(c));
}

/** Flows the member's roles allow, in file order. */
function allowedFlows(ctx: Context): Flow[] {
  return [...ctx.flows.values()].filter((f) => f.roles.some((r) => ctx.roles.includes(r)));
}

/** The words of a locale entry «a|b|c», normalized. */
export function localeWords(ctx: Pick<EngineContext, "t">, key: string): string[] {
  return ctx
    .t(key)
    .split("|")
    .map((w) => normalize(w))
    .filter((w) => w !== "");
}

/** Words that in the member's language only ever answer a question (in Vietnamese «no» is «nợ», a task). */
export function isYesOrNo(ctx: Context, text: string): boolean {
  return localeWords(ctx, "common:words.answers").includes(text);
}

/**
 * A flow opened by its words. Never by a yes or no of the member's language: in English «no» is an
 * answer, not «nợ» (the loans).
 */
export function triggeredFlow(ctx: Context, text: string): string | undefined {
  if (isYesOrNo(ctx, text)) return undefined;
  return allowedFlows(ctx).find((f) => f.triggers.some((t) => normalize(t) === text))?.id;
}

/** A flow whose words are within a typo of the text («diem dah»), if exactly one is. */
export function triggeredWithTypo(ctx: Context, text: string): string | undefined {
  const flows = allowedFlows(ctx);
  const index = closestWords(
    text,
    flows.map((f) => f.triggers.map((t) => normalize(t))),
  );
  return index === undefined ? undefined : flows[index]?.id;
}

/** A message shaped like a flow's pattern ("150/95" is a blood-pressure reading): the flow, its var and node. */
export function patternFlow(
  ctx: Context,
  raw: string,
  text: string,
): { flow: string; vars: Record<string, unknown>; node: string } | undefined {
  for (const flow of allowedFlows(ctx)) {
    const trigger = flow.pattern_trigger;
    const match = trigger ? text.match(new RegExp(trigger.pattern)) : null;
    if (trigger && match) return { flow: flow.id, vars: { [trigger.var]: match.groups?.value ?? raw }, node: trigger.node };
  }
  return undefined;
}

/**
 * Thanks, greetings, a plea for help: a kind word back instead of "please send a number". A new
 * person is greeted by the linking question itself.
 */
export function kindWords(ctx: Context, text: string): string | undefined {
  if (ctx.roles.includes("guest")) return undefined;
  if (EMOJI_ONLY.test(text)) return "common:kind.emoji";
  const kind = KIND_WORDS.find((k) => localeWords(ctx, `common:words.${k}`).includes(text));
  return kind ? `common:kind.${kind}` : undefined;
}

/** A flow for a typed short code (4-6 characters, at least one digit), for linked members only. */
export function codeFlow(ctx: Context, raw: string): { flow: string; code: string } | undefined {
  const code = normalizeCode(raw);
  if (ctx.roles.includes("guest") || !/^(?=.*\d)[A-Z0-9]{4,6}$/.test(code)) return undefined;
  const flow = [...ctx.flows.values()].find((f) => f.code_trigger && mayRun(ctx, f));
  return flow ? { flow: flow.id, code } : undefined;
}

/** A flow for a deep-link payload like "ck_M7Q4XK" (a guest's only "in_", the invite code's). */
export function payloadFlow(ctx: Context, payload: string | undefined): { flow: string; rest: string } | undefined {
  if (!payload) return undefined;
  const flow = [...ctx.flows.values()].find((f) => f.payload_prefix && payload.startsWith(f.payload_prefix) && mayRun(ctx, f));
  return flow?.payload_prefix ? { flow: flow.id, rest: payload.slice(flow.payload_prefix.length) } : undefined;
}
