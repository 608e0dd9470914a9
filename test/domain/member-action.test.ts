// Member actions: a chat with no member (a guest, a relative's chat) is refused before the action
// runs, so no action needs a fallback for a missing member; a linked member's action gets the member.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Tx } from "../../src/db/client.ts";
import { type Actor, memberAction } from "../../src/domain/actions/action.ts";
import { actions } from "../../src/domain/actions/registry.ts";
import type { Formatter } from "../../src/i18n/format.ts";

const base = { accountId: "a1", channel: "telegram" as const, consents: [], officerScopes: [] };
const guest: Actor = { ...base, roles: ["guest"], proxyFor: [] };
const relative: Actor = { ...base, roles: ["proxy"], proxyFor: ["m1"] };
const member: Actor = {
  ...base,
  roles: ["member", "board", "treasurer", "volunteer"],
  proxyFor: [],
  consents: ["membership", "health", "loans"],
  member: { id: "m2", clubId: "c1", fullName: "Bà Mận", gender: "female", birthYear: 1950, language: "vi", addressForm: null },
};
const noTx = {} as Tx;
const noFmt = {} as Formatter;

describe("a member action", () => {
  const own = memberAction({
    input: z.object({}),
    allowed: () => true,
    run: async (_tx, _input, actor) => actor.member.clubId,
  });

  it("is not allowed for a chat with no member, whatever its own rule says", () => {
    expect(own.allowed(guest, {})).toBe(false);
    expect(own.allowed(relative, {})).toBe(false);
    expect(own.allowed(member, {})).toBe(true);
  });

  it("runs with the member, and refuses to run without one", async () => {
    await expect(own.run(noTx, {}, member, new Date(), noFmt)).resolves.toBe("c1");
    await expect(own.run(noTx, {}, guest, new Date(), noFmt)).rejects.toThrow(/no member/);
  });

  it("the registry's own-member actions refuse a guest before any database work", () => {
    for (const name of ["myLoans", "lastReadings", "consentStatus", "addressForms", "webLink"]) {
      const action = actions[name];
      expect(action, name).toBeDefined();
      expect(action?.allowed(guest, {}), name).toBe(false);
      expect(action?.allowed(member, {}), name).toBe(true);
    }
  });
});
