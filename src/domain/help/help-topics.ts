import type { Actor } from "../actions/action.ts";

/** Call-backs go to the board and volunteers; a request to delete data to the board only. */
export function topicsFor(actor: Actor): string[] {
  if (actor.roles.includes("board")) return ["call_back", "delete_data"];
  return actor.roles.includes("volunteer") ? ["call_back"] : [];
}
