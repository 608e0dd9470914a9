// The period links of an area page (this month, quarter, year) and dates written the Vietnamese way.
import { monthPeriod } from "../../domain/reports/period.ts";
import { vietnamDay } from "../../domain/time/vietnam-time.ts";
import { type Html, html } from "../html.ts";
import type { Texts } from "../layout.ts";

export function periodIds(now: Date): { month: string; quarter: string; year: string } {
  const day = vietnamDay(now);
  return { month: monthPeriod(now, 0).id, quarter: `${day.year}-Q${Math.ceil(day.month / 3)}`, year: String(day.year) };
}

export function periodChoices(texts: Texts, base: string, current: string, now: Date): Html {
  const ids = periodIds(now);
  return html`<nav class="tabs" aria-label="${texts.t("period.label")}">${(["month", "quarter", "year"] as const).map(
    (kind) =>
      html`<a href="${base}?period=${ids[kind]}"${ids[kind] === current ? html` aria-current="page"` : ""}>${texts.t(`period.${kind}`)}</a>`,
  )}</nav>`;
}

/** "03/12/2026", in Vietnam's calendar. */
export function dayText(at: Date): string {
  const d = vietnamDay(at);
  return `${String(d.day).padStart(2, "0")}/${String(d.month).padStart(2, "0")}/${d.year}`;
}
