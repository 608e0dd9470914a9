import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { isTreasurer } from "../actors/roles.ts";
import { searchClubMembers } from "../members/search.ts";

/** Members of the treasurer's club by name (accents optional). */
export const findMember = memberAction({
  input: z.object({ query: z.string().min(1).max(80) }),
  allowed: isTreasurer,
  async run(tx, { query }, actor) {
    const members = await searchClubMembers(tx, actor.member.clubId, query);
    return { status: members.length === 0 ? "none" : "found", members };
  },
});
