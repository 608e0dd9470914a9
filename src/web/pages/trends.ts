// An area's last 12 months: members, attendance, meetings, loans outstanding and overdue, the income
// fund, visits requested/made/escalated and BP checks, each month counted by the report's own facts
// and formulas. Drawn by ECharts in the browser (served by this server), with the table beside it for
// those who read numbers, or have no script.
import type { Db } from "../../db/client.ts";
import { clubFacts } from "../../domain/reports/facts.ts";
import { FORMULAS } from "../../domain/reports/formulas.ts";
import { monthPeriod } from "../../domain/reports/period.ts";
import { clubsIn } from "../../domain/reports/scope.ts";
import type { Area } from "../areas.ts";
import { type Html, html, trusted } from "../html.ts";
import type { Texts } from "../layout.ts";

const MONTHS = 12;
/** Charts of one or more series each: what an officer follows month to month. */
const CHARTS = [
  ["members"],
  ["attendance_pct"],
  ["meetings_held"],
  ["loans_outstanding", "loans_overdue"],
  ["income_fund"],
  ["visits_requested", "visits_made", "visits_escalated"],
  ["bp_checks"],
] as const;

export async function trendsBody(db: Db, texts: Texts, area: Area, now: Date): Promise<Html> {
  const places = await clubsIn(db, area);
  const months = Array.from({ length: MONTHS }, (_, i) => monthPeriod(now, MONTHS - 1 - i));
  const series = new Map<string, number[]>();
  for (const period of months) {
    const facts = await clubFacts(db, places, period, now);
    for (const id of CHARTS.flat()) {
      const value = FORMULAS[id]?.compute(facts, {}) ?? null;
      series.set(id, [...(series.get(id) ?? []), value === null ? 0 : Math.round(value)]);
    }
  }
  const labels = months.map((p) => `${String(p.number).padStart(2, "0")}/${p.year}`);
  const charts = CHARTS.map((ids) => ({
    title: ids.map((id) => texts.t(`trend.${id}`)).join(" · "),
    series: ids.map((id) => ({ name: texts.t(`trend.${id}`), data: series.get(id) ?? [] })),
  }));
  // JSON inside <script>: "<" escaped so no text can close the tag.
  const data = JSON.stringify({ labels, charts }).replace(/</g, "\\u003c");
  const number = (n: number) => n.toLocaleString(texts.lang === "en" ? "en-US" : "vi-VN");
  return html`
${charts.map((c, i) => html`<h2>${c.title}</h2><div class="chart" id="chart-${i}" style="height:260px" role="img" aria-label="${c.title}"></div>`)}
<h2>${texts.t("trends")}</h2>
<div class="scroll"><table id="trends"><thead><tr><th>${texts.t("month_col")}</th>${CHARTS.flat().map((id) => html`<th class="n">${texts.t(`trend.${id}`)}</th>`)}</tr></thead>
<tbody>${labels.map(
    (label, m) =>
      html`<tr><td>${label}</td>${CHARTS.flat().map((id) => html`<td class="n">${number(series.get(id)?.[m] ?? 0)}</td>`)}</tr>`,
  )}</tbody></table></div>
<script type="application/json" id="trend-data">${trusted(data)}</script>
<script src="/web/assets/echarts.min.js"></script>
<script src="/web/assets/trends.js"></script>`;
}
