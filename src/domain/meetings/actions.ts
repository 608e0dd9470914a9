// Meeting actions: check-in by menu, code, deep link, proxy and roll call; creating meetings; the board's view.
import { z } from "zod";
import type { Prisma } from "../../../generated/prisma/client.ts";
import { type Actor, action, type MemberActor, memberAction, subjectOf } from "../actions/action.ts";
import { access } from "../actors/access.ts";
import { audit } from "../audit/audit.ts";
import { memberRef } from "../members/member-ref.ts";
import { searchClubMembers } from "../members/search.ts";
import { OPEN_CHAT } from "../outbox/reach.ts";
import { vietnamTime } from "../time/vietnam-time.ts";
import {
  createClubMeeting,
  isOpen,
  meetingWithWindow,
  nextMeeting,
  openMeetings,
  openMeetingsFor,
  recordAttendance,
  type Via,
} from "./meetings.ts";

const isMember = (actor: Actor) => actor.member !== undefined;
const isHelper = (actor: Actor) => actor.roles.includes("volunteer") || actor.roles.includes("board");
const WRONG_CODES_PER_HOUR = 5;

/** The meetings open for the member (or the member a proxy acts for) right now. */
export const openForMember = action({
  input: z.object({ memberId: z.string().optional() }),
  allowed: (actor, input) => (input.memberId ? actor.proxyFor.includes(input.memberId) : isMember(actor)),
  readOnly: true,
  async run(tx, input, actor, now, fmt) {
    const memberId = subjectOf(actor, input.memberId);
    if (!memberId) return { status: "denied" };
    // The actor already knows their own club; only a proxy's member needs looking up.
    const { clubId, fullName } =
      memberId === actor.member?.id ? actor.member : await tx.member.findUniqueOrThrow({ where: { id: memberId } });
    const open = await openMeetingsFor(tx, clubId, memberId, now);
    const [only] = open.map((m) => m.meeting);
    if (!only) {
      const next = await nextMeeting(tx, clubId, now);
      return { status: next ? "none" : "none_planned", next: next ? fmt.when(next.startsAt) : "" };
    }
    // Someone already present hears so at once, not after a question.
    const present = open.length === 1 ? open[0]?.presentAt : undefined;
    if (present) return { status: "already", time: fmt.time(present), name: fullName };
    const meetings = open.map(({ meeting: m }) => ({ id: m.id, label: `${fmt.when(m.startsAt)} — ${m.place}` }));
    return { status: open.length === 1 ? "one" : "several", meetingId: only.id, when: meetings[0]?.label, meetings, memberId };
  },
});

/** The member and their club, for a member id that may be missing (a relative's chat naming nobody). */
async function memberRefOf(tx: Parameters<typeof memberRef>[0], memberId: string | undefined) {
  return memberId ? memberRef(tx, memberId) : undefined;
}

/** Check a member in: themself, a proxy, or a volunteer/board member of the same club. */
export const checkIn = action({
  input: z.object({
    meetingId: z.string(),
    memberId: z.string().optional(),
    via: z.enum(["menu", "code", "link", "proxy", "rollcall"]),
  }),
  // Linked chats only; the member and meeting are checked inside, where both are known.
  allowed: (actor) => !actor.roles.includes("guest"),
  async run(tx, input, actor, now, fmt) {
    const meeting = await meetingWithWindow(tx, input.meetingId);
    // Checking oneself in needs no member lookup: the actor is the member, the meeting names the club.
    const self = actor.member && (!input.memberId || input.memberId === actor.member.id) ? actor.member : undefined;
    const target =
      self && meeting
        ? { member: self, ref: { id: self.id, club: meeting.clubRef } }
        : await memberRefOf(tx, subjectOf(actor, input.memberId));
    if (!target || !meeting || meeting.clubId !== target.member.clubId || !access.canCheckIn(actor, target.ref))
      return { status: "denied" };
    if (!isOpen(meeting, now)) {
      const next = await nextMeeting(tx, meeting.clubId, now);
      return { status: "closed", next: next ? fmt.when(next.startsAt) : "" };
    }
    const recordedById = actor.member?.id ?? `account:${actor.accountId}`;
    const result = await recordAttendance(tx, {
      meetingId: meeting.id,
      memberId: target.member.id,
      via: input.via as Via,
      recordedById,
      at: now,
    });
    return { status: result.status, time: fmt.time(result.at), name: target.member.fullName };
  },
});

