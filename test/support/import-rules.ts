// Reads the layer table of docs/ARCHITECTURE.md and checks a source tree's imports against it: each
// file may import its own folder and what its row lists. Kept apart from the test so that the test can
// also run it on a fixture with a planted upward import and see it fail.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** A row of the table: a folder (`engine/`) or a file (`app.ts`) of src/, and what it may import. */
export type LayerRule = { from: string; allowed: string[] };

/** The rows of the table under the "## Layers" heading: first cell the place, last cell what it may import. */
export function layerTable(markdown: string): LayerRule[] {
  const section = markdown.split(/^## Layers$/m)[1]?.split(/^## /m)[0] ?? "";
  return section
    .split("\n")
    .filter((line) => /^\| `src\//.test(line))
    .map((line) => {
      const cells = line.split("|").map((c) => c.trim());
      const from = (cells[1]?.match(/`src\/([^`]*)`/)?.[1] ?? "") as string;
      const last = cells[cells.length - 2] ?? "";
      return { from, allowed: [...last.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string) };
    });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [],
  );
}

/** Every relative module a file imports (static, dynamic, type-only and re-exports). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["'](\.[^"']*)["']/g)].map((m) => m[1] as string);
}

/** Where a path sits in the table: `generated/` outside src/, else the path inside src/. */
function place(srcDir: string, absolute: string): string {
  const inside = path.relative(srcDir, absolute);
  return inside.startsWith("..") ? `generated/${path.relative(path.join(srcDir, "..", "generated"), absolute)}` : inside;
}

const covers = (entry: string, target: string) => (entry.endsWith("/") ? target.startsWith(entry) : target === entry);

/** The row for a file: the longest place that covers it. */
function ruleFor(table: LayerRule[], file: string): LayerRule | undefined {
  return table.filter((r) => covers(r.from, file)).sort((a, b) => b.from.length - a.from.length)[0];
}

export type ImportGraph = Map<string, string[]>;

export function importGraph(srcDir: string): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of sourceFiles(srcDir)) {
    const targets = importsOf(file).map((spec) => place(srcDir, path.resolve(path.dirname(file), spec)));
    graph.set(place(srcDir, file), targets);
  }
  return graph;
}

/** Files no row covers, and each import a file's row does not allow, as "file → target". */
export function layerViolations(graph: ImportGraph, table: LayerRule[]): string[] {
  const found: string[] = [];
  for (const [file, targets] of graph) {
    const rule = ruleFor(table, file);
    if (!rule) {
      found.push(`${file}: no row of the layer table`);
      continue;
    }
    const home = rule.from.endsWith("/") ? rule.from : "";
    for (const target of targets) {
      const ok = (home && target.startsWith(home)) || rule.allowed.some((a) => a === "*" || covers(a, target));
      if (!ok) found.push(`${file} → ${target}`);
    }
  }
  return found;
}

/** Each import cycle once, as "a → b → a" (depth-first, from each file in name order). */
export function importCycles(graph: ImportGraph): string[] {
  const cycles = new Set<string>();
  const state = new Map<string, "open" | "done">();
  const visit = (file: string, trail: string[]) => {
    state.set(file, "open");
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === "open") {
        const loop = trail.slice(trail.indexOf(next));
        const start = loop.indexOf([...loop].sort()[0] as string);
        const turned = [...loop.slice(start), ...loop.slice(0, start)];
        cycles.add([...turned, turned[0]].join(" → "));
      } else if (!state.has(next)) visit(next, [...trail, next]);
    }
    state.set(file, "done");
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file, [file]);
  return [...cycles];
}
