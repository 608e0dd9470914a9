import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { issueWebLink } from "./links.ts";
import { WEB_ROLES } from "./sessions.ts";

/** «Trang quản lý»: a one-time sign-in link for the board, treasurers and officers; nothing for others. */
export const webLink = memberAction({
  input: z.object({}),
  allowed: () => true,
  async run(tx, _input, actor, now) {
    if (!actor.roles.some((r) => WEB_ROLES.includes(r))) return { status: "refused" as const };
    return { status: "made" as const, token: await issueWebLink(tx, actor.member.id, now) };
  },
});