/** A code read out at the meeting (typed, or from a deep link). Wrong codes are limited per chat. */
export const checkInByCode = memberAction({
  input: z.object({ code: z.string().max(20), via: z.enum(["code", "link"]).default("code") }),
  allowed: isMember,
  async run(tx, { code, via }, actor, now, fmt) {
    const subject = `account:${actor.accountId}`;
    const wrong = await tx.auditLog.count({
      where: { action: "checkin.code_wrong", subject, at: { gte: new Date(now.getTime() - 3_600_000) } },
    });
    if (wrong >= WRONG_CODES_PER_HOUR) return { status: "rate_limited" };
    const meeting = await tx.meeting.findUnique({ where: { code: code.toUpperCase() }, include: { club: true } });
    if (!meeting || meeting.clubId !== actor.member?.clubId || meeting.status !== "scheduled") {
      await audit(tx, { action: "checkin.code_wrong", subject, at: now });
      return { status: "wrong_code" };
    }
    return checkIn.run(tx, { meetingId: meeting.id, via }, actor, now, fmt);
  },
});

/** Whom a helper checks in: members without a chat of their own (they check in themselves), never the helper. */
function checkedInByHelper(actor: MemberActor): Prisma.MemberWhereInput {
  return { id: { not: actor.member.id }, accounts: { none: OPEN_CHAT } };
}

/** Members of the helper's club without a chat of their own whose name contains the words typed, accents or not. */
export const searchMembers = memberAction({
  input: z.object({ query: z.string().min(1).max(80) }),
  allowed: isHelper,
  async run(tx, { query }, actor) {
    const choices = await searchClubMembers(tx, actor.member.clubId, query, checkedInByHelper(actor));
    return { status: choices.length === 0 ? "none" : "found", members: choices };
  },
});

/** The helper's club meeting open now (the first, if several). */
export const helperMeeting = memberAction({
  input: z.object({}),
  allowed: isHelper,
  readOnly: true,
  async run(tx, _input, actor, now, fmt) {
    const [meeting] = await openMeetings(tx, actor.member.clubId, now);
    if (!meeting) {
      const next = await nextMeeting(tx, actor.member.clubId, now);
      return { status: "none", next: next ? fmt.when(next.startsAt) : "" };
    }
    return { status: "open", meetingId: meeting.id, when: `${fmt.when(meeting.startsAt)} — ${meeting.place}` };
  },
});

/** Roll call: the next member (by name) with no mark yet for this meeting. */
export const rollNext = memberAction({
  input: z.object({ meetingId: z.string() }),
  allowed: isHelper,
  readOnly: true,
  async run(tx, { meetingId }, actor) {
    const meeting = await tx.meeting.findUnique({ where: { id: meetingId } });
    if (!meeting || meeting.clubId !== actor.member?.clubId) return { status: "denied" };
    const next = await tx.member.findFirst({
      where: { clubId: meeting.clubId, status: "active", attendances: { none: { meetingId } }, ...checkedInByHelper(actor) },
      orderBy: { fullName: "asc" },
    });
    if (!next) return { status: "done", ...(await counts(tx, meeting.id, meeting.clubId)) };
    return { status: "next", memberId: next.id, name: `${next.fullName} (${next.birthYear})` };
  },
});

