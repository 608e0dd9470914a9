// A short run of the long-day soak (bench/soak.ts, 3 minutes, one of two instances killed -9 every
// minute) on PostgreSQL, as part of npm run test:pg: its verdict must be ok (no reply missing,
// doubles within what was in flight at the kills, table sizes levelled off by the pruning).
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../src/root.ts";
import { onPostgres } from "../support/db.ts";

const run = promisify(execFile);

describe.skipIf(!onPostgres)("a 3-minute soak on PostgreSQL with two instances", () => {
  it("ends with verdict ok", async () => {
    const { stdout } = await run(process.execPath, ["--import", "tsx", path.join(ROOT, "bench", "soak.ts")], {
      cwd: ROOT,
      env: { ...process.env, DATABASE: "postgres", MINUTES: "3", KILL_EVERY: "1", KEEP_MINUTES: "1" },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`soak failed:\n${error.stdout ?? ""}\n${error.stderr ?? ""}`);
    });
    console.log(stdout);
    expect(stdout).toMatch(/verdict: ok/);
  }, 600_000);
});
