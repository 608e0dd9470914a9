// Home-care visits: a member asks, volunteers of the club see and claim (first one wins), report, and
// unclaimed requests escalate. Notices go out as jobs so each is rendered in its reader's language.
import { z } from "zod";
import type { Tx } from "../../db/client.ts";
import { normalize } from "../../engine/match.ts";
import type { Formatter } from "../../i18n/format.ts";
import { type Actor, action, memberAction, subjectOf } from "../actions/action.ts";
import { access } from "../actors/access.ts";
import { audit } from "../audit/audit.ts";
import { memberRef } from "../members/member-ref.ts";
import { nameWithPhone } from "../members/phone.ts";
import { enqueueJob } from "../scheduling/enqueue-job.ts";
import { vietnamClock, vietnamTime } from "../time/vietnam-time.ts";
import { addDaytimeHours } from "./daytime.ts";

export const NEEDS = ["shopping", "clinic", "company", "housework", "health_worry"] as const;
export const ESCALATE_REMIND_HOURS = 4;
export const ESCALATE_BOARD_HOURS = 8;
const isVolunteer = (actor: Actor) => actor.roles.includes("volunteer") || actor.roles.includes("board");

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
    const member = await tx.member.findUniqueOrThrow({ where: { id: memberId } });
    const note = input.note && !["khong", "ko", "k", "no", "-"].includes(normalize(input.note)) ? input.note : undefined;
    const when =
      input.when === "today" || input.when === "tomorrow" ? localDate(now, input.when === "today" ? 0 : 1) : input.when;
    const visit = await tx.visitRequest.create({
      data: {
        clubId: member.clubId,
        memberId,
        requestedById: actor.member?.id ?? `account:${actor.accountId}`,
        need: input.need,
        when,
        note,
        createdAt: now,
      },
    });
    await enqueueJob(tx, { kind: "visit.notify", runAt: now, payload: { visitId: visit.id, event: "new" } });
    await enqueueJob(tx, {
      kind: "visit.escalate",
      runAt: addDaytimeHours(now, ESCALATE_REMIND_HOURS),
      payload: { visitId: visit.id, level: 1 },
      dedupeKey: `visit.escalate:${visit.id}:1`,
    });
    await enqueueJob(tx, {
      kind: "visit.escalate",
      runAt: addDaytimeHours(now, ESCALATE_BOARD_HOURS),
      payload: { visitId: visit.id, level: 2 },
      dedupeKey: `visit.escalate:${visit.id}:2`,
    });
    await audit(tx, {
      actorId: actor.member?.id,
      onBehalfOfId: memberId,
      action: "visits.request",
      subject: `visit:${visit.id}`,
      at: now,
    });
    return { status: "requested", ref: visit.id };
  },
});

