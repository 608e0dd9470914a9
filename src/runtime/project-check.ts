// Load flows/ and locales/ and run every flows:check rule; used at startup and by `flows:check`.
import path from "node:path";
import { actions } from "../domain/actions/registry.ts";
import { loadPlans, type Plan, TARGETS_DIR } from "../domain/reports/targets.ts";
import { checkFlows } from "../engine/check.ts";
import type { FlowProblem } from "../engine/loader.ts";
import type { FlowSet } from "../engine/types.ts";
import { type I18n, LANGUAGES, loadLocales } from "../i18n/index.ts";
import { loadFlowDir } from "./flow-files.ts";

/** Keys the engine and runtime use outside flows. */
export const ENGINE_KEYS = [
  "common:words.menu",
  "common:words.help",
  "common:words.yes",
  "common:words.no",
  "common:words.answers",
  ...["thanks", "greeting", "plea"].flatMap((k) => [`common:words.${k}`, `common:kind.${k}`]),
  "common:choice.yes",
  "common:choice.no",
  ...["choice", "yesno", "text", "number", "amount", "code", "date", "time"].map((t) => `common:hint.${t}`),
  ...["empty", "not_a_number", "too_small", "too_large"].map((r) => `common:amount.${r}`),
  "common:offer_person",
  "common:stale_menu",
  "common:unsupported",
  "common:error",
  "common:home_label",
  "common:share_phone",
  "common:group_only",
  "common:consent_needed",
  "common:more",
  "common:format.thousands",
  "common:format.money",
  "common:format.date",
  "common:format.when",
  "common:format.day",
  ...[0, 1, 2, 3, 4, 5, 6].map((d) => `common:weekday.${d}`),
  "common:lunar.format",
  "common:lunar.leap",
  ...["full", "early", "other"].map((d) => `common:lunar.day.${d}`),
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => `common:lunar.month.${m}`),
  ...["ba", "ong", "bac", "co", "chu", "chi", "anh"].flatMap((f) =>
    ["you", "You", "named"].map((k) => `common:address.${f}.${k}`),
  ),
  "common:address.guest.you",
  "common:address.guest.You",
  "meetings:reminder",
  "meetings:board_reminder",
  "meetings:ask_activities",
  ...["poor", "near_poor", "hardship"].map((h) => `settings:hardship.${h}`),
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `meeting_activities:activity.${n}`),
  ...["summary", "summary_none", "line", "line_no_figure", "met", "not_met", "no_figure", "at_least", "range"].map(
    (k) => `report:${k}`,
  ),
  ...["file_caption", "file_link", "monthly_intro", "heading", "subheading", "chart_title", "chart_target"].map(
    (k) => `report:${k}`,
  ),
  ...["month", "quarter", "half_1", "half_2", "year"].map((k) => `report:period.${k}`),
  ...["count", "percent", "vnd"].map((k) => `report:unit.${k}`),
  ...["summary", "commune", "club", "charts"].map((k) => `report:sheet.${k}`),
  ...["indicator", "unit", "target", "target_high", "actual", "result", "code", "club", "commune"].map(
    (k) => `report:column.${k}`,
  ),
  "ledger:receipt",
  "ledger:receipt_repayment",
  "ledger:repayment_of",
  "ledger:fund.dues",
  "ledger:fund.income",
  "ledger:fund.activity",
  "visits:notice_new",
  "visits:notice_released",
  "visits:notice_claimed",
  "visits:notice_cancelled",
  "visits:alert_attention",
  "visits:alert_urgent",
  "visits:remind_volunteers",
  "visits:alert_unclaimed",
  "visits:member_waiting_1",
  "visits:member_waiting_2",
  "visits:this_week_in_text",
  "health:reminder",
  "health:missed_alert",
  "health:bp_alert_volunteer",
  "health:bp_alert_board",
  ...["medicine", "bp", "clinic", "insurance"].map((k) => `health:kind.${k}`),
  ...["done", "snooze", "skip"].map((a) => `health:answer.${a}`),
  ...["shopping", "clinic", "company", "housework", "health_worry"].map((n) => `visits:need.${n}`),
  ...["requested", "claimed", "done", "cancelled"].map((s) => `visits:status.${s}`),
];

export type ProjectCheck = { flows: FlowSet; i18n: I18n; plans: Plan[]; problems: FlowProblem[] };

/** Flows, locales and the plans' targets, checked together: at startup and by `flows:check`. */
export function checkProject(
  root: string,
  dirs: { flows: string; locales: string; targets?: string } = { flows: "flows", locales: "locales" },
): ProjectCheck {
  const loaded = loadFlowDir(path.resolve(root, dirs.flows));
  const i18n = loadLocales(path.resolve(root, dirs.locales));
  const targets = loadPlans(path.resolve(root, dirs.targets ?? TARGETS_DIR));
  const problems = [
    ...loaded.problems,
    ...checkFlows({
      flows: loaded.flows,
      files: loaded.files,
      actions: new Set(Object.keys(actions)),
      locales: new Map(LANGUAGES.map((lang) => [lang, i18n.keys(lang)])),
      engineKeys: ENGINE_KEYS,
    }),
    ...targets.problems.map((p) => ({ file: `${dirs.targets ?? TARGETS_DIR}/${p.file}:${p.line}`, problem: p.problem })),
  ];
  return { flows: loaded.flows, i18n, plans: targets.plans, problems };
}
