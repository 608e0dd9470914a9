import { memberAction } from "../actions/action.ts";
import { isPast, meetingWhen, startOf } from "./meeting-time.ts";

/** The day and time a board typed, checked at once: a time already past is refused before the place. */
export const checkMeetingTime = memberAction({
  input: meetingWhen,
  allowed: (actor) => actor.roles.includes("board"),
  run: async (_tx, input, _actor, now) => ({ status: isPast(startOf(input), now) ? "past" : "ok" }),
});
