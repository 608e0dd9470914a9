// Job handlers for home-care visits: who hears what, and when an unclaimed request escalates.
import { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "../db/client.ts";
import { query } from "../db/direct.ts";
import { whenText } from "../domain/visits/visit-text.ts";
import type { I18n } from "../i18n/index.ts";
import { notifyMembers } from "./notify.ts";
import type { JobHandler } from "./scheduler.ts";

type Notify = { visitId: number; event: "new" | "claimed" | "released" | "cancelled" | "attention" | "urgent" };
type Escalate = { visitId: number; level: 1 | 2 };

const role = (name: string) => ({ roles: { some: { role: name } } });

type VisitRow = {
  id: number | bigint;
  clubId: string;
  memberId: string;
  need: string;
  when: string;
  note: string | null;
  status: string;
  claimedById: string | null;
  memberName: string;
  clubName: string;
  volunteerName: string | null;
};

/** The request with its member's and club's names and its volunteer's: one raw statement (every request sets off a job). */
async function visitParams(tx: Tx, visitId: number) {
  const [visit] = await query<VisitRow>(
    tx,
    Prisma.sql`
    SELECT v."id", v."clubId", v."memberId", v."need", v."when", v."note", v."status", v."claimedById",
           m."fullName" AS "memberName", c."name" AS "clubName", vo."fullName" AS "volunteerName"
    FROM "VisitRequest" v
    JOIN "Member" m ON m."id" = v."memberId"
    JOIN "Club" c ON c."id" = m."clubId"
    LEFT JOIN "Member" vo ON vo."id" = v."claimedById"
    WHERE v."id" = ${visitId}`,
  );
  if (!visit) throw new Error(`no visit request ${visitId}`);
  return {
    visit,
    params: (fmt: { text(key: string): string; day(at: Date): string }) => ({
      ref: Number(visit.id),
      name: visit.memberName,
      area: visit.clubName,
      need: fmt.text(`visits:need.${visit.need}`),
      when: whenText(fmt, visit.when),
      volunteer: visit.volunteerName ?? "",
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
