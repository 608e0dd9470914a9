// Every language's short words against every menu: a yes, a no, a thanks or a greeting typed at a
// menu never opens a task it does not name («no» in English is not «nợ», the loans).
import { describe, expect, it } from "vitest";
import { menuFlows } from "../../src/engine/choices.ts";
import type { Role } from "../../src/engine/schema.ts";
import { handleInput } from "../../src/engine/step.ts";
import type { SessionState } from "../../src/engine/types.ts";
import { engineContext as ctx, i18n } from "../support/engine.ts";

const ROLE_SETS: Role[][] = [
  ["member"],
  ["member", "volunteer"],
  ["member", "board"],
  ["member", "treasurer"],
  ["officer"],
  ["proxy"],
];
// Every yes and no but the Vietnamese «no», which is «nợ»: the loans, on purpose.
const SHORT = ["answers", "thanks", "greeting"];

const words = (lang: string, kind: string) =>
  i18n
    .t(lang, `common:words.${kind}`)
    .split("|")
    .filter((w) => w !== "");

describe("short words at menus", () => {
  for (const lang of ["vi", "en"]) {
    for (const roles of ROLE_SETS) {
      it(`${lang}, ${roles.join("+")}: every short word at the main menu, waiting or idle, opens nothing`, () => {
        const c = ctx(lang, roles);
        const shown = handleInput(c, undefined, { kind: "text", text: "menu" });
        const menu = shown.state;
        const menuText = shown.replies.map((r) => r.text).join("\n");
        const idle: SessionState = { flow: "main", node: "", waiting: false, vars: {}, misses: 0 };
        expect(menuFlows(c).length).toBeGreaterThan(0);
        for (const kind of SHORT) {
          for (const word of words(lang, kind)) {
            for (const state of [menu, idle]) {
              const step = handleInput(c, structuredClone(state), { kind: "text", text: word });
              expect({ word, flow: step.state.flow, call: step.call?.action }).toEqual({ word, flow: "main", call: undefined });
              // Never silence: a hint or a kind word comes before the menu.
              const said = step.replies.map((r) => r.text).join("\n");
              expect(said.endsWith(menuText) && said.length > menuText.length, word).toBe(true);
            }
          }
        }
      });
    }
  }

  it("in English «loan» opens the loans and «yes» at the menu says how to choose", () => {
    const c = ctx("en", ["member"]);
    expect(handleInput(c, undefined, { kind: "text", text: "loan" }).call?.action).toBe("myLoans");
    const yes = handleInput(c, undefined, { kind: "text", text: "yes" });
    expect(yes.replies[0]?.text).toMatch(/number of a choice/);
  });

  it("in Vietnamese «nợ» still opens the loans", () => {
    expect(handleInput(ctx("vi", ["member"]), undefined, { kind: "text", text: "nợ" }).call?.action).toBe("myLoans");
  });
});