/** Roll call mark: 1 present, 2 absent, 3 excused. */
export const markAttendance = memberAction({
  input: z.object({ meetingId: z.string(), memberId: z.string(), mark: z.enum(["present", "absent", "excused"]) }),
  allowed: isHelper,
  async run(tx, input, actor, now) {
    const target = await memberRef(tx, input.memberId);
    const meeting = await tx.meeting.findUnique({ where: { id: input.meetingId } });
    if (!target || !meeting || meeting.clubId !== target.member.clubId || !access.canCheckIn(actor, target.ref))
      return { status: "denied" };
    await recordAttendance(tx, {
      meetingId: meeting.id,
      memberId: target.member.id,
      via: "rollcall",
      recordedById: actor.member?.id,
      status: input.mark,
      at: now,
    });
    return { status: "ok" };
  },
});

/** Members a proxy chat acts for, as choices. */
export const proxyTargets = action({
  input: z.object({}),
  allowed: (actor) => actor.proxyFor.length > 0,
  readOnly: true,
  async run(tx, _input, actor) {
    const members = await tx.member.findMany({ where: { id: { in: actor.proxyFor } }, orderBy: { fullName: "asc" } });
    return { members: members.map((m) => ({ id: m.id, label: m.fullName })) };
  },
});

/** The board's live view: "32/58 có mặt" and who is missing. */
export const meetingSummary = memberAction({
  input: z.object({}),
  allowed: (actor) => actor.roles.includes("board"),
  readOnly: true,
  async run(tx, _input, actor, now, fmt) {
    const clubId = actor.member.clubId;
    const meeting =
      (await openMeetings(tx, clubId, now))[0] ??
      (await tx.meeting.findFirst({
        where: { clubId, status: "scheduled", startsAt: { lte: now } },
        orderBy: { startsAt: "desc" },
      }));
    if (!meeting) return { status: "none" };
    const c = await counts(tx, meeting.id, clubId);
    const absent = await tx.member.findMany({
      where: { clubId, status: "active", attendances: { none: { meetingId: meeting.id, status: "present" } } },
      orderBy: { fullName: "asc" },
      take: 80,
    });
    return { status: "ok", when: fmt.when(meeting.startsAt), ...c, absent: absent.map((m) => m.fullName).join(", ") };
  },
});

async function counts(tx: Parameters<typeof memberRef>[0], meetingId: string, clubId: string) {
  const [present, total] = await Promise.all([
    tx.attendance.count({ where: { meetingId, status: "present" } }),
    tx.member.count({ where: { clubId, status: "active" } }),
  ]);
  return { present, total };
}

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

const meetingWhen = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), time: z.string().regex(/^\d{2}:\d{2}$/) });

/** When a meeting on `date` at `time` starts, in Vietnam. */
const startOf = (when: z.infer<typeof meetingWhen>) => vietnamTime(when.date, when.time);
/** A meeting more than an hour gone cannot be made. */
const isPast = (startsAt: Date, now: Date) => startsAt.getTime() < now.getTime() - 3_600_000;

/** The day and time a board typed, checked at once: a time already past is refused before the place. */
export const checkMeetingTime = memberAction({
  input: meetingWhen,
  allowed: (actor) => actor.roles.includes("board"),
  run: async (_tx, input, _actor, now) => ({ status: isPast(startOf(input), now) ? "past" : "ok" }),
});

/** The board creates a meeting; members get a reminder the day before, the board one at the start. */
export const createMeeting = memberAction({
  input: meetingWhen.extend({ place: z.string().min(2).max(120) }),
  allowed: (actor) => actor.roles.includes("board"),
  async run(tx, input, actor, now, fmt) {
    const startsAt = startOf(input);
    if (isPast(startsAt, now)) return { status: "past" };
    const meeting = await createClubMeeting(
      tx,
      { clubId: actor.member.clubId, startsAt, place: input.place, createdById: actor.member?.id },
      now,
    );
    await audit(tx, { actorId: actor.member?.id, action: "meetings.create", subject: `meeting:${meeting.id}`, at: now });
    return { status: "created", when: fmt.when(startsAt), code: meeting.code, place: meeting.place };
  },
});
