// Every test/scenarios/*.yaml runs through the web chat channel against a real server.
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/app.ts";
import { readScenario, runScenario } from "./support/scenario.ts";

const dir = path.join(import.meta.dirname, "scenarios");
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml"));

describe("scenarios (web chat)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("has scenarios", () => expect(files.length).toBeGreaterThan(3));

  for (const file of files) {
    it(file, async () => {
      const failures = await runScenario(t, readScenario(path.join(dir, file)));
      expect(failures).toEqual([]);
    });
  }
});
