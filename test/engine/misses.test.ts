// A reply not understood: one message (the hint, then the question), «gặp người» offered from the
// second miss only to those it does not reach, and a kind word for emoji alone.
import { describe, expect, it } from "vitest";
import type { Role } from "../../src/engine/schema.ts";
import { handleInput } from "../../src/engine/step.ts";
import type { SessionState } from "../../src/engine/types.ts";
import { engineContext } from "../support/engine.ts";

const ctx = (roles: Role[]) => engineContext("vi", roles);

/** Two replies nobody could understand at the main menu. */
function missTwice(roles: Role[]) {
  const c = ctx(roles);
  const menu = handleInput(c, undefined, { kind: "text", text: "menu" }).state;
  const first = handleInput(c, menu, { kind: "text", text: "xqzw" });
  const second = handleInput(c, first.state, { kind: "text", text: "xqzw" });
  return { first, second };
}

describe("a reply not understood", () => {
  it("is answered in one message: the hint, then the menu", () => {
    const { first, second } = missTwice(["member"]);
    expect(first.replies).toHaveLength(1);
    expect(first.replies[0]?.text).toMatch(/^Xin Bà nhắn số của lựa chọn, ví dụ 1\.\n\nBà Mận cần gì ạ/);
    expect(first.replies[0]?.choices?.length).toBeGreaterThan(0);
    expect(second.replies).toHaveLength(1);
    expect(second.replies[0]?.text).toMatch(/^Nếu cần, Bà nhắn «gặp người»[^\n]*\n\nXin Bà nhắn số/);
  });

  for (const roles of [["member", "board"], ["member", "treasurer"], ["officer"]] as Role[][]) {
    it(`${roles.join("+")}: «gặp người» is not offered to those it reaches`, () => {
      expect(missTwice(roles).second.replies[0]?.text).not.toMatch(/gặp người/);
    });
  }

  it("emoji alone get a kind word, not «please send a number»", () => {
    const c = ctx(["member"]);
    const menu = handleInput(c, undefined, { kind: "text", text: "menu" }).state;
    for (const state of [menu, { flow: "main", node: "", waiting: false, vars: {}, misses: 0 } as SessionState]) {
      for (const text of ["🙏", "👍🏻", "🙏 🙏"]) {
        const said = handleInput(c, structuredClone(state), { kind: "text", text })
          .replies.map((r) => r.text)
          .join("\n");
        expect(said, text).toMatch(/^Dạ, Tương Trợ đây ạ/);
        expect(said, text).not.toMatch(/Xin Bà nhắn số/);
      }
    }
  });
});
