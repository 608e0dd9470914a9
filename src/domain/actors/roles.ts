// Who may start an action, by role: the first check of an action's `allowed`. What they may then see
// or change (their own club, their own records) is access.ts's.
import type { Actor } from "../actions/action.ts";

/** Volunteers and the board help members: check-ins for others, roll call, home-care visits. */
export const isHelper = (actor: Actor) => actor.roles.includes("volunteer") || actor.roles.includes("board");

export const isTreasurer = (actor: Actor) => actor.roles.includes("treasurer");

export const isBoard = (actor: Actor) => actor.roles.includes("board");

/** An officer with at least one commune or province to look after. */
export const isOfficer = (actor: Actor) => actor.roles.includes("officer") && actor.officerScopes.length > 0;

/** A member who agreed to keep health readings (the member actions it guards need a member already). */
export const withHealth = (actor: Actor) => actor.consents.includes("health");
