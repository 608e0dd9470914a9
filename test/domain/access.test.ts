// The access matrix: every role × every access rule × own club / other club.
import { describe, expect, it } from "vitest";
import type { Actor } from "../../src/domain/actions/action.ts";
import { actions } from "../../src/domain/actions/registry.ts";
import { type AccessRule, access, type ClubRef } from "../../src/domain/actors/access.ts";

const OWN: ClubRef = { id: "club-own", communeId: "commune-a", provinceId: "province-1" };
const OTHER: ClubRef = { id: "club-other", communeId: "commune-z", provinceId: "province-9" };

function actor(roles: Actor["roles"], extra: Partial<Actor> = {}): Actor {
  return {
    accountId: "acc",
    channel: "webchat",
    member: { id: "me", clubId: OWN.id, fullName: "A", gender: "F", birthYear: 1950, language: "vi", addressForm: null },
    roles,
    consents: [],
    proxyFor: [],
    officerScopes: [],
    ...extra,
  };
}

const officerMember = {
  id: "officer",
  clubId: "club-elsewhere",
  fullName: "O",
  gender: "M",
  birthYear: 1970,
  language: "vi",
  addressForm: null,
};
const ACTORS: Record<string, Actor> = {
  member: actor(["member"]),
  volunteer: actor(["member", "volunteer"]),
  board: actor(["member", "board"]),
  treasurer: actor(["member", "treasurer"]),
  "officer (commune)": actor(["member", "officer"], { member: officerMember, officerScopes: [{ communeId: OWN.communeId }] }),
  "officer (province)": actor(["member", "officer"], { member: officerMember, officerScopes: [{ provinceId: OWN.provinceId }] }),
};

/** Who may, in their own club (officers: in their area), use each rule on someone else's records. */
const ALLOWED_IN_OWN_CLUB: Record<AccessRule, string[]> = {
  isSelfOrProxy: [],
  canCheckIn: ["volunteer", "board"],
  canSeeClubVisits: ["volunteer", "board"],
  canSeeMemberMoney: ["treasurer", "board"],
  canRecordMoney: ["treasurer"],
  canManageMembers: ["board"],
  canBroadcast: ["board", "officer (commune)", "officer (province)"],
  canSeeClubReport: ["board", "officer (commune)", "officer (province)"],
  canSeeClubLedger: ["treasurer", "board"],
  canSeeArea: ["officer (commune)", "officer (province)"],
};

function check(rule: AccessRule, who: Actor, club: ClubRef): boolean {
  const someoneElse = { id: "someone-else", club };
  const fn = access[rule] as (a: Actor, target: unknown) => boolean;
  return ["isSelfOrProxy", "canCheckIn", "canSeeMemberMoney"].includes(rule) ? fn(who, someoneElse) : fn(who, club);
}

describe("access matrix", () => {
  const rules = Object.keys(access) as AccessRule[];
  it("covers every rule", () => expect(rules.sort()).toEqual(Object.keys(ALLOWED_IN_OWN_CLUB).sort()));

  for (const rule of rules) {
    for (const [name, who] of Object.entries(ACTORS)) {
      const allowed = ALLOWED_IN_OWN_CLUB[rule].includes(name);
      it(`${rule} × ${name} × own club → ${allowed ? "allowed" : "refused"}`, () => expect(check(rule, who, OWN)).toBe(allowed));
      it(`${rule} × ${name} × other club → refused`, () => expect(check(rule, who, OTHER)).toBe(false));
    }
  }

  it("a whole province is its officers' only, not a commune officer's", () => {
    const province = { provinceId: OWN.provinceId };
    expect(access.canSeeArea(ACTORS["officer (province)"] as Actor, province)).toBe(true);
    expect(access.canSeeArea(ACTORS["officer (commune)"] as Actor, province)).toBe(false);
  });

  it("a member sees their own records; a proxy those of whom they act for; nobody else's", () => {
    const me = { id: "me", club: OWN };
    const mother = { id: "mother", club: OWN };
    expect(access.isSelfOrProxy(ACTORS.member as Actor, me)).toBe(true);
    expect(access.canSeeMemberMoney(ACTORS.member as Actor, me)).toBe(true);
    expect(access.canSeeMemberMoney(ACTORS.member as Actor, mother)).toBe(false);
    const relative = actor(["proxy"], { member: undefined, proxyFor: ["mother"] });
    expect(access.canCheckIn(relative, mother)).toBe(true);
    expect(access.canSeeMemberMoney(relative, mother)).toBe(true);
    expect(access.canCheckIn(relative, me)).toBe(false);
  });

  it("domain actions check it too: addMember only for the board of that club", () => {
    const add = actions.addMember;
    const input = (clubId: string) =>
      add?.input.parse({ fullName: "Nguyễn Thị Hoa", gender: "f", birthYear: 1950, phone: "không", clubId });
    for (const [name, who] of Object.entries(ACTORS)) {
      expect(add?.allowed(who, input(OWN.id)), `${name} own`).toBe(name === "board");
      expect(add?.allowed(who, input(OTHER.id)), `${name} other`).toBe(false);
    }
  });

  it("every member-facing action refuses a chat that is not linked", () => {
    const guest = actor(["guest"], { member: undefined });
    const memberOnly = Object.entries(actions).filter(([name]) => !name.startsWith("link") && name !== "setLanguage");
    for (const [name, a] of memberOnly) expect(a.allowed(guest, {} as never), name).toBe(false);
  });
});
