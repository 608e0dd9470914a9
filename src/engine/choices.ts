// The choices a question shows: yes/no, a fixed list, a list a call returned, or the main menu (paged).

import { FlowError } from "./flow-error.ts";
import { localeWords } from "./recognize.ts";
import { lookup } from "./refs.ts";
import type { AskDef, Flow } from "./schema.ts";
import type { EngineContext, SessionState, ShownChoice } from "./types.ts";

const MAX_MENU = 6;
/** The id of the main menu's «Thêm…» entry. */
export const MORE = "more";

/**
 * Flows a role set sees in the main menu, in menu order. Consents do not change the list, so an
 * entry keeps its number: one whose consent is missing opens the consent question instead.
 */
export function menuFlows(ctx: Pick<EngineContext, "flows" | "roles">): Flow[] {
  return [...ctx.flows.values()]
    .filter((f) => f.menu !== undefined && f.roles.some((r) => ctx.roles.includes(r)))
    .sort((a, b) => (a.menu ?? 0) - (b.menu ?? 0));
}

/** The choices of `ask` in the state's situation, or undefined for a question that is not a choice. */
export function choicesFor(ctx: EngineContext, state: SessionState, ask: AskDef): ShownChoice[] | undefined {
  const text = (key: string) => ctx.t(key, { ...ctx.params, ...state.vars });
  if (ask.type === "yesno") {
    return [
      { id: "yes", label: text("common:choice.yes"), keywords: localeWords(ctx, "common:words.yes") },
      { id: "no", label: text("common:choice.no"), keywords: localeWords(ctx, "common:words.no") },
    ];
  }
  if (ask.type !== "choice") return undefined;
  if (ask.choices === "$flows") return menuPage(ctx, state, text);
  if (typeof ask.choices === "string") {
    const items = lookup(ask.choices, state.vars, ctx.params);
    if (!Array.isArray(items)) throw new FlowError(`${ask.choices} is not a list`);
    // Items carry data (a name) as `label`, or UI text as `labelKey` into locales/.
    return items.map((item: { id: string; label?: string; labelKey?: string }) => ({
      id: String(item.id),
      label: item.labelKey ? text(item.labelKey) : String(item.label),
    }));
  }
  return (ask.choices ?? []).map((c) => ({ id: c.id, label: text(c.label), keywords: c.keywords, next: c.next }));
}

/** At most 6 choices: a longer main menu shows 5 and "Thêm…", which opens the rest. */
function menuPage(ctx: EngineContext, state: SessionState, text: (key: string) => string): ShownChoice[] {
  const all = menuFlows(ctx).map((f) => ({ id: f.id, label: text(f.title) }));
  if (all.length <= MAX_MENU) return all;
  if (state.vars.page === 1) return all.slice(MAX_MENU - 1);
  return [...all.slice(0, MAX_MENU - 1), { id: MORE, label: text("common:more") }];
}
