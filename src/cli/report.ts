// `report`: a plan's indicators for a club, commune or province and a period, as .xlsx or .csv.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parsePeriod } from "../domain/reports/period.ts";
import { resolveScope } from "../domain/reports/scope.ts";
import { loadPlan, loadPlans, type Plan, TARGETS_DIR } from "../domain/reports/targets.ts";
import { loadLocales } from "../i18n/index.ts";
import { ROOT } from "../root.ts";
import type { Command } from "./command.ts";
import { option, requiredOptions, withDb } from "./support.ts";

const SCOPE_PROBLEMS = {
  bad_form: "is not club:<code>, commune:<name or id> or province:<name or id>",
  not_found: "names no club, commune or province in the database",
  ambiguous: "names communes in several provinces: write commune:<province>/<commune>",
};

export const reportCommand: Command = {
  summary: "indicators against a plan's targets for a club, commune or province, as .xlsx or .csv",
  usage:
    "report --scope club:<code>|commune:<name>|province:<name> --period YYYY-MM|YYYY-Qn|YYYY-Hn|YYYY [--plan targets/<file>.yaml] [--lang vi|en] --out <file.xlsx|file.csv>",
  run: async (args) => {
    const [scopeText, periodText, out] = requiredOptions(
      args,
      "report",
      ["--scope", "scope"],
      ["--period", "period"],
      ["--out", "file.xlsx|file.csv"],
    );
    const format = path.extname(out).toLowerCase().slice(1);
    if (format !== "xlsx" && format !== "csv") throw new Error(`report: --out must end in .xlsx or .csv, not "${out}"`);
    // Loaded here: the spreadsheet and chart modules stay out of the other commands and the server.
    const { makeReport, reportFile } = await import("../domain/reports/make-report.ts");
    const period = parsePeriod(periodText);
    if (!period) throw new Error(`report: --period "${periodText}" is not YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY`);
    const lang = option(args, "--lang") ?? "vi";
    // Only what a report needs (not the flows): its memory stays low on a large province.
    const i18n = loadLocales(path.join(ROOT, "locales"));
    const plans = loadPlans(path.join(ROOT, TARGETS_DIR));
    if (plans.problems.length > 0)
      throw new Error(plans.problems.map((p) => `report: ${p.file}:${p.line}: ${p.problem}`).join("\n"));
    const plan = readPlan(option(args, "--plan"));
    return withDb(async (db) => {
      const scope = await resolveScope(db, scopeText);
      if (typeof scope === "string") throw new Error(`report: --scope "${scopeText}" ${SCOPE_PROBLEMS[scope]}`);
      const started = Date.now();
      const progress = (line: string) =>
        process.stderr.write(
          `report: ${line} (${((Date.now() - started) / 1000).toFixed(1)} s, ${Math.round(process.memoryUsage().rss / 1_048_576)} MB)\n`,
        );
      const report = await makeReport(db, { plans: plans.plans, plan, scope, period, now: new Date(), progress });
      progress("writing");
      await writeFile(out, await reportFile(i18n, lang, report, format));
      process.stdout.write(`${out}: ${report.plan.id}, ${scope.level} ${scope.name}, ${period.id}\n`);
      return 0;
    });
  },
};

function readPlan(file: string | undefined): Plan | undefined {
  if (!file) return undefined;
  const { plan, problems } = loadPlan(path.resolve(file));
  if (!plan) throw new Error(problems.map((p) => `report: ${p.file}:${p.line}: ${p.problem}`).join("\n"));
  return plan;
}
