// One report from the operator's words: scope, period and plan resolved, then built and written
// as .xlsx or .csv. Shared by the CLI and the bot's delivery job.
import type { Db } from "../../db/client.ts";
import type { I18n } from "../../i18n/index.ts";
import { buildReport, planFor, type Report } from "./build.ts";
import type { Period } from "./period.ts";
import type { Scope } from "./scope.ts";
import { reportCsv, reportXlsx } from "./spreadsheet.ts";
import type { Plan } from "./targets.ts";

/** The plan a report uses when none is named: its province's, else the national one. */
export const NATIONAL_PLAN = "national-1648";

export async function makeReport(
  db: Db,
  input: { plans: Plan[]; plan?: Plan; scope: Scope; period: Period; now: Date; progress?: (line: string) => void },
): Promise<Report> {
  const plan = input.plan ?? planFor(input.plans, input.scope.provinceName, NATIONAL_PLAN);
  if (!plan) throw new Error(`no plan for ${input.scope.provinceName} and no ${NATIONAL_PLAN} plan`);
  return buildReport(db, { ...input, plan });
}

export async function reportFile(i18n: I18n, lang: string, report: Report, format: "xlsx" | "csv"): Promise<Buffer> {
  return format === "xlsx" ? reportXlsx(i18n, lang, report) : Buffer.from(reportCsv(i18n, lang, report), "utf8");
}