/** "YYYY-MM-DD" in Vietnam, `days` after `now`. */
function localDate(now: Date, days: number): string {
  return new Date(vietnamClock(now).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

function label(fmt: Formatter, v: { id: number; need: string; when: string }, extra = ""): string {
  return `#${v.id} ${fmt.text(`visits:need.${v.need}`)}, ${whenText(fmt, v.when)}${extra}`;
}

/** The member's own words for the volunteer («khám mắt 8 giờ sáng»), on a line of their own; nothing without them. */
export function noteLine(fmt: Pick<Formatter, "text">, note: string | null): string {
  return note ? `\n${fmt.text("visits:note_line", { note })}` : "";
}

/** When the visit is wanted, inside a sentence: «trong tuần này», or the day with its lunar date. */
export function whenText(fmt: Pick<Formatter, "text" | "day">, when: string): string {
  return when === "this_week" ? fmt.text("visits:this_week_in_text") : fmt.day(vietnamTime(when, "09:00"));
}

/** The member's own requests and their status. */
export const myVisits = memberAction({
  input: z.object({}),
  allowed: () => true,
  readOnly: true,
  async run(tx, _input, actor, _now, fmt) {
    const visits = await tx.visitRequest.findMany({
      where: { memberId: actor.member.id },
      orderBy: { id: "desc" },
      take: 5,
    });
    const lines = visits.map((v) => `${label(fmt, v)}: ${fmt.text(`visits:status.${v.status}`)}`);
    const open = visits
      .filter((v) => v.status === "requested" || v.status === "claimed")
      .map((v) => ({ id: String(v.id), label: label(fmt, v) }));
    return { status: visits.length ? "some" : "none", list: lines.join("\n"), open, hasOpen: open.length > 0 ? "yes" : "no" };
  },
});

/** The member cancels a request before it is done. */
export const cancelVisit = memberAction({
  input: z.object({ visitId: z.coerce.number().int() }),
  allowed: () => true,
  async run(tx, { visitId }, actor, now) {
    const done = await tx.visitRequest.updateMany({
      where: { id: visitId, memberId: actor.member.id, status: { in: ["requested", "claimed"] } },
      data: { status: "cancelled" },
    });
    if (done.count !== 1) return { status: "not_open" };
    await enqueueJob(tx, { kind: "visit.notify", runAt: now, payload: { visitId, event: "cancelled" } });
    return { status: "cancelled", ref: visitId };
  },
});

async function clubOf(tx: Tx, actor: Actor) {
  const ref = actor.member ? await memberRef(tx, actor.member.id) : undefined;
  return ref?.ref.club;
}

/** Open requests of the volunteer's own club. Health data is never shown, only the need and the area. */
export const openVisits = memberAction({
  input: z.object({}),
  allowed: isVolunteer,
  readOnly: true,
  async run(tx, _input, actor, _now, fmt) {
    const club = await clubOf(tx, actor);
    if (!club || !access.canSeeClubVisits(actor, club)) return { status: "none", visits: [] };
    const visits = await tx.visitRequest.findMany({
      where: { clubId: club.id, status: "requested" },
      orderBy: { id: "asc" },
      take: 6,
    });
    const members = await tx.member.findMany({ where: { id: { in: visits.map((v) => v.memberId) } } });
    const name = (id: string) => members.find((m) => m.id === id)?.fullName ?? "";
    return {
      status: visits.length ? "some" : "none",
      visits: visits.map((v) => ({ id: String(v.id), label: label(fmt, v, ` — ${name(v.memberId)}`) })),
    };
  },
});

/** Claim: the first volunteer wins, atomically; the others are told it is taken. */
export const claimVisit = memberAction({
  input: z.object({ visitId: z.coerce.number().int() }),
  allowed: isVolunteer,
  async run(tx, { visitId }, actor, now, fmt) {
    const visit = await tx.visitRequest.findUnique({ where: { id: visitId } });
    const club = await clubOf(tx, actor);
    if (!visit || !club || visit.clubId !== club.id || !access.canSeeClubVisits(actor, club)) return { status: "not_found" };
    const claimed = await tx.visitRequest.updateMany({
      where: { id: visitId, status: "requested" },
      data: { status: "claimed", claimedById: actor.member?.id, claimedAt: now },
    });
    if (claimed.count !== 1) return { status: visit.status === "cancelled" ? "cancelled" : "taken", ref: visitId };
    await enqueueJob(tx, { kind: "visit.notify", runAt: now, payload: { visitId, event: "claimed" } });
    await audit(tx, {
      actorId: actor.member?.id,
      onBehalfOfId: visit.memberId,
      action: "visits.claim",
      subject: `visit:${visitId}`,
      at: now,
    });
    const member = await tx.member.findUniqueOrThrow({ where: { id: visit.memberId } });
    return { status: "claimed", ref: visitId, where: whereToGo(member), note: noteLine(fmt, visit.note) };
  },
});

/** Who and where, for the volunteer who took the visit only: name, phone, hamlet, address. */
function whereToGo(member: { fullName: string; phone: string | null; hamlet: string | null; address: string | null }): string {
  return [nameWithPhone(member), member.hamlet, member.address].filter(Boolean).join(", ");
}

/** One of the volunteer's own visits in full: who, where, what, when. */
export const claimedVisit = memberAction({
  input: z.object({ visitId: z.coerce.number().int() }),
  allowed: isVolunteer,
  async run(tx, { visitId }, actor, _now, fmt) {
    const visit = await tx.visitRequest.findFirst({
      where: { id: visitId, claimedById: actor.member?.id ?? "-", status: "claimed" },
    });
    if (!visit) return { status: "not_yours" };
    const member = await tx.member.findUniqueOrThrow({ where: { id: visit.memberId } });
    return { status: "mine", ref: visit.id, where: whereToGo(member), what: `${label(fmt, visit)}${noteLine(fmt, visit.note)}` };
  },
});

/** The volunteer's claimed visits, to release or report. */
export const myClaims = memberAction({
  input: z.object({}),
  allowed: isVolunteer,
  async run(tx, _input, actor, _now, fmt) {
    const visits = await tx.visitRequest.findMany({
      where: { claimedById: actor.member?.id ?? "-", status: "claimed" },
      orderBy: { id: "asc" },
      take: 6,
    });
    const members = await tx.member.findMany({ where: { id: { in: visits.map((v) => v.memberId) } } });
    return {
      status: visits.length ? "some" : "none",
      visits: visits.map((v) => ({
        id: String(v.id),
        label: label(fmt, v, ` — ${members.find((m) => m.id === v.memberId)?.fullName ?? ""}`),
      })),
    };
  },
});

/** Give a claimed visit back: it is open again for the others. */
export const releaseVisit = memberAction({
  input: z.object({ visitId: z.coerce.number().int() }),
  allowed: isVolunteer,
  async run(tx, { visitId }, actor, now) {
    const released = await tx.visitRequest.updateMany({
      where: { id: visitId, status: "claimed", claimedById: actor.member?.id ?? "-" },
      data: { status: "requested", claimedById: null, claimedAt: null },
    });
    if (released.count !== 1) return { status: "not_yours" };
    await enqueueJob(tx, { kind: "visit.notify", runAt: now, payload: { visitId, event: "released" } });
    return { status: "released", ref: visitId };
  },
});

/** The done report: what was done and how the member is. Attention or urgent alerts the board at once. */
export const reportVisit = memberAction({
  input: z.object({
    visitId: z.coerce.number().int(),
    report: z.string().min(1).max(500),
    condition: z.enum(["fine", "attention", "urgent"]),
  }),
  allowed: isVolunteer,
  async run(tx, input, actor, now) {
    const done = await tx.visitRequest.updateMany({
      where: { id: input.visitId, status: "claimed", claimedById: actor.member?.id ?? "-" },
      data: { status: "done", doneAt: now, report: input.report, condition: input.condition },
    });
    if (done.count !== 1) return { status: "not_open" };
    if (input.condition !== "fine")
      await enqueueJob(tx, { kind: "visit.notify", runAt: now, payload: { visitId: input.visitId, event: input.condition } });
    await audit(tx, { actorId: actor.member?.id, action: "visits.done", subject: `visit:${input.visitId}`, at: now });
    return { status: "done", ref: input.visitId, condition: input.condition };
  },
});

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
