// The printable invite sheet: each member not yet linked, with a fresh one-time code and its QR code
// (old unused codes stop working when new ones are made, as with `invite-codes`).
import QRCode from "qrcode";
import { startLink } from "../../channels/telegram/start-link.ts";
import type { Db } from "../../db/client.ts";
import type { ClubBots } from "../../domain/bots/club-bots.ts";
import type { IssuedCode } from "../../domain/invites/club-invites.ts";
import type { ClubPage } from "../areas.ts";
import type { Visit } from "../context.ts";
import { type Html, html, trusted } from "../html.ts";

/**
 * A printed code's QR: the Telegram link that opens the bot with it when the bot's name is known,
 * else the code itself (read by a phone's camera and typed in any chat).
 */
export function codeQr(code: string, prefix: string, telegramUsername: string | undefined, width: number): Promise<string> {
  const text = telegramUsername ? startLink(telegramUsername, `${prefix}${code}`) : code;
  return QRCode.toString(text, { type: "svg", margin: 1, width });
}

/** The bots the club's members write to, by name, as a printed sheet says it. */
export function botsLine(t: Visit["texts"]["t"], bots: ClubBots): Html | string {
  const named = (["telegram", "zalo"] as const).flatMap((kind) => {
    const bot = bots[kind];
    if (!bot?.name && !bot?.username) return [];
    return [t(`bot_${kind}`, { name: [bot.name, bot.username ? `@${bot.username}` : ""].filter(Boolean).join(" ") })];
  });
  return named.length === 0 ? "" : html`<p class="bots">${named.join(" · ")}</p>`;
}

export async function invitesBody(
  db: Db,
  visit: Visit,
  club: ClubPage,
  bots: ClubBots,
  issued?: IssuedCode[],
  proxy?: IssuedCode,
): Promise<Html> {
  const { t } = visit.texts;
  if (issued) {
    const qr = await Promise.all(issued.map((c) => codeQr(c.code, "in_", bots.telegram?.username, 120)));
    return html`<p>${t("invites_intro")}</p>
${botsLine(t, bots)}
<p class="noprint"><button class="primary" type="button" data-print>${t("invites_print")}</button></p>
${issued.length === 0 ? html`<p>${t("invites_none")}</p>` : ""}
<div class="scroll"><table id="invites"><thead><tr><th>${t("col.name")}</th><th>${t("col.code")}</th><th>QR</th></tr></thead>
<tbody>${issued.map(
      (c, i) =>
        html`<tr><td style="font-size:24px">${c.fullName}</td><td style="font-size:30px;font-weight:700;letter-spacing:3px">${c.code}</td><td>${trusted(qr[i] ?? "")}</td></tr>`,
    )}</tbody></table></div>`;
  }
  const unlinked = await db.member.count({
    where: { clubId: club.ref.id, status: "active", accounts: { none: { linkedAt: { not: null } } } },
  });
  const members = await db.member.findMany({ where: { clubId: club.ref.id, status: "active" }, orderBy: { fullName: "asc" } });
  return html`<p>${t("invites_intro")}</p>
<p>${t("col.members")}: ${unlinked}</p>
<form class="box" method="post" action="/web/club/${club.ref.id}/invites">
  <input type="hidden" name="_csrf" value="${visit.viewer.csrf}">
  <button class="primary" type="submit">${t("invites_make")}</button>
</form>
<h2>${t("proxy_title")}</h2>
${proxy ? html`<p class="notice" role="status" style="font-size:24px">${t("proxy_made", { name: proxy.fullName, code: proxy.code })}</p>` : ""}
<form class="box" method="post" action="/web/club/${club.ref.id}/proxy-code">
  <input type="hidden" name="_csrf" value="${visit.viewer.csrf}">
  <p>${t("proxy_hint")}</p>
  <p><label>${t("col.member")}<br><select name="member">${members.map((m) => html`<option value="${m.id}">${m.fullName} (${m.birthYear})</option>`)}</select></label></p>
  <button class="primary" type="submit">${t("proxy_make")}</button>
</form>`;
}
