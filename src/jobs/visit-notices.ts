// Job handlers for home-care visits: who hears what, and when an unclaimed request escalates.
import type { Tx } from "../db/client.ts";
import { whenText } from "../domain/visits/visit-text.ts";
import type { I18n } from "../i18n/index.ts";
import { notifyMembers } from "./notify.ts";
import type { JobHandler } from "./scheduler.ts";

type Notify = { visitId: number; event: "new" | "claimed" | "released" | "cancelled" | "attention" | "urgent" };
type Escalate = { visitId: number; level: 1 | 2 };

const role = (name: string) => ({ roles: { some: { role: name } } });

async function visitParams(tx: Tx, visitId: number) {
  const visit = await tx.visitRequest.findUniqueOrThrow({ where: { id: visitId } });
  const member = await tx.member.findUniqueOrThrow({ where: { id: visit.memberId }, include: { club: true } });
  const volunteer = visit.claimedById ? await tx.member.findUnique({ where: { id: visit.claimedById } }) : null;
  return {
    visit,
    params: (fmt: { text(key: string): string; day(at: Date): string }) => ({
      ref: visit.id,
      name: member.fullName,
      area: member.club.name,
      need: fmt.text(`visits:need.${visit.need}`),
      when: whenText(fmt, visit.when),
      volunteer: volunteer?.fullName ?? "",
      // The note may hold health details: shown to the volunteer who takes the visit, not to all of them.
      note: visit.note ? `${fmt.text("visits:note_kept")}\n` : "",
    }),
  };
}

async function notify(tx: Tx, i18n: I18n, { visitId, event }: Notify, now: Date): Promise<void> {
  const { visit, params } = await visitParams(tx, visitId);
  const club = { clubId: visit.clubId };
  const key = `visit:${visitId}:${event}`;
  if (event === "new" || event === "released") {
    await notifyMembers(tx, i18n, { ...club, ...role("volunteer") }, `visits:notice_${event}`, params, key, now);
  } else if (event === "claimed") {
    await notifyMembers(tx, i18n, { id: visit.memberId }, "visits:notice_claimed", params, key, now, { viaProxy: true });
  } else if (event === "cancelled") {
    if (visit.claimedById) await notifyMembers(tx, i18n, { id: visit.claimedById }, "visits:notice_cancelled", params, key, now);
  } else {
    await notifyMembers(tx, i18n, { ...club, ...role("board") }, `visits:alert_${event}`, params, key, now);
  }
}

async function escalate(tx: Tx, i18n: I18n, { visitId, level }: Escalate, now: Date): Promise<void> {
  const { visit, params } = await visitParams(tx, visitId);
  if (visit.status !== "requested") return; // claimed, done or cancelled meanwhile
  const key = `visit:${visitId}:escalate${level}`;
  const who = level === 1 ? role("volunteer") : role("board");
  if (level === 2) await tx.visitRequest.update({ where: { id: visitId }, data: { escalatedAt: now } });
  await notifyMembers(
    tx,
    i18n,
    { clubId: visit.clubId, ...who },
    level === 1 ? "visits:remind_volunteers" : "visits:alert_unclaimed",
    params,
    key,
    now,
  );
  await notifyMembers(tx, i18n, { id: visit.memberId }, `visits:member_waiting_${level}`, params, `${key}:member`, now, {
    viaProxy: true,
  });
}

export function visitJobHandlers(i18n: I18n): Record<string, JobHandler> {
  return {
    "visit.notify": (tx, payload, now) => notify(tx, i18n, payload as Notify, now),
    "visit.escalate": (tx, payload, now) => escalate(tx, i18n, payload as Escalate, now),
  };
}
