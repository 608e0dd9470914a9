import { z } from "zod";
import { insertReturningId } from "../../db/bulk.ts";
import { normalize } from "../../engine/match.ts";
import { action, subjectOf } from "../actions/action.ts";
import { audit } from "../audit/audit.ts";
import { enqueueJob } from "../scheduling/enqueue-job.ts";
import { vietnamClock } from "../time/vietnam-time.ts";
import { addDaytimeHours } from "./daytime.ts";

const NEEDS = ["shopping", "clinic", "company", "housework", "health_worry"] as const;

const ESCALATE_REMIND_HOURS = 4;

const ESCALATE_BOARD_HOURS = 8;

/** A member (or the relative who acts for them) asks for a visit: need, when, an optional note. */
export const requestVisit = action({
  input: z.object({
    need: z.enum(NEEDS),
    when: z.string().regex(/^(\d{4}-\d{2}-\d{2}|today|tomorrow|this_week)$/),
    note: z.string().max(300).optional(),
    memberId: z.string().optional(),
  }),
  allowed: (actor, input) =>
    input.memberId ? actor.proxyFor.includes(input.memberId) || actor.member?.id === input.memberId : actor.member !== undefined,
  async run(tx, input, actor, now) {
    const memberId = subjectOf(actor, input.memberId);
    if (!memberId) return { status: "denied" };
    // The actor knows their own club; only a proxy's member needs looking up.
    const { clubId } =
      memberId === actor.member?.id ? actor.member : await tx.member.findUniqueOrThrow({ where: { id: memberId } });
    const note = input.note && !["khong", "ko", "k", "no", "-"].includes(normalize(input.note)) ? input.note : undefined;
    const when =
      input.when === "today" || input.when === "tomorrow" ? localDate(now, input.when === "today" ? 0 : 1) : input.when;
    // Raw: one statement without the query builder's compiler, as requests come in bursts after a notice.
    const visitId = await insertReturningId(tx, "VisitRequest", {
      clubId,
      memberId,
      requestedById: actor.member?.id ?? `account:${actor.accountId}`,
      need: input.need,
      when,
      note: note ?? null,
      status: "requested",
      createdAt: now,
    });
    await enqueueJob(tx, { kind: "visit.notify", runAt: now, payload: { visitId, event: "new" } });
    await enqueueJob(tx, {
      kind: "visit.escalate",
      runAt: addDaytimeHours(now, ESCALATE_REMIND_HOURS),
      payload: { visitId, level: 1 },
      dedupeKey: `visit.escalate:${visitId}:1`,
    });
    await enqueueJob(tx, {
      kind: "visit.escalate",
      runAt: addDaytimeHours(now, ESCALATE_BOARD_HOURS),
      payload: { visitId, level: 2 },
      dedupeKey: `visit.escalate:${visitId}:2`,
    });
    await audit(tx, {
      actorId: actor.member?.id,
      onBehalfOfId: memberId,
      action: "visits.request",
      subject: `visit:${visitId}`,
      at: now,
    });
    return { status: "requested", ref: visitId };
  },
});

/** "YYYY-MM-DD" in Vietnam, `days` after `now`. */
function localDate(now: Date, days: number): string {
  return new Date(vietnamClock(now).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
