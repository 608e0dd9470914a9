import { z } from "zod";
import { memberAction } from "../actions/action.ts";

/** The board's week: requests, unclaimed, and per volunteer the visits taken and those made. */
export const visitsOverview = memberAction({
  input: z.object({}),
  allowed: (actor) => actor.roles.includes("board"),
  async run(tx, _input, actor, now, fmt) {
    const since = new Date(now.getTime() - 7 * 86_400_000);
    const clubId = actor.member.clubId;
    const week = await tx.visitRequest.findMany({ where: { clubId, createdAt: { gte: since } } });
    const byVolunteer = await tx.visitRequest.groupBy({
      by: ["claimedById", "status"],
      where: { clubId, OR: [{ status: "claimed" }, { status: "done", doneAt: { gte: since } }] },
      _count: true,
    });
    const ids = [...new Set(byVolunteer.map((d) => d.claimedById ?? ""))];
    const names = await tx.member.findMany({ where: { id: { in: ids } }, select: { id: true, fullName: true } });
    const count = (id: string, status: string) =>
      byVolunteer.find((d) => d.claimedById === id && d.status === status)?._count ?? 0;
    const perVolunteer = names
      .map((n) =>
        fmt.text("visits_board:per_volunteer", { name: n.fullName, taken: count(n.id, "claimed"), done: count(n.id, "done") }),
      )
      .join("\n");
    return {
      total: week.length,
      unclaimed: week.filter((v) => v.status === "requested").length,
      done: week.filter((v) => v.status === "done").length,
      perVolunteer: perVolunteer || "—",
    };
  },
});
