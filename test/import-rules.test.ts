// The layer table of docs/ARCHITECTURE.md, enforced on every source file; and no import cycles.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importCycles, importGraph, layerTable, layerViolations } from "./support/import-rules.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const table = layerTable(readFileSync(path.join(ROOT, "docs", "ARCHITECTURE.md"), "utf8"));
const graph = importGraph(path.join(ROOT, "src"));

/** Every package a source file imports, with the file. */
function packagesImported(): Array<{ file: string; pkg: string }> {
  return [...graph.keys()].flatMap((file) => {
    const text = readFileSync(path.join(ROOT, "src", file), "utf8");
    return [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["']([^."'][^"']*)["']/g)].map((m) => ({
      file,
      pkg: m[1] as string,
    }));
  });
}

describe("import rules", () => {
  it("reads the table and the source tree", () => {
    expect(table.map((r) => r.from)).toEqual(expect.arrayContaining(["engine/", "domain/", "http/", "cli/", "app.ts"]));
    expect(graph.size).toBeGreaterThan(100);
  });

  it("every source file imports only what its row of the layer table allows", () => {
    expect(layerViolations(graph, table)).toEqual([]);
  });

  it("no source file is in an import cycle", () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it("reports a planted upward import and a planted cycle", () => {
    const fixture = importGraph(path.join(ROOT, "test", "fixtures", "import-rules", "src"));
    expect(layerViolations(fixture, table)).toEqual(["engine/step.ts → db/client.ts"]);
    expect(importCycles(fixture)).toEqual(["db/client.ts → db/pool.ts → db/client.ts"]);
  });

  it("only channels/telegram imports grammy", () => {
    const outside = packagesImported().filter(
      (i) => /^(grammy|@grammyjs\/)/.test(i.pkg) && !i.file.startsWith("channels/telegram/"),
    );
    expect(outside).toEqual([]);
  });

  it("only domain/, runtime/, jobs/ and db/ import Prisma", () => {
    const prisma = packagesImported().filter((i) => i.pkg.startsWith("@prisma/") && !/^(domain|runtime|jobs|db)\//.test(i.file));
    expect(prisma).toEqual([]);
  });

  it("engine/ does no I/O", () => {
    const io = packagesImported().filter(
      (i) => i.file.startsWith("engine/") && /^(node:(fs|net|http|child_process)|fastify|pino|@prisma)/.test(i.pkg),
    );
    expect(io).toEqual([]);
  });
});
