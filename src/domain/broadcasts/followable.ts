// Which broadcasts an author may look back on, follow and cancel.
import type { MemberActor } from "../actions/action.ts";
import { isBoard } from "../actors/roles.ts";

/** Broadcasts the actor may follow: their own, and for a board member their club's. */
export const followable = (actor: MemberActor) => ({
  OR: [{ authorId: actor.member.id }, ...(isBoard(actor) ? [{ clubId: actor.member.clubId }] : [])],
});
