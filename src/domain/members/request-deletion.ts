import { z } from "zod";
import { action } from "../actions/action.ts";
import { recordBoardRequest } from "../help/board-request.ts";

/** "Delete my data": recorded as a request the board must act on (club records have their own rules). */
export const requestDeletion = action({
  input: z.object({}),
  allowed: (actor) => actor.member !== undefined,
  run: (tx, _input, actor, now, fmt) => recordBoardRequest(tx, actor, "delete_data", "members.request_deletion", now, fmt),
});
