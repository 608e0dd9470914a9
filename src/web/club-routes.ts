// A club's pages in the web workplace: roster (and its upload), invite sheet, meetings, ledger,
// visits, deletion requests (and the erasure), audit trail. Each checks who asks on every request;
// another club's page is 404. Every view of personal data, download and change is audited.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { clubBots } from "../domain/bots/club-bots.ts";
import { issueClubCodes, issueProxyCode } from "../domain/invites/club-invites.ts";
import { eraseMember } from "../domain/members/erase-member.ts";
import { boardClub, type ClubPage, ledgerClub } from "./areas.ts";
import { audited, forgeryRefused, notFound, sendPage, signedIn, type Visit, type WebDeps } from "./context.ts";
import { type Html, html } from "./html.ts";
import { clubTabs, page } from "./layout.ts";
import { auditBody, ledgerBody, meetingsBody, visitsBody } from "./pages/club-lists.ts";
import { invitesBody } from "./pages/invites.ts";
import { uploadLedger } from "./pages/ledger-upload.ts";
import { meetingBody } from "./pages/meeting.ts";
import { requestsBody } from "./pages/requests.ts";
import { rosterBody, saveMember, type UploadOutcome, uploadRoster } from "./pages/roster.ts";
import { tabsFor } from "./pages/tabs.ts";

type Finder = typeof boardClub;
type Handler = (visit: Visit, club: ClubPage, request: FastifyRequest, reply: FastifyReply) => Promise<Html | undefined>;
type RosterChange = (visit: Visit, club: ClubPage, request: FastifyRequest) => Promise<UploadOutcome>;

