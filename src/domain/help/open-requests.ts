import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { topicsFor } from "./help-topics.ts";

/** Open requests of the actor's club that they may take, oldest first. */
export const openRequests = memberAction({
  input: z.object({}),
  allowed: (actor) => topicsFor(actor).length > 0,
  async run(tx, _input, actor, _now, fmt) {
    const requests = await tx.helpRequest.findMany({
      where: { clubId: actor.member.clubId, status: "open", topic: { in: topicsFor(actor) } },
      include: { member: true },
      orderBy: { createdAt: "asc" },
      take: 5,
    });
    return {
      status: requests.length > 0 ? "some" : "none",
      requests: requests.map((r) => ({
        id: r.id,
        label: fmt.text(`help:request_label.${r.topic}`, { name: r.member?.fullName ?? "" }),
      })),
    };
  },
});
