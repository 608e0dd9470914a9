// The club a volunteer works in, with its commune and province, for the access checks on its visits.
import type { Tx } from "../../db/client.ts";
import type { MemberActor } from "../actions/action.ts";
import { memberRef } from "../members/member-ref.ts";

/** The club of the volunteer asking. */
export async function clubOf(tx: Tx, actor: MemberActor) {
  return (await memberRef(tx, actor.member.id))?.ref.club;
}