export function clubRoutes(web: FastifyInstance, deps: WebDeps): void {
  const { db, i18n } = deps;
  // A multipart form's file and its anti-forgery field, read once before the page's handler.
  web.addHook("preHandler", async (request) => {
    if (!request.isMultipart()) return;
    const fields: Record<string, string> = {};
    let uploaded: { filename: string; bytes: Buffer } | undefined;
    for await (const part of request.parts()) {
      if (part.type === "file") uploaded = { filename: part.filename, bytes: await part.toBuffer() };
      else fields[part.fieldname] = String(part.value);
    }
    Object.assign(request, { uploaded, multipartFields: fields });
  });

  /** A club page: signed in, the club found for this viewer (else 404), then the page in its frame. */
  const clubPage =
    (tab: string, find: Finder, handler: Handler, opts: { post?: boolean } = {}) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const visit = await signedIn(deps, request, reply);
      if (!visit) return;
      const { id } = request.params as { id: string };
      const club = await find(db, visit.viewer, id);
      if (!club) return notFound(visit.texts, reply);
      if (opts.post && (await forgeryRefused(visit, csrfOf(request), reply))) return;
      const body = await handler(visit, club, request, reply);
      if (!body || reply.sent) return;
      const frame = clubTabs(visit.texts, club.ref.id, tab, tabsFor(visit.viewer, club.ref));
      const title = `${visit.texts.t(`nav.${tab}`)} — ${club.name}`;
      return sendPage(reply, page(visit.texts, title, html`${frame}${body}`, visit.viewer));
    };

  web.get(
    "/web/club/:id/roster",
    clubPage("roster", boardClub, async (visit, club) => {
      await audited(deps, visit, "web.view_roster", `club:${club.ref.id}`);
      return rosterBody(db, visit, club);
    }),
  );
  /** A change to the roster (a file, or one member typed in): audited once saved, else 422 with its reasons. */
  const rosterChange = (url: string, auditAction: string, change: RosterChange) =>
    web.post(
      url,
      clubPage(
        "roster",
        boardClub,
        async (visit, club, request, reply) => {
          const outcome = await change(visit, club, request);
          if (outcome.status === "imported") await audited(deps, visit, auditAction, `club:${club.ref.id}`);
          else reply.code(422);
          return rosterBody(db, visit, club, outcome);
        },
        { post: true },
      ),
    );
  rosterChange("/web/club/:id/roster", "web.roster_import", async (visit, club, request) => {
    const file = uploadedFile(request);
    return file ? uploadRoster(db, club, file.filename, file.bytes, visit.now) : { status: "bad_file" };
  });
  rosterChange("/web/club/:id/members", "web.member_saved", (visit, club, request) =>
    saveMember(db, club, (request.body ?? {}) as Record<string, string | string[]>, visit.now),
  );
  web.get(
    "/web/club/:id/invites",
    clubPage("invites", boardClub, async (visit, club) =>
      invitesBody(db, visit, club, await clubBots(db, club.ref.id, deps.telegramUsername)),
    ),
  );
  web.post(
    "/web/club/:id/invites",
    clubPage(
      "invites",
      boardClub,
      async (visit, club) => {
        const issued = await issueClubCodes(db, club.code, visit.now);
        await audited(deps, visit, "web.invite_codes", `club:${club.ref.id}`);
        return invitesBody(db, visit, club, await clubBots(db, club.ref.id, deps.telegramUsername), issued);
      },
      { post: true },
    ),
  );
  web.post(
    "/web/club/:id/proxy-code",
    clubPage(
      "invites",
      boardClub,
      async (visit, club, request, reply) => {
        const memberId = String((request.body as { member?: unknown } | undefined)?.member ?? "");
        const member = await db.member.findFirst({ where: { id: memberId, clubId: club.ref.id, status: "active" } });
        if (!member) {
          await notFound(visit.texts, reply);
          return undefined;
        }
        const proxy = await issueProxyCode(db, club.code, member.id, visit.now);
        await audited(deps, visit, "web.proxy_code", `club:${club.ref.id}`);
        return invitesBody(db, visit, club, await clubBots(db, club.ref.id, deps.telegramUsername), undefined, proxy);
      },
      { post: true },
    ),
  );
  web.get(
    "/web/club/:id/meetings",
    clubPage("meetings", boardClub, async (visit, club) => meetingsBody(db, visit, club)),
  );
  web.get(
    "/web/club/:id/meetings/:meetingId",
    clubPage("meetings", boardClub, async (visit, club, request, reply) => {
      const { meetingId } = request.params as { meetingId: string };
      const body = await meetingBody(db, visit, club, meetingId, await clubBots(db, club.ref.id, deps.telegramUsername));
      if (!body) await notFound(visit.texts, reply);
      else await audited(deps, visit, "web.view_attendance", `club:${club.ref.id}`);
      return body;
    }),
  );
  web.get(
    "/web/club/:id/ledger",
    clubPage("ledger", ledgerClub, async (visit, club) => {
      await audited(deps, visit, "web.view_ledger", `club:${club.ref.id}`);
      return ledgerBody(db, i18n, visit, club);
    }),
  );
  web.post(
    "/web/club/:id/ledger",
    clubPage(
      "ledger",
      ledgerClub,
      async (visit, club, request, reply) => {
        const file = uploadedFile(request);
        const outcome = file ? await uploadLedger(db, club, file.filename, file.bytes) : ({ status: "bad_file" } as const);
        if (outcome.status === "recorded") await audited(deps, visit, "web.ledger_import", `club:${club.ref.id}`);
        else reply.code(422);
        return ledgerBody(db, i18n, visit, club, outcome);
      },
      { post: true },
    ),
  );
  web.get(
    "/web/club/:id/visits",
    clubPage("visits", boardClub, async (visit, club) => visitsBody(db, i18n, visit, club)),
  );
  web.get(
    "/web/club/:id/requests",
    clubPage("requests", boardClub, async (visit, club) => requestsBody(db, visit, club)),
  );
  web.post(
    "/web/club/:id/requests/:memberId/erase",
    clubPage(
      "requests",
      boardClub,
      async (visit, club, request, reply) => {
        const { memberId } = request.params as { memberId: string };
        const member = await db.member.findFirst({ where: { id: memberId, clubId: club.ref.id } });
        if (!member) {
          await notFound(visit.texts, reply);
          return undefined;
        }
        const result = await eraseMember(db, i18n, member.id, `web:${visit.viewer.actor.member.fullName}`, visit.now);
        await audited(deps, visit, "web.erase_member", `club:${club.ref.id}`);
        return requestsBody(db, visit, club, result.status === "erased");
      },
      { post: true },
    ),
  );
  web.get(
    "/web/club/:id/audit",
    clubPage("audit", boardClub, async (visit, club) => auditBody(db, visit, club)),
  );
}

/** The file of a multipart form, read by the hook above. */
function uploadedFile(request: FastifyRequest): { filename: string; bytes: Buffer } | undefined {
  return (request as unknown as { uploaded?: { filename: string; bytes: Buffer } }).uploaded;
}

function csrfOf(request: FastifyRequest): unknown {
  const fields = (request as unknown as { multipartFields?: Record<string, string> }).multipartFields;
  return fields ? fields._csrf : (request.body as { _csrf?: unknown } | undefined)?._csrf;
}
