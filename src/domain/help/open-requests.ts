import { z } from "zod";
import { Prisma } from "../../../generated/prisma/client.ts";
import { query } from "../../db/direct.ts";
import { memberAction } from "../actions/action.ts";
import { topicsFor } from "./help-topics.ts";

/**
 * Open requests of the actor's club that they may take, oldest first, with the asking member's name.
 * One raw statement: volunteers open the list each time they look for callbacks.
 */
export const openRequests = memberAction({
  input: z.object({}),
  allowed: (actor) => topicsFor(actor).length > 0,
  async run(tx, _input, actor, _now, fmt) {
    const requests = await query<{ id: string; topic: string; fullName: string | null }>(
      tx,
      Prisma.sql`SELECT r."id", r."topic", m."fullName" FROM "HelpRequest" r LEFT JOIN "Member" m ON m."id" = r."memberId"
        WHERE r."clubId" = ${actor.member.clubId} AND r."status" = 'open' AND r."topic" IN (${Prisma.join(topicsFor(actor))})
        ORDER BY r."createdAt", r."id" LIMIT 5`,
    );
    return {
      status: requests.length > 0 ? "some" : "none",
      requests: requests.map((r) => ({
        id: r.id,
        label: fmt.text(`help:request_label.${r.topic}`, { name: r.fullName ?? "" }),
      })),
    };
  },
});
