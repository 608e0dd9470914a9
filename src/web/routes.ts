// The web workplace at /web: sign-in by one-time link, an officer's province and commune, a club's
// report, and the board's and treasurer's club pages (src/web/club-routes.ts). Pages are rendered on
// the server from TypeScript (src/web/html.ts escapes every value): no front-end build and no script
// is needed to read or act, so every page works on a cheap phone and by keyboard.
import { createReadStream } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { type Period, parsePeriod } from "../domain/reports/period.ts";
import { openWebLink } from "../domain/web-access/links.ts";
import { endSession, SESSION_HOURS } from "../domain/web-access/sessions.ts";
import { ROOT } from "../root.ts";
import { type Area, areaFor, homePath, type Level } from "./areas.ts";
import { clubRoutes } from "./club-routes.ts";
import {
  audited,
  forgeryRefused,
  notFound,
  problemPage,
  SESSION_COOKIE,
  sendPage,
  signedIn,
  type Visit,
  type WebDeps,
} from "./context.ts";
import { html } from "./html.ts";
import { clubTabs, page, textsFor } from "./layout.ts";
import { areaBody } from "./pages/area.ts";
import { periodIds } from "./pages/period-choices.ts";
import { tabsFor } from "./pages/tabs.ts";
import { trendsBody } from "./pages/trends.ts";
import { ReportCache } from "./report-cache.ts";

const MAX_UPLOAD = 5 * 1024 * 1024;
const areaParams = z.object({ level: z.enum(["province", "commune", "club"]), id: z.string().min(1).max(64) });
const areaQuery = z.object({ period: z.string().max(10).optional(), sort: z.string().max(20).optional() });

export async function webRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  await app.register(async (web) => {
    await web.register(cookie);
    await web.register(formbody);
    await web.register(multipart, { limits: { fileSize: MAX_UPLOAD, files: 1 } });
    const secure = deps.publicUrl?.startsWith("https:") ?? false;
    const vi = textsFor(deps.i18n, "vi");

    web.get("/web/login/:token", async (request, reply) => {
      const { token } = request.params as { token: string };
      const opened = await openWebLink(deps.db, token, deps.clock());
      if (opened.status !== "opened") {
        const code = opened.status === "gone" ? 410 : 404;
        return reply
          .code(code)
          .type("text/html; charset=utf-8")
          .send(problemPage(vi, opened.status === "gone" ? "link_gone" : "link_unknown").text);
      }
      reply.setCookie(SESSION_COOKIE, opened.session, {
        path: "/web",
        httpOnly: true,
        sameSite: "lax",
        secure,
        maxAge: SESSION_HOURS * 3600,
      });
      return reply.code(303).redirect("/web");
    });

    web.get("/web/signin", async (_request, reply) =>
      sendPage(reply, page(vi, vi.t("signin_title"), html`<p>${vi.t("signin_how")}</p>`)),
    );

    web.get("/web", async (request, reply) => {
      const visit = await signedIn(deps, request, reply);
      if (visit) return reply.code(303).redirect(homePath(visit.viewer));
    });

    web.post("/web/logout", async (request, reply) => {
      const visit = await signedIn(deps, request, reply);
      if (!visit || (await forgeryRefused(visit, (request.body as { _csrf?: unknown })?._csrf, reply))) return;
      await endSession(deps.db, request.cookies[SESSION_COOKIE] ?? "", visit.now);
      reply.clearCookie(SESSION_COOKIE, { path: "/web" });
      return reply.code(303).redirect("/web/signin");
    });

    /** The area of the URL with the period asked for (this month by default), or a 404 already sent. */
    async function areaOf(visit: Visit, request: { params: unknown; query: unknown }, reply: FastifyReply) {
      const params = areaParams.safeParse(request.params);
      const query = areaQuery.safeParse(request.query);
      const area = params.success ? await areaFor(deps.db, visit.viewer, params.data.level as Level, params.data.id) : undefined;
      if (!area || !query.success) {
        await notFound(visit.texts, reply);
        return undefined;
      }
      const period = parsePeriod(query.data.period ?? "") ?? (parsePeriod(periodIds(visit.now).month) as Period);
      return { area, period, sort: query.data.sort ?? "name" };
    }

    const reports = new ReportCache();
    const report = (area: Area, period: Period, now: Date) =>
      reports.get(`${area.level}:${area.id}:${period.id}`, now, async () => {
        const { makeReport } = await import("../domain/reports/make-report.ts");
        return makeReport(deps.db, { plans: deps.plans, scope: area, period, now });
      });

    web.get("/web/:level/:id", async (request, reply) => {
      const visit = await signedIn(deps, request, reply);
      if (!visit) return;
      const found = await areaOf(visit, request, reply);
      if (!found) return;
      const { area, period, sort } = found;
      const made = await report(area, period, visit.now);
      const tabs = area.club ? tabsFor(visit.viewer, area.club) : [];
      const body = await areaBody(deps.db, deps.i18n, visit.texts, {
        area,
        report: made,
        sort,
        now: visit.now,
        tabs: tabs.length > 1 ? clubTabs(visit.texts, area.id, "report", tabs) : undefined,
      });
      return sendPage(reply, page(visit.texts, `${visit.texts.t(`level.${area.level}`)}: ${area.name}`, body, visit.viewer));
    });

    web.get("/web/:level/:id/report.xlsx", async (request, reply) => {
      const visit = await signedIn(deps, request, reply);
      if (!visit) return;
      const found = await areaOf(visit, request, reply);
      if (!found) return;
      const { reportXlsx } = await import("../domain/reports/spreadsheet.ts");
      const bytes = await reportXlsx(deps.i18n, visit.texts.lang, await report(found.area, found.period, visit.now));
      await audited(deps, visit, "web.download_report", `${found.area.level}:${found.area.id}`);
      const filename = `bao-cao-${found.area.level}-${found.period.id}.xlsx`;
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename="${filename}"`)
        .header("cache-control", "no-store")
        .send(bytes);
    });

    web.get("/web/:level/:id/trends", async (request, reply) => {
      const visit = await signedIn(deps, request, reply);
      if (!visit) return;
      const found = await areaOf(visit, request, reply);
      if (!found) return;
      const body = await trendsBody(deps.db, visit.texts, found.area, visit.now);
      const title = `${visit.texts.t("trends")} — ${found.area.name}`;
      return sendPage(reply, page(visit.texts, title, body, visit.viewer));
    });

    // The pages' scripts, from this server (no CDN, no inline script): the chart library the trends
    // page draws with, the trends' drawing, and the print buttons.
    const assets: Record<string, string> = {
      "echarts.min.js": createRequire(import.meta.url).resolve("echarts/dist/echarts.min.js"),
      "trends.js": path.join(ROOT, "src", "web", "assets", "trends.js"),
      "print.js": path.join(ROOT, "src", "web", "assets", "print.js"),
    };
    for (const [name, file] of Object.entries(assets)) {
      web.get(`/web/assets/${name}`, async (_request, reply) =>
        reply.type("text/javascript; charset=utf-8").header("cache-control", "public, max-age=3600").send(createReadStream(file)),
      );
    }

    clubRoutes(web, deps);
  });
}
