// A report: a plan's indicators for an area and a period, against their targets, with one row per
// commune or club below the area.
import type { Tx } from "../../db/client.ts";
import { normalize } from "../../engine/match.ts";
import { type ClubFacts, clubFacts } from "./facts.ts";
import { FORMULAS, type Unit } from "./formulas.ts";
import type { Period } from "./period.ts";
import { clubsIn, type Scope } from "./scope.ts";
import { type Indicator, LEVELS, type Level, type Plan, showsAt } from "./targets.ts";

export type Figure = {
  indicator: Indicator;
  unit: Unit;
  /** null: nothing to count (a share of no members). */
  actual: number | null;
  /** null without a target or a figure. */
  met: boolean | null;
  /** How far below the target, as a share of it (0 when met); for "furthest from target". */
  shortfall: number;
};

export type AreaRow = { level: Level; code?: string; name: string; commune?: string; figures: Figure[] };
export type Report = {
  plan: Plan;
  scope: Scope;
  period: Period;
  summary: Figure[];
  /** One table per level below the area: communes, then clubs. */
  levels: Array<{ level: Level; rows: AreaRow[] }>;
};

export async function buildReport(
  tx: Tx,
  input: { plan: Plan; scope: Scope; period: Period; now: Date; progress?: (line: string) => void },
): Promise<Report> {
  const { plan, scope, period, now } = input;
  const places = await clubsIn(tx, scope);
  input.progress?.(`${places.length} clubs`);
  const facts = await clubFacts(tx, places, period, now);
  input.progress?.("facts gathered");
  const below = LEVELS.slice(0, LEVELS.indexOf(scope.level)).reverse();
  const levels = below.map((level) => ({ level, rows: rowsAt(plan, level, facts) }));
  return { plan, scope, period, summary: figures(plan, scope.level, facts), levels };
}

function rowsAt(plan: Plan, level: Level, facts: ClubFacts[]): AreaRow[] {
  if (level === "club") {
    return facts.map((f) => ({ level, code: f.code, name: f.name, commune: f.communeName, figures: figures(plan, level, [f]) }));
  }
  const byCommune = new Map<string, ClubFacts[]>();
  for (const f of facts) byCommune.set(f.communeId, [...(byCommune.get(f.communeId) ?? []), f]);
  return [...byCommune.values()].map((clubs) => ({
    level,
    name: clubs[0]?.communeName ?? "",
    figures: figures(plan, level, clubs),
  }));
}

function figures(plan: Plan, level: Level, clubs: ClubFacts[]): Figure[] {
  return plan.indicators
    .filter((indicator) => showsAt(indicator, level))
    .map((indicator) => {
      const formula = FORMULAS[indicator.formula];
      if (!formula) throw new Error(`unknown formula ${indicator.formula}`); // refused when the plan loads
      const actual = formula.compute(clubs, { threshold: indicator.threshold });
      return { indicator, unit: formula.unit, actual, ...judge(indicator, actual) };
    });
}

/** Met from the target's low end; the shortfall is relative, so percentages and counts compare. */
function judge(indicator: Indicator, actual: number | null): Pick<Figure, "met" | "shortfall"> {
  if (indicator.target === undefined || actual === null) return { met: null, shortfall: 0 };
  const low = Array.isArray(indicator.target) ? indicator.target[0] : indicator.target;
  if (actual >= low) return { met: true, shortfall: 0 };
  return { met: false, shortfall: low === 0 ? 0 : (low - actual) / low };
}

/** The figures with a target: furthest below it first, then those without a figure yet, then those met. */
export function furthestFromTarget(report: Report, count: number): Figure[] {
  const rank = (f: Figure) => (f.met === false ? 2 + f.shortfall : f.met === null ? 1 : 0);
  return report.summary
    .filter((f) => f.indicator.target !== undefined)
    .sort((a, b) => rank(b) - rank(a))
    .slice(0, count);
}

/** The plan a province's reports use: the one naming it, else the national plan. */
export function planFor(plans: Plan[], provinceName: string, fallbackId: string): Plan | undefined {
  return (
    plans.find((p) => p.provinces.some((name) => normalize(name) === normalize(provinceName))) ??
    plans.find((p) => p.id === fallbackId)
  );
}
