// docs/ARCHITECTURE.md names files and folders of the project: each one it names must exist.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const doc = readFileSync(path.join(ROOT, "docs", "ARCHITECTURE.md"), "utf8");

describe("ARCHITECTURE.md", () => {
  it("names only paths that exist", () => {
    const named = [
      ...new Set(
        [...doc.matchAll(/\b((?:src|test|bench|scripts|flows|locales|prisma|docs)\/[\w./-]*\w)/g)].map((m) => m[1] as string),
      ),
    ];
    expect(named.length).toBeGreaterThan(30);
    expect(named.filter((p) => !p.includes("*") && !existsSync(path.join(ROOT, p)))).toEqual([]);
  });
});
