// An area's page (province, commune or club): the plan's indicators for the period against their
// targets, the five furthest first, and the units below in a table that sorts by any column. The
// figures come from the same report code as `report` and the bot.
import type { Db } from "../../db/client.ts";
import { type AreaRow, type Figure, furthestFromTarget, type Report } from "../../domain/reports/build.ts";
import { actualText, FURTHEST_COUNT, indicatorName, targetText, verdictText } from "../../domain/reports/present.ts";
import { clubsIn } from "../../domain/reports/scope.ts";
import { startOfVietnamMonth } from "../../domain/time/vietnam-time.ts";
import type { I18n } from "../../i18n/index.ts";
import type { Area } from "../areas.ts";
import { type Html, html } from "../html.ts";
import type { Texts } from "../layout.ts";
import { dayText, periodChoices } from "./period-choices.ts";

/** The columns of the units table, each an indicator of the plan or the last meeting's date. */
const UNIT_COLUMNS = ["members", "attendance", "last_meeting", "income_fund", "loans_overdue"] as const;
type UnitColumn = (typeof UNIT_COLUMNS)[number] | "name";
const COLUMN_LABEL: Record<UnitColumn, string> = {
  name: "col.name",
  members: "col.members",
  attendance: "col.attendance",
  last_meeting: "col.last_meeting",
  income_fund: "col.fund",
  loans_overdue: "col.overdue",
};

type Unit = { row: AreaRow; href: string; lastMeeting?: Date; missedLastMonth: number };

export async function areaBody(
  db: Db,
  i18n: I18n,
  texts: Texts,
  input: { area: Area; report: Report; sort: string; now: Date; tabs?: Html },
): Promise<Html> {
  const { area, report, now } = input;
  const { t, lang } = texts;
  const furthest = furthestFromTarget(report, FURTHEST_COUNT);
  const base = `/web/${area.level}/${area.id}`;
  const units = await unitsOf(db, area, report, now);
  const sort = (["name", ...UNIT_COLUMNS] as string[]).includes(input.sort) ? (input.sort as UnitColumn) : "name";
  const figure = (row: AreaRow, id: string) => row.figures.find((f) => f.indicator.id === id);
  const value = (u: Unit, column: UnitColumn): number | string => {
    if (column === "name") return u.row.name;
    if (column === "last_meeting") return u.lastMeeting?.getTime() ?? 0;
    return figure(u.row, column)?.actual ?? -1;
  };
  units.sort((a, b) => {
    const x = value(a, sort);
    const y = value(b, sort);
    return typeof x === "string" ? x.localeCompare(String(y), "vi") : (x as number) - (y as number);
  });
  const cell = (f: Figure | undefined) => (f ? actualText(i18n, lang, f) : "");
  return html`
${input.tabs ?? ""}
${periodChoices(texts, base, report.period.id, now)}
<p><a class="button" href="${base}/report.xlsx?period=${report.period.id}" download>${t("download")}</a> <a class="button" href="${base}/trends">${t("trends")}</a></p>
<h2>${t("furthest")}</h2>
<ol class="furthest">${furthest.map(
    (f) =>
      html`<li><span>${indicatorName(lang, f)}</span>: <strong>${actualText(i18n, lang, f)}</strong> (${targetText(i18n, lang, f)}) <span class="${f.met ? "met" : "not-met"}">${verdictText(i18n, lang, f)}</span></li>`,
  )}</ol>
<h2>${t("indicators")}</h2>
<div class="scroll"><table id="indicators">
<thead><tr><th>${t("col.indicator")}</th><th class="n">${t("col.target")}</th><th class="n">${t("col.actual")}</th><th>${t("col.result")}</th></tr></thead>
<tbody>${report.summary.map(
    (f) =>
      html`<tr data-indicator="${f.indicator.id}"><td>${indicatorName(lang, f)}</td><td class="n">${targetText(i18n, lang, f)}</td><td class="n">${actualText(i18n, lang, f)}</td><td class="${f.met === true ? "met" : f.met === false ? "not-met" : ""}">${verdictText(i18n, lang, f)}</td></tr>`,
  )}</tbody></table></div>
${
  units.length === 0
    ? ""
    : html`<h2>${t(`units.${units[0]?.row.level ?? "club"}`)}</h2>
<div class="scroll"><table id="units">
<thead><tr>${(["name", ...UNIT_COLUMNS] as UnitColumn[]).map(
        (c) =>
          html`<th class="${c === "name" ? "" : "n"}"${c === sort ? html` aria-sort="ascending"` : ""}><a href="${base}?period=${report.period.id}&amp;sort=${c}" aria-label="${t("sort_by", { column: t(COLUMN_LABEL[c]) })}">${t(COLUMN_LABEL[c])}</a></th>`,
      )}<th>${t("col.flag")}</th></tr></thead>
<tbody>${units.map(
        (u) =>
          html`<tr><td><a href="${u.href}">${u.row.name}</a></td><td class="n">${cell(figure(u.row, "members"))}</td><td class="n">${cell(figure(u.row, "attendance"))}</td><td class="n">${u.lastMeeting ? dayText(u.lastMeeting) : t("never_met")}</td><td class="n">${cell(figure(u.row, "income_fund"))}</td><td class="n">${cell(figure(u.row, "loans_overdue"))}</td><td class="flag">${u.missedLastMonth > 0 ? (u.row.level === "club" ? t("no_meeting_last_month") : `${t("no_meeting_last_month")}: ${u.missedLastMonth}`) : ""}</td></tr>`,
      )}</tbody></table></div>`
}`;
}

/** The communes or clubs below the area, with each one's last meeting and the clubs that did not meet last month. */
async function unitsOf(db: Db, area: Area, report: Report, now: Date): Promise<Unit[]> {
  const level = report.levels[0];
  if (!level) return [];
  const places = await clubsIn(db, area);
  const held = await db.meeting.groupBy({
    by: ["clubId"],
    where: { clubId: { in: places.map((p) => p.clubId) }, status: { not: "cancelled" }, startsAt: { lte: now } },
    _max: { startsAt: true },
  });
  const last = new Map(held.map((h) => [h.clubId, h._max.startsAt ?? undefined]));
  const thisMonth = startOfVietnamMonth(now);
  const missed = (clubId: string) => {
    const at = last.get(clubId);
    // Not met in the month before this one: its last meeting is older than that month's start.
    const lastMonthStart = startOfVietnamMonth(new Date(thisMonth.getTime() - 86_400_000));
    return !at || at < lastMonthStart ? 1 : 0;
  };
  return level.rows.map((row) => {
    const clubs =
      level.level === "club" ? places.filter((p) => p.code === row.code) : places.filter((p) => p.communeName === row.name);
    const dates = clubs.flatMap((c) => (last.get(c.clubId) ? [last.get(c.clubId) as Date] : []));
    const first = clubs[0];
    return {
      row,
      href: level.level === "club" ? `/web/club/${first?.clubId}` : `/web/commune/${first?.communeId}`,
      lastMeeting: dates.length ? new Date(Math.max(...dates.map((d) => d.getTime()))) : undefined,
      missedLastMonth: clubs.reduce((n, c) => n + missed(c.clubId), 0),
    };
  });
}
