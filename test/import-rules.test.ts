// DESIGN.md's import rules, enforced on every source file.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "..", "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [],
  );
}

/** Every module specifier a file imports (static and dynamic). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["']([^"']+)["']/g)].map((m) => m[1] as string);
}

const files = sourceFiles(SRC).map((file) => ({ rel: path.relative(SRC, file), imports: importsOf(file) }));

function resolved(rel: string, spec: string): string {
  return spec.startsWith(".") ? path.relative(SRC, path.resolve(SRC, path.dirname(rel), spec)) : spec;
}

function violations(rule: (rel: string, target: string) => boolean): string[] {
  return files.flatMap(({ rel, imports }) =>
    imports.filter((spec) => rule(rel, resolved(rel, spec))).map((spec) => `${rel} → ${spec}`),
  );
}

describe("import rules", () => {
  it("reads the source tree", () => expect(files.length).toBeGreaterThan(20));

  it("only channels/telegram imports grammy", () => {
    expect(violations((rel, t) => /^(grammy|@grammyjs\/)/.test(t) && !rel.startsWith("channels/telegram/"))).toEqual([]);
  });

  it("only domain/, runtime/, jobs/ and db/ import the Prisma client", () => {
    const prisma = (t: string) => /generated\/prisma|^@prisma\//.test(t);
    expect(violations((rel, t) => prisma(t) && !/^(domain|runtime|jobs|db)\//.test(rel))).toEqual([]);
  });

  it("engine/ imports nothing of ours but its own folder and the shared channel types", () => {
    const ours = (t: string) => !/^(node:|[a-z@])/.test(t) || t.startsWith("..");
    expect(
      violations((rel, t) => rel.startsWith("engine/") && ours(t) && !t.startsWith("engine/") && t !== "channels/types.ts"),
    ).toEqual([]);
    expect(violations((rel, t) => rel.startsWith("engine/") && /^(node:|fastify|pino|@prisma)/.test(t))).toEqual([]);
  });
});
