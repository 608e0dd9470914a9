// Broadcast actions: compose (templates, meetings, audiences, preview, create), the author's live
// status, and a member's RSVP to a meeting notice.
import { z } from "zod";
import { type Actor, type MemberActor, memberAction } from "../actions/action.ts";
import { audit } from "../audit/audit.ts";
import { OPEN_CHAT, OPEN_PROXY } from "../outbox/reach.ts";
import { enqueueJob } from "../scheduling/enqueue-job.ts";
import { AREA_AUDIENCES, CLUB_AUDIENCES } from "./audience.ts";
import { draftInput, mayCompose, resolveDraft } from "./draft.ts";
import { noticeAsText, renderNotice } from "./notice.ts";
import { broadcastStatus } from "./status.ts";

const isBoard = (actor: Actor) => actor.roles.includes("board");
const isOfficer = (actor: Actor) => actor.roles.includes("officer") && actor.officerScopes.length > 0;

/** Meeting notices come from a club's board; general and urgent notices from boards and officers. */
export const templates = memberAction({
  input: z.object({}),
  allowed: mayCompose,
  async run(_tx, _input, actor) {
    const ids = isBoard(actor) ? (["meeting", "general", "urgent"] as const) : (["general", "urgent"] as const);
    return { templates: ids.map((id) => ({ id, labelKey: `broadcast:template.${id}` })) };
  },
});

