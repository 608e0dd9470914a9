import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { isHelper } from "../actors/roles.ts";
import { searchClubMembers } from "../members/search.ts";
import { checkedInByHelper } from "./attendance.ts";

/** Members of the helper's club without a chat of their own whose name contains the words typed, accents or not. */
export const searchMembers = memberAction({
  input: z.object({ query: z.string().min(1).max(80) }),
  allowed: isHelper,
  async run(tx, { query }, actor) {
    const choices = await searchClubMembers(tx, actor.member.clubId, query, checkedInByHelper(actor));
    return { status: choices.length === 0 ? "none" : "found", members: choices };
  },
});
