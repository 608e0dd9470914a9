import { z } from "zod";
import { action } from "../actions/action.ts";
import { recordBoardRequest } from "./board-request.ts";

/** "Talk to a person": a call-back request the club board sees. */
export const requestPerson = action({
  input: z.object({}),
  allowed: (actor) => actor.member !== undefined,
  run: (tx, _input, actor, now, fmt) => recordBoardRequest(tx, actor, "call_back", "help.request_person", now, fmt),
});
