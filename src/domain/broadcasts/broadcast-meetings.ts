import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { isBoard } from "../actors/roles.ts";

/** The club's coming meetings, to fill a meeting notice from. */
export const broadcastMeetings = memberAction({
  input: z.object({}),
  allowed: isBoard,
  async run(tx, _input, actor, now, fmt) {
    const list = await tx.meeting.findMany({
      where: { clubId: actor.member.clubId, status: "scheduled", startsAt: { gte: now } },
      orderBy: { startsAt: "asc" },
      take: 5,
    });
    return { meetings: list.map((m) => ({ id: m.id, label: `${fmt.when(m.startsAt)} — ${m.place}` })) };
  },
});
