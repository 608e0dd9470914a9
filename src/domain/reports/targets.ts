// A plan's targets as data (targets/*.yaml): which indicators it sets, at which level, how each is
// computed (a formula of formulas.ts) and the number or range it aims at. Problems name file and line.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { FORMULAS } from "./formulas.ts";

export const LEVELS = ["club", "commune", "province"] as const;
export type Level = (typeof LEVELS)[number];

const target = z.union([
  z.number().nonnegative(),
  z
    .tuple([z.number().nonnegative(), z.number().nonnegative()])
    .refine(([low, high]) => low <= high, "a range is [low, high] with low ≤ high"),
]);

const indicatorSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9_]+$/, "ids are lower_snake_case"),
  name_vi: z.string().min(1),
  name_en: z.string().min(1),
  /** The smallest area the plan sets it for: a club indicator shows at every level. */
  scope: z.enum(LEVELS),
  formula: z.string(),
  /** At least this; a range [low, high] is met from low (the plan's aim rises to high). */
  target: target.optional(),
  /** VND, for the fund formulas. */
  threshold: z.number().int().positive().optional(),
  /** Drawn as a chart in the spreadsheet. */
  key: z.boolean().default(false),
});

const planSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name_vi: z.string().min(1),
  name_en: z.string().min(1),
  /** Provinces (by name) whose reports in the bot use this plan; the others use the national one. */
  provinces: z.array(z.string()).default([]),
  indicators: z.array(indicatorSchema).min(1),
});

export type Indicator = z.infer<typeof indicatorSchema>;
export type Plan = z.infer<typeof planSchema> & { file: string };
export type PlanProblem = { file: string; line: number; problem: string };

export const TARGETS_DIR = "targets";

/** Read and check one plan file. */
export function loadPlan(file: string): { plan?: Plan; problems: PlanProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(file, "utf8"), { lineCounter: lines });
  const lineOf = (at: ReadonlyArray<PropertyKey>) => {
    const node = doc.getIn(at as Array<string | number>, true) as { range?: [number, number] } | undefined;
    return node?.range ? lines.linePos(node.range[0]).line : 1;
  };
  const name = path.basename(file);
  if (doc.errors.length > 0) {
    return { problems: doc.errors.map((e) => ({ file: name, line: e.linePos?.[0]?.line ?? 1, problem: e.message })) };
  }
  const parsed = planSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => ({
        file: name,
        line: lineOf(issue.path),
        problem: `${issue.path.join(".") || "plan"}: ${issue.message}`,
      })),
    };
  }
  const problems: PlanProblem[] = [];
  const seen = new Set<string>();
  parsed.data.indicators.forEach((indicator, i) => {
    const at = (key: string) => lineOf(["indicators", i, key]);
    const formula = FORMULAS[indicator.formula];
    if (!formula) problems.push({ file: name, line: at("formula"), problem: `unknown formula ${indicator.formula}` });
    for (const param of formula?.needs ?? []) {
      if (indicator[param] === undefined) {
        problems.push({ file: name, line: at("formula"), problem: `formula ${indicator.formula} needs ${param}` });
      }
    }
    if (seen.has(indicator.id)) problems.push({ file: name, line: at("id"), problem: `indicator ${indicator.id} twice` });
    seen.add(indicator.id);
  });
  return problems.length > 0 ? { problems } : { plan: { ...parsed.data, file }, problems };
}

/** Every plan of the folder, checked; the problems of all files together. */
export function loadPlans(dir: string): { plans: Plan[]; problems: PlanProblem[] } {
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const results = files.map((f) => loadPlan(path.join(dir, f)));
  return {
    plans: results.flatMap((r) => (r.plan ? [r.plan] : [])),
    problems: results.flatMap((r) => r.problems),
  };
}

/** An indicator set for `scope` or a smaller area shows in a report of `level`. */
export function showsAt(indicator: Indicator, level: Level): boolean {
  return LEVELS.indexOf(indicator.scope) <= LEVELS.indexOf(level);
}
