// Words and numbers of a report in the reader's language: period names, figures, targets, the
// short text the bot sends and the percentage chart.
import { formatMoney } from "../../i18n/format.ts";
import type { I18n } from "../../i18n/index.ts";
import { type Figure, furthestFromTarget, type Report } from "./build.ts";
import { percentBarsPng } from "./charts.ts";
import type { Period } from "./period.ts";

/** How many indicators the bot's text names. */
export const FURTHEST_COUNT = 5;

/** "tháng 11/2026", "quý 4/2026", "6 tháng cuối năm 2026", "năm 2026". */
export function periodLabel(t: (key: string, params: Record<string, unknown>) => string, period: Period): string {
  const key = period.kind === "half" ? `half_${period.number}` : period.kind;
  return t(`report:period.${key}`, { number: period.number, year: period.year });
}

const inLanguage = (i18n: I18n, lang: string) => (key: string, params: Record<string, unknown>) => i18n.t(lang, key, params);

export function indicatorName(lang: string, figure: Figure): string {
  return lang === "en" ? figure.indicator.name_en : figure.indicator.name_vi;
}

export function planName(lang: string, report: Report): string {
  return lang === "en" ? report.plan.name_en : report.plan.name_vi;
}

function amount(i18n: I18n, lang: string, unit: Figure["unit"], value: number): string {
  if (unit === "vnd") return formatMoney(i18n, lang, BigInt(Math.round(value)));
  const rounded = unit === "percent" ? Math.round(value) : value;
  return `${rounded.toLocaleString(lang === "en" ? "en-US" : "vi-VN")}${unit === "percent" ? "%" : ""}`;
}

export function actualText(i18n: I18n, lang: string, figure: Figure): string {
  return figure.actual === null ? i18n.t(lang, "report:no_figure") : amount(i18n, lang, figure.unit, figure.actual);
}

export function targetText(i18n: I18n, lang: string, figure: Figure): string {
  const target = figure.indicator.target;
  if (target === undefined) return "";
  if (!Array.isArray(target)) return i18n.t(lang, "report:at_least", { low: amount(i18n, lang, figure.unit, target) });
  return i18n.t(lang, "report:range", {
    low: amount(i18n, lang, figure.unit, target[0]).replace(/%$/, ""),
    high: amount(i18n, lang, figure.unit, target[1]),
  });
}

export function verdictText(i18n: I18n, lang: string, figure: Figure): string {
  if (figure.met === null) return figure.actual === null ? i18n.t(lang, "report:no_figure") : "";
  return i18n.t(lang, figure.met ? "report:met" : "report:not_met");
}

export function reportPeriodLabel(i18n: I18n, lang: string, report: Report): string {
  return periodLabel(inLanguage(i18n, lang), report.period);
}

/** The bot's text: the area, the period, and the indicators furthest below their targets. */
export function summaryText(i18n: I18n, lang: string, report: Report): string {
  const params = { period: reportPeriodLabel(i18n, lang, report), area: report.scope.name, plan: planName(lang, report) };
  const furthest = furthestFromTarget(report, FURTHEST_COUNT);
  if (furthest.length === 0) return i18n.t(lang, "report:summary_none", params);
  const lines = furthest.map((figure) =>
    i18n.t(lang, figure.actual === null ? "report:line_no_figure" : "report:line", {
      name: indicatorName(lang, figure),
      actual: actualText(i18n, lang, figure),
      target: targetText(i18n, lang, figure),
      verdict: verdictText(i18n, lang, figure),
    }),
  );
  return i18n.t(lang, "report:summary", { ...params, lines: lines.join("\n") });
}

/** The picture: every percentage indicator of the area, each bar against its target. */
export function summaryChart(i18n: I18n, lang: string, report: Report): Buffer {
  const bars = report.summary
    .filter((f) => f.unit === "percent")
    .map((f) => ({
      label: indicatorName(lang, f),
      value: f.actual,
      target: Array.isArray(f.indicator.target) ? f.indicator.target[0] : f.indicator.target,
      met: f.met,
    }));
  return percentBarsPng(
    `${i18n.t(lang, "report:chart_title")} — ${report.scope.name}`,
    reportPeriodLabel(i18n, lang, report),
    bars,
    i18n.t(lang, "report:chart_target"),
  );
}
