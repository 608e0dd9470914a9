// The engine as the inbox runs it, on the project's own flows and texts: for tests of the engine alone.
import path from "node:path";
import type { Role } from "../../src/engine/schema.ts";
import type { EngineContext } from "../../src/engine/types.ts";
import { loadLocales } from "../../src/i18n/index.ts";
import { ROOT } from "../../src/root.ts";
import { loadFlowDir } from "../../src/runtime/flow-files.ts";

export const i18n = loadLocales(path.join(ROOT, "locales"));
export const { flows } = loadFlowDir(path.join(ROOT, "flows"));

/** A member «Bà Mận» with every consent, on 1 December 2026. */
export function engineContext(lang: string, roles: Role[]): EngineContext {
  return {
    flows,
    today: { year: 2026, month: 12, day: 1 },
    roles,
    consents: ["membership", "health", "loans"],
    home: "main",
    version: 1,
    t: (k, p) => i18n.t(lang, k, p),
    params: { me: { you: "Bà", You: "Bà", address: "Bà Mận" } },
  };
}
