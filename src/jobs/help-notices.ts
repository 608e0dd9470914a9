// Job handlers for requests to the board (call back, delete my data): who hears of them, who is
// told when nobody has taken one, and the member's word of who will call.
import type { Tx } from "../db/client.ts";
import { nameWithPhone } from "../domain/members/phone.ts";
import { officersOver } from "../domain/outbox/reach.ts";
import type { I18n } from "../i18n/index.ts";
import { notifyMembers } from "./notify.ts";
import type { JobHandler } from "./scheduler.ts";

type Notify = { requestId: string; event: "new" | "claimed" };
type Escalate = { requestId: string; level: 1 | 2 };

type Request = { clubId: string | null; memberId: string | null; topic: string };

/** The club's people holding one of `roles`, not the member who asked (a board member asking for a call). */
const staff = (request: Request, roles: string[]) => ({
  clubId: request.clubId ?? "-",
  id: { not: request.memberId ?? "-" },
  roles: { some: { role: { in: roles } } },
});

async function load(tx: Tx, requestId: string) {
  const request = await tx.helpRequest.findUniqueOrThrow({ where: { id: requestId } });
  const member = request.memberId
    ? await tx.member.findUnique({ where: { id: request.memberId }, include: { club: { include: { commune: true } } } })
    : null;
  const helper = request.claimedById ? await tx.member.findUnique({ where: { id: request.claimedById } }) : null;
  const params = () => ({ person: member ? nameWithPhone(member) : "", helper: helper ? nameWithPhone(helper) : "" });
  return { request, member, params };
}

/** The club's board; for a call-back, its volunteers too when no board member has a chat. */
async function tellClub(
  tx: Tx,
  i18n: I18n,
  request: Request,
  key: string,
  dedupe: string,
  params: () => Record<string, unknown>,
  now: Date,
) {
  let reached = await notifyMembers(tx, i18n, staff(request, ["board"]), key, params, `${dedupe}:board`, now);
  if (reached === 0 && request.topic === "call_back")
    reached = await notifyMembers(tx, i18n, staff(request, ["volunteer"]), key, params, `${dedupe}:volunteers`, now);
  if (reached > 0) return;
  // Nobody in the club has a chat: the officers over it hear of it at once, not hours later.
  const { club, officers } = await clubOfficers(tx, request);
  if (club) {
    const officerParams = () => ({ ...params(), club: club.name });
    await notifyMembers(tx, i18n, officers, `help:alert_officer_now.${request.topic}`, officerParams, `${dedupe}:officer`, now);
  }
}

async function clubOfficers(tx: Tx, request: Request) {
  const club = request.clubId ? await tx.club.findUnique({ where: { id: request.clubId }, include: { commune: true } }) : null;
  return { club, officers: club ? officersOver({ communeId: club.communeId, provinceId: club.commune.provinceId }) : {} };
}

async function notify(tx: Tx, i18n: I18n, { requestId, event }: Notify, now: Date): Promise<void> {
  const { request, params } = await load(tx, requestId);
  const dedupe = `help:${requestId}:${event}`;
  if (event === "new") return tellClub(tx, i18n, request, `help:notice_new.${request.topic}`, dedupe, params, now);
  if (request.memberId)
    await notifyMembers(tx, i18n, { id: request.memberId }, `help:notice_claimed.${request.topic}`, params, dedupe, now, {
      viaProxy: true,
    });
}

async function escalate(tx: Tx, i18n: I18n, { requestId, level }: Escalate, now: Date): Promise<void> {
  const { request, member, params } = await load(tx, requestId);
  if (request.status !== "open") return; // someone said «Tôi gọi» meanwhile
  const dedupe = `help:${requestId}:escalate${level}`;
  if (level === 1) {
    // A reminder to the board, and for a call-back to every volunteer as well.
    const who = request.topic === "call_back" ? ["board", "volunteer"] : ["board"];
    await notifyMembers(tx, i18n, staff(request, who), `help:remind.${request.topic}`, params, dedupe, now);
    return;
  }
  // Still nobody: the officers over the club's commune (or province) hear of it.
  const club = member?.club;
  if (!club) return;
  await notifyMembers(
    tx,
    i18n,
    officersOver({ communeId: club.communeId, provinceId: club.commune.provinceId }),
    `help:alert_officer.${request.topic}`,
    () => ({ ...params(), club: club.name }),
    dedupe,
    now,
  );
  if (request.memberId && request.topic === "call_back")
    await notifyMembers(tx, i18n, { id: request.memberId }, "help:member_waiting", params, `${dedupe}:member`, now, {
      viaProxy: true,
    });
}

export function helpJobHandlers(i18n: I18n): Record<string, JobHandler> {
  return {
    "help.notify": (tx, payload, now) => notify(tx, i18n, payload as Notify, now),
    "help.escalate": (tx, payload, now) => escalate(tx, i18n, payload as Escalate, now),
  };
}
