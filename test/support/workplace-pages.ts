// The web workplace as a signed-in person sees it: a cookie from a one-time link, pages by path,
// the invite sheet a board prints, and what the QR codes on a page say, read from their pixels.
import { createRequire } from "node:module";
import { Resvg } from "@resvg/resvg-js";
import type ReadQr from "jsqr";
import { write } from "../../src/db/client.ts";
import { issueWebLink } from "../../src/domain/web-access/links.ts";
import type { TestApp } from "./app.ts";

// jsqr is CommonJS: its module is the function.
const jsQR: typeof ReadQr.default = createRequire(import.meta.url)("jsqr");

/** A signed-in member's cookie (board, treasurer, officer), through a one-time link as the bot sends. */
export async function signedInCookie(t: TestApp, memberId: string): Promise<string> {
  const token = await write(t.app.db, (tx) => issueWebLink(tx, memberId, t.now()));
  const res = await fetch(`${t.url}/web/login/${token}`, { redirect: "manual" });
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

export async function page(t: TestApp, cookie: string, path: string, form?: Record<string, string>): Promise<Response> {
  return fetch(`${t.url}${path}`, {
    method: form ? "POST" : "GET",
    headers: { cookie, ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
}

/** The printable invite sheet of a club: fresh codes made with the page's own form. */
export async function inviteSheetPage(t: TestApp, cookie: string, clubId: string): Promise<string> {
  const form = (await (await page(t, cookie, `/web/club/${clubId}/invites`)).text()).match(/name="_csrf" value="([^"]+)"/);
  return (await page(t, cookie, `/web/club/${clubId}/invites`, { _csrf: form?.[1] ?? "" })).text();
}

/** What each QR code drawn on the page says, read from its pixels. */
export function qrTexts(body: string): string[] {
  return [...body.matchAll(/<svg[\s\S]*?<\/svg>/g)].map(([svg]) => {
    const image = new Resvg(svg, { fitTo: { mode: "width", value: 400 }, background: "white" }).render();
    const read = jsQR(new Uint8ClampedArray(image.pixels), image.width, image.height);
    if (!read) throw new Error("a QR code on the page could not be read");
    return read.data;
  });
}
