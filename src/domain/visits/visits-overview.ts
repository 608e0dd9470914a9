import { z } from "zod";
import { Prisma } from "../../../generated/prisma/client.ts";
import { query } from "../../db/direct.ts";
import { sqlDate } from "../../db/raw.ts";
import { memberAction } from "../actions/action.ts";

type Count = number | bigint | null;
/** The week's totals (no name) and a row per volunteer with visits taken or made. */
type Row = { name: string | null; a: Count; b: Count; c: Count };

/**
 * The board's week: requests, unclaimed, and per volunteer the visits taken and those made. One raw
 * statement: the totals row and the volunteers' rows together.
 */
export const visitsOverview = memberAction({
  input: z.object({}),
  allowed: (actor) => actor.roles.includes("board"),
  async run(tx, _input, actor, now, fmt) {
    const since = sqlDate(new Date(now.getTime() - 7 * 86_400_000));
    const clubId = actor.member.clubId;
    const rows = await query<Row>(
      tx,
      Prisma.sql`
      SELECT NULL AS "name", COUNT(*) AS "a",
        SUM(CASE WHEN "status" = 'requested' THEN 1 ELSE 0 END) AS "b", SUM(CASE WHEN "status" = 'done' THEN 1 ELSE 0 END) AS "c"
      FROM "VisitRequest" WHERE "clubId" = ${clubId} AND "createdAt" >= ${since}
      UNION ALL
      SELECT m."fullName", SUM(CASE WHEN v."status" = 'claimed' THEN 1 ELSE 0 END), SUM(CASE WHEN v."status" = 'done' THEN 1 ELSE 0 END), 0
      FROM "VisitRequest" v JOIN "Member" m ON m."id" = v."claimedById"
      WHERE v."clubId" = ${clubId} AND (v."status" = 'claimed' OR (v."status" = 'done' AND v."doneAt" >= ${since}))
      GROUP BY m."id", m."fullName"`,
    );
    const n = (value: Count) => Number(value ?? 0);
    const week = rows.find((r) => r.name === null);
    const perVolunteer = rows
      .filter((r) => r.name !== null)
      .sort((x, y) => String(x.name).localeCompare(String(y.name), "vi"))
      .map((r) => fmt.text("visits_board:per_volunteer", { name: r.name, taken: n(r.a), done: n(r.b) }))
      .join("\n");
    return { total: n(week?.a ?? 0), unclaimed: n(week?.b ?? 0), done: n(week?.c ?? 0), perVolunteer: perVolunteer || "—" };
  },
});
