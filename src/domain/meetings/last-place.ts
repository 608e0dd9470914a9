import { z } from "zod";
import { memberAction } from "../actions/action.ts";

/** The place of the club's last meeting, offered first when the board creates the next one. */
export const lastPlace = memberAction({
  input: z.object({}),
  allowed: (actor) => actor.roles.includes("board"),
  async run(tx, _input, actor) {
    const last = await tx.meeting.findFirst({ where: { clubId: actor.member.clubId }, orderBy: { createdAt: "desc" } });
    if (!last) return { has: "no" };
    return {
      has: "yes",
      place: last.place,
      places: [
        { id: "last", label: last.place },
        { id: "other", labelKey: "meeting_new:other_place" },
      ],
    };
  },
});