/** The club's coming meetings, to fill a meeting notice from. */
export const meetings = memberAction({
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

/** Whom the actor may reach: their club's groups (board), their area (officer). At most 6. */
export const audiences = memberAction({
  input: z.object({ template: z.string() }),
  allowed: mayCompose,
  async run(_tx, { template }, actor) {
    const ids = [
      ...(isBoard(actor) ? CLUB_AUDIENCES : []),
      ...(isOfficer(actor) && template !== "meeting" ? AREA_AUDIENCES : []),
    ];
    return { audiences: ids.map((id) => ({ id, labelKey: `broadcast:audience.${id}` })) };
  },
});

/** The notice exactly as the first member of the audience will read it, and how many it reaches. */
export const preview = memberAction({
  input: draftInput,
  allowed: mayCompose,
  async run(tx, input, actor, now, fmt) {
    const draft = await resolveDraft(tx, input, actor, now);
    if (!("scope" in draft)) return draft;
    // Their own chat, or a relative's linked as proxy (the notice goes there to pass on).
    const reachable = {
      OR: [{ accounts: { some: OPEN_CHAT } }, { proxies: { some: OPEN_PROXY } }],
    };
    const [total, withChat, first, firstReached] = await Promise.all([
      tx.member.count({ where: draft.where }),
      tx.member.count({ where: { AND: [draft.where, reachable] } }),
      tx.member.findFirst({ where: draft.where, orderBy: { fullName: "asc" } }),
      tx.member.findFirst({ where: { AND: [draft.where, reachable] }, orderBy: { fullName: "asc" } }),
    ]);
    // The preview is what someone with a chat will read; with nobody reachable, what volunteers read out.
    const sample = firstReached ?? first;
    if (!sample) return { status: "empty" };
    const notice = renderNotice(fmt.inLanguage(sample.language), sample, draft.content, now.getUTCFullYear());
    return {
      status: "ok",
      intro: fmt.text(firstReached ? "broadcast:preview_intro" : "broadcast:preview_intro_phone", { name: sample.fullName }),
      preview: noticeAsText(notice),
      total,
      withChat,
      noChat: total - withChat,
      when: draft.deferred
        ? fmt.text("broadcast:when_deferred", { when: fmt.when(draft.sendAt) })
        : draft.sendAt.getTime() <= now.getTime()
          ? fmt.text("broadcast:when_now")
          : fmt.when(draft.sendAt),
    };
  },
});

/** Save the broadcast and schedule its sending (now, or at the time chosen). */
export const create = memberAction({
  input: draftInput,
  allowed: mayCompose,
  async run(tx, input, actor, now, fmt) {
    const draft = await resolveDraft(tx, input, actor, now);
    if (!("scope" in draft)) return draft;
    const broadcast = await tx.broadcast.create({
      data: {
        ...draft.scope,
        authorId: actor.member.id,
        authorAccountId: actor.accountId,
        template: input.template,
        audience: input.audience,
        meetingId: draft.meetingId,
        text: draft.content.text,
        sendAt: draft.sendAt,
      },
    });
    await enqueueJob(tx, {
      kind: "broadcast.send",
      runAt: draft.sendAt,
      payload: { broadcastId: broadcast.id },
      dedupeKey: `broadcast.send:${broadcast.id}`,
    });
    await audit(tx, { actorId: actor.member?.id, action: "broadcasts.create", subject: `broadcast:${broadcast.id}`, at: now });
    const later = draft.sendAt.getTime() > now.getTime();
    return { status: later ? "scheduled" : "sending", id: broadcast.id, when: fmt.when(draft.sendAt) };
  },
});

const RECENT_SHOWN = 5;

/** Broadcasts the actor may follow: their own, and for a board member their club's. */
const followable = (actor: MemberActor) => ({
  OR: [{ authorId: actor.member.id }, ...(isBoard(actor) ? [{ clubId: actor.member.clubId }] : [])],
});

/** The latest notices the actor may follow, newest first, as choices: number, kind, day, state. */
export const recent = memberAction({
  input: z.object({}),
  allowed: mayCompose,
  async run(tx, _input, actor, _now, fmt) {
    const list = await tx.broadcast.findMany({ where: followable(actor), orderBy: { id: "desc" }, take: RECENT_SHOWN });
    return {
      status: list.length > 0 ? "some" : "none",
      notices: list.map((b) => ({
        id: String(b.id),
        label: fmt.text("broadcast:recent_label", {
          id: b.id,
          template: fmt.text(`broadcast:template.${b.template}`),
          day: fmt.day(b.sendAt),
          state: fmt.text(`broadcast:state.${b.status}`),
        }),
      })),
    };
  },
});

/** One notice the actor may follow: delivery and answers so far. */
export const status = memberAction({
  input: z.object({ id: z.coerce.number().int() }),
  allowed: mayCompose,
  async run(tx, { id }, actor, _now, fmt) {
    const broadcast = await tx.broadcast.findFirst({ where: { id, ...followable(actor) } });
    if (!broadcast) return { status: "none" };
    return { status: "ok", ...(await broadcastStatus(tx, broadcast, fmt)) };
  },
});

/** Call off a broadcast that has not gone yet: its author, or the board of its club. */
export const cancel = memberAction({
  input: z.object({ id: z.coerce.number().int() }),
  allowed: mayCompose,
  async run(tx, { id }, actor, now) {
    const b = await tx.broadcast.findUnique({ where: { id } });
    const mine = b && (b.authorId === actor.member?.id || (isBoard(actor) && b.clubId === actor.member?.clubId));
    if (!mine) return { status: "denied" };
    const done = await tx.broadcast.updateMany({ where: { id, status: "scheduled" }, data: { status: "cancelled" } });
    if (done.count !== 1) return { status: "too_late" };
    await audit(tx, { actorId: actor.member?.id, action: "broadcasts.cancel", subject: `broadcast:${id}`, at: now });
    return { status: "cancelled", id };
  },
});

/** A member's answer to a meeting notice; the last answer counts. Without an id: their latest notice. */
export const rsvp = memberAction({
  input: z.object({ broadcastId: z.coerce.number().int().optional(), answer: z.enum(["yes", "no"]) }),
  allowed: () => true,
  async run(tx, input, actor, now, fmt) {
    const memberId = actor.member.id;
    const recipient = await tx.broadcastRecipient.findFirst({
      where: {
        memberId,
        broadcast: { template: "meeting", ...(input.broadcastId ? { id: input.broadcastId } : {}) },
      },
      orderBy: { broadcastId: "desc" },
      include: { broadcast: true },
    });
    const meeting = recipient?.broadcast.meetingId
      ? await tx.meeting.findUnique({ where: { id: recipient.broadcast.meetingId } })
      : null;
    if (!recipient || !meeting || meeting.status !== "scheduled" || meeting.startsAt <= now) return { status: "late" };
    await tx.broadcastRecipient.update({ where: { id: recipient.id }, data: { rsvp: input.answer, rsvpAt: now } });
    return { status: input.answer, when: fmt.when(meeting.startsAt), place: meeting.place };
  },
});
