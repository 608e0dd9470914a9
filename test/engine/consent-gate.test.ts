// The engine keeps flows needing a consent closed until it is given: not in the menu, not by trigger.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { menuFlows } from "../../src/engine/choices.ts";
import { loadFlows } from "../../src/engine/loader.ts";
import type { Role } from "../../src/engine/schema.ts";
import { handleInput } from "../../src/engine/step.ts";
import type { EngineContext } from "../../src/engine/types.ts";
import { loadLocales } from "../../src/i18n/index.ts";
import { ROOT } from "../../src/root.ts";
import { loadFlowDir } from "../../src/runtime/flow-files.ts";

const i18n = loadLocales(path.join(ROOT, "locales"));
const { flows } = loadFlows([
  {
    file: "main.yaml",
    text: "id: main\nversion: 1\ntitle: main:title\nroles: [member]\nstart: menu\nnodes:\n  menu:\n    ask: { text: main:pick, choices: $flows }\n",
  },
  {
    file: "bp.yaml",
    text: "id: bp\nversion: 1\ntitle: help:title\nroles: [member]\nconsent: [health]\nmenu: 1\ntriggers: [huyet ap]\nstart: go\nnodes:\n  go:\n    say: help:text\n    end: true\n",
  },
]);

function ctx(consents: string[]): EngineContext {
  return {
    flows,
    today: { year: 2026, month: 12, day: 1 },
    roles: ["member"],
    consents,
    home: "main",
    version: 1,
    t: (k, p) => i18n.t("vi", k, p),
    params: { me: { you: "Bà", You: "Bà", address: "Bà Mận" } },
  };
}

describe("consent gate", () => {
  it("with health consent the flow is in the menu and opens by trigger", () => {
    expect(menuFlows(ctx(["health"])).map((f) => f.id)).toEqual(["bp"]);
    expect(handleInput(ctx(["health"]), undefined, { kind: "text", text: "huyet ap" }).replies[0]?.text).toMatch(
      /Tương Trợ giúp/,
    );
  });

  it("withdrawn: still in the menu at its number; its trigger explains where to give consent", () => {
    expect(menuFlows(ctx([])).map((f) => f.id)).toEqual(["bp"]);
    const step = handleInput(ctx([]), undefined, { kind: "text", text: "huyết áp" });
    expect(step.replies.map((r) => r.text).join("\n")).toMatch(/cần Bà đồng ý trước/);
    expect(step.state.flow).toBe("main");
  });
});

describe("a long main menu", () => {
  it("shows 5 choices and «Thêm…»; «Thêm…» shows the rest", () => {
    const many = new Map(flows);
    for (let i = 0; i < 8; i++) {
      const extra = loadFlows([
        {
          file: `f${i}.yaml`,
          text: `id: f${i}\nversion: 1\ntitle: help:title\nroles: [member]\nmenu: ${10 + i}\nstart: go\nnodes:\n  go:\n    say: help:text\n    end: true\n`,
        },
      ]).flows;
      for (const [k, v] of extra) many.set(k, v);
    }
    const base = { ...ctx(["health"]), flows: many };
    const first = handleInput(base, undefined, { kind: "text", text: "menu" });
    const shown = first.replies[0]?.choices ?? [];
    expect(shown).toHaveLength(6);
    expect(shown.at(-1)).toMatchObject({ id: "more", label: "Thêm…" });
    const second = handleInput({ ...base, version: 2 }, first.state, { kind: "text", text: "6" });
    expect(second.replies[0]?.choices?.map((c) => c.id)).toEqual(["f4", "f5", "f6", "f7"]);
    const picked = handleInput({ ...base, version: 3 }, second.state, { kind: "text", text: "1" });
    expect(picked.replies[0]?.text).toMatch(/Tương Trợ giúp/);
  });
});

describe("the real main menu", () => {
  const real = loadFlowDir(path.join(ROOT, "flows")).flows;
  const subsets = [[], ["membership"], ["health"], ["loans"], ["membership", "health"], ["membership", "health", "loans"]];
  const roleSets: Role[][] = [
    ["member"],
    ["member", "volunteer"],
    ["member", "board"],
    ["member", "treasurer"],
    ["member", "board", "officer"],
  ];

  it.each(roleSets.map((r) => [r.join("+"), r] as const))(
    "%s: every entry keeps its number whatever the consents",
    (_name, roles) => {
      const menus = subsets.map((consents) => {
        const step = handleInput({ ...ctx(consents), flows: real, roles }, undefined, { kind: "text", text: "menu" });
        return step.replies.at(-1)?.choices?.map((c) => `${c.id}`);
      });
      expect(menus[0]?.length).toBeGreaterThan(3);
      for (const menu of menus) expect(menu).toEqual(menus[0]);
    },
  );
});
