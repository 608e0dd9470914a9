// What every workplace route needs: the database, texts, the plans, the clock, where the site is,
// and the viewer of this request (read again each time), or the answer when there is none.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../db/client.ts";
import { write } from "../db/client.ts";
import { audit } from "../domain/audit/audit.ts";
import type { Plan } from "../domain/reports/targets.ts";
import { type Viewer, viewerOf } from "../domain/web-access/sessions.ts";
import { sameSecret } from "../domain/web-access/tokens.ts";
import type { I18n } from "../i18n/index.ts";
import { html } from "./html.ts";
import { page, type Texts, textsFor } from "./layout.ts";

export type WebDeps = {
  db: Db;
  i18n: I18n;
  plans: Plan[];
  clock: () => Date;
  publicUrl?: string;
  /** The Telegram bot's username, for the QR codes that open it with a code. */
  telegramUsername?: string;
};

export const SESSION_COOKIE = "tt_web";

export type Visit = { viewer: Viewer; texts: Texts; now: Date };

/** The signed-in viewer, or a redirect to the page that says how to get a link. */
export async function signedIn(deps: WebDeps, request: FastifyRequest, reply: FastifyReply): Promise<Visit | undefined> {
  const now = deps.clock();
  const viewer = await viewerOf(deps.db, request.cookies[SESSION_COOKIE], now);
  if (!viewer) {
    await reply.code(303).redirect("/web/signin");
    return undefined;
  }
  return { viewer, texts: textsFor(deps.i18n, viewer.actor.member.language), now };
}

/** A state-changing request carries the session's anti-forgery token, or is refused with 403. */
export async function forgeryRefused(visit: Visit, token: unknown, reply: FastifyReply): Promise<boolean> {
  if (typeof token === "string" && sameSecret(token, visit.viewer.csrf)) return false;
  await reply.code(403).type("text/html; charset=utf-8").send(problemPage(visit.texts, "forbidden").text);
  return true;
}

/** 404 for what does not exist and for what is not the viewer's: the page never says which. */
export async function notFound(texts: Texts, reply: FastifyReply): Promise<void> {
  await reply.code(404).type("text/html; charset=utf-8").send(problemPage(texts, "not_found").text);
}

export function problemPage(texts: Texts, key: string) {
  return page(
    texts,
    texts.t("title"),
    html`<p class="problem">${texts.t(key)}</p><p><a href="/web">${texts.t("back_home")}</a></p>`,
  );
}

export async function sendPage(reply: FastifyReply, body: { text: string }): Promise<void> {
  await reply.type("text/html; charset=utf-8").header("cache-control", "no-store").send(body.text);
}

/** Who viewed, downloaded or changed what: never a value of money or health. */
export async function audited(deps: WebDeps, visit: Visit, action: string, subject: string): Promise<void> {
  await write(deps.db, (tx) => audit(tx, { actorId: visit.viewer.actor.member.id, action, subject, at: visit.now }));
}
