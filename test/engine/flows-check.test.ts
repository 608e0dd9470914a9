// flows:check passes on flows/ and fails, naming file and node, on one broken fixture per rule.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { formatProblem } from "../../src/engine/loader.ts";
import { ROOT } from "../../src/root.ts";
import { checkProject } from "../../src/runtime/project-check.ts";
import { TMP } from "../support/global-setup.ts";

const run = promisify(execFile);
const FIXTURES = path.join(ROOT, "test", "fixtures", "flows-check");

/** A project root with the real locales and plans, overlaid by the fixture's own locale files. */
function fixtureRoot(name: string): string {
  const root = mkdtempSync(path.join(TMP, "flows-check-"));
  cpSync(path.join(ROOT, "locales"), path.join(root, "locales"), { recursive: true });
  cpSync(path.join(ROOT, "targets"), path.join(root, "targets"), { recursive: true });
  const overlay = path.join(FIXTURES, name, "locales");
  if (existsSync(overlay)) cpSync(overlay, path.join(root, "locales"), { recursive: true });
  cpSync(path.join(FIXTURES, name, "flows"), path.join(root, "flows"), { recursive: true });
  return root;
}

describe("flows:check", () => {
  it("passes on the project's flows and locales", () => {
    expect(checkProject(ROOT).problems.map(formatProblem)).toEqual([]);
  });

  it.each([
    ["unknown-action", /broken\.yaml:go: unknown action launchRocket/],
    ["missing-key", /broken\.yaml:go: missing i18n key fixture:only_in_vi in en/],
    ["unreachable", /broken\.yaml:island: unreachable from the start node/],
    ["dead-end", /broken\.yaml:go: dead end/],
    ["too-many-choices", /broken\.yaml:pick: menu has 7 choices \(max 6\)/],
    ["long-prompt", /broken\.yaml:pick: prompt fixture:long is \d+ characters in Vietnamese \(max 160\)/],
  ])("names file and node for %s", (name, expected) => {
    const problems = checkProject(fixtureRoot(name)).problems.map(formatProblem);
    expect(problems.join("\n")).toMatch(expected);
  });

  it("the CLI exits 1 with file:node lines, and 0 on the project", async () => {
    const root = fixtureRoot("unknown-action");
    const failed = await run("npx", ["tsx", "src/main.ts", "flows:check", "--flows", path.join(root, "flows")], {
      cwd: ROOT,
    }).catch((e: { code: number; stderr: string }) => e);
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stderr: string }).stderr).toMatch(/flows\/broken\.yaml:go: unknown action launchRocket/);
    const ok = await run("npx", ["tsx", "src/main.ts", "flows:check"], { cwd: ROOT });
    expect(ok.stdout).toMatch(/flows ok/);
  });
});
