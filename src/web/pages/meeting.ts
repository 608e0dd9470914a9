// One meeting for its board: when and where, the check-in code with its QR to print (the bot's
// link when its name is known), and who came, each with how they were checked in.
import type { Db } from "../../db/client.ts";
import type { ClubBots } from "../../domain/bots/club-bots.ts";
import { formatTime } from "../../i18n/format.ts";
import type { ClubPage } from "../areas.ts";
import type { Visit } from "../context.ts";
import { type Html, html, trusted } from "../html.ts";
import { botsLine, codeQr } from "./invites.ts";
import { dayText } from "./period-choices.ts";

export async function meetingBody(
  db: Db,
  visit: Visit,
  club: ClubPage,
  meetingId: string,
  bots: ClubBots,
): Promise<Html | undefined> {
  const { t } = visit.texts;
  const meeting = await db.meeting.findFirst({
    where: { id: meetingId, clubId: club.ref.id },
    include: {
      attendances: { where: { status: "present" }, include: { member: { select: { fullName: true } } }, orderBy: { at: "asc" } },
    },
  });
  if (!meeting) return undefined;
  const telegramUsername = bots.telegram?.username;
  const qr = await codeQr(meeting.code, "ck_", telegramUsername, 320);
  const came = meeting.attendances.map((a) => [a.member.fullName, t(`via.${a.via}`), formatTime(a.at)]);
  return html`<p class="noprint"><a href="/web/club/${club.ref.id}/meetings">${t("meeting_back")}</a></p>
<section id="checkin-sheet">
<h2>${t("meeting_when", { date: dayText(meeting.startsAt), time: formatTime(meeting.startsAt) })}</h2>
<p>${meeting.place}</p>
<p>${t("col.checkin_code")}: <strong style="font-size:40px;letter-spacing:4px">${meeting.code}</strong></p>
<div class="qr">${trusted(qr)}</div>
<p>${t(telegramUsername ? "meeting_qr_bot" : "meeting_qr_code")}</p>
${botsLine(t, bots)}
</section>
<p class="noprint"><button class="primary" type="button" data-print>${t("meeting_print")}</button></p>
<h2 class="noprint">${t("present_count", { count: came.length, proxy: meeting.attendances.filter((a) => a.via === "proxy").length })}</h2>
${
  came.length === 0
    ? html`<p class="noprint">${t("empty")}</p>`
    : html`<div class="scroll noprint"><table id="attendance"><thead><tr><th>${t("col.name")}</th><th>${t("col.via")}</th><th>${t("col.time")}</th></tr></thead>
<tbody>${came.map((r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody></table></div>`
}`;
}
