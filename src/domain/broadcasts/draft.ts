// A broadcast being composed, checked: who may send it to whom, what it says, and when it goes.
import { z } from "zod";
import type { Prisma } from "../../../generated/prisma/client.ts";
import type { Tx } from "../../db/client.ts";
import type { Formatter } from "../../i18n/format.ts";
import { type Actor, type MemberActor, memberAction } from "../actions/action.ts";
import { access } from "../actors/access.ts";
import { outsideQuietHours } from "../time/quiet-hours.ts";
import { vietnamTime } from "../time/vietnam-time.ts";
import { AUDIENCES, audienceWhere, isAreaAudience, type Scope } from "./audience.ts";
import { type NoticeContent, TEMPLATES } from "./notice.ts";

export const draftInput = z.object({
  template: z.enum(TEMPLATES),
  audience: z.enum(AUDIENCES),
  meetingId: z.string().optional(),
  text: z.string().trim().min(1).max(1500).optional(),
  /** «now» sends at once even when a date and time were chosen before the draft was changed. */
  when: z.enum(["now", "later"]).optional(),
  /** A later time: both or neither (Vietnam local). */
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  time: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .optional(),
  /** The club to send to; a board member's own club when left out. */
  clubId: z.string().optional(),
});
export type DraftInput = z.infer<typeof draftInput>;

export type Draft = {
  scope: Scope;
  content: NoticeContent;
  meetingId: string | null;
  sendAt: Date;
  /** Moved out of the quiet hours (21:00–6:00); urgent notices are never held back. */
  deferred: boolean;
  where: Prisma.MemberWhereInput;
};

/** Boards and officers compose notices (the member actions it guards need a member already). */
export const mayCompose = (actor: Actor) => actor.roles.includes("board") || actor.roles.includes("officer");

type Refused = { status: "denied" | "no_meeting" | "no_text" | "past" };

type DraftRun<O> = (tx: Tx, input: DraftInput, draft: Draft, actor: MemberActor, now: Date, fmt: Formatter) => Promise<O>;

/** An action on the notice being composed: for whoever may compose; it gets the checked draft, else says why not. */
export function draftAction<O>(run: DraftRun<O>) {
  return memberAction({
    input: draftInput,
    allowed: mayCompose,
    async run(tx, input, actor, now, fmt): Promise<O | Refused> {
      const draft = await resolveDraft(tx, input, actor, now);
      return "scope" in draft ? run(tx, input, draft, actor, now, fmt) : draft;
    },
  });
}

export async function resolveDraft(tx: Tx, input: DraftInput, actor: MemberActor, now: Date): Promise<Draft | Refused> {
  const place = await scopeFor(tx, input, actor);
  if (!place) return { status: "denied" };
  let meeting: NoticeContent["meeting"] = null;
  if (input.template === "meeting") {
    const found = input.meetingId ? await tx.meeting.findUnique({ where: { id: input.meetingId } }) : null;
    if (!found || found.clubId !== place.scope.clubId || found.status !== "scheduled") return { status: "no_meeting" };
    meeting = { startsAt: found.startsAt, place: found.place };
  } else if (!input.text) {
    return { status: "no_text" };
  }
  const asked = input.when !== "now" && input.date && input.time ? vietnamTime(input.date, input.time) : now;
  if (asked.getTime() < now.getTime() - 60_000) return { status: "past" };
  const sendAt = input.template === "urgent" ? asked : outsideQuietHours(asked);
  return {
    scope: place.scope,
    content: { template: input.template, from: place.from, text: input.text ?? null, meeting },
    meetingId: input.template === "meeting" ? (input.meetingId ?? null) : null,
    sendAt,
    deferred: sendAt.getTime() !== asked.getTime(),
    where: await audienceWhere(tx, place.scope, input.audience, now),
  };
}

/** Area audiences: the officer's own area. Club audiences: a club the actor may send to (access rules). */
async function scopeFor(
  tx: Tx,
  input: DraftInput,
  actor: MemberActor,
): Promise<{ scope: Scope; from: NoticeContent["from"] } | undefined> {
  if (isAreaAudience(input.audience)) {
    const area = actor.roles.includes("officer") ? actor.officerScopes[0] : undefined;
    if (!area || input.template === "meeting") return undefined;
    if (area.communeId) {
      const commune = await tx.commune.findUnique({ where: { id: area.communeId } });
      return commune ? { scope: { communeId: commune.id }, from: { name: commune.name, area: true } } : undefined;
    }
    const province = await tx.province.findUnique({ where: { id: area.provinceId ?? "" } });
    return province ? { scope: { provinceId: province.id }, from: { name: province.name, area: true } } : undefined;
  }
  const clubId = input.clubId ?? actor.member.clubId;
  const club = await tx.club.findUnique({ where: { id: clubId }, include: { commune: true } });
  if (!club || !access.canBroadcast(actor, { id: club.id, communeId: club.communeId, provinceId: club.commune.provinceId }))
    return undefined;
  return { scope: { clubId: club.id }, from: { name: club.name, area: false } };
}
