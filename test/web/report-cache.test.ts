// The workplace keeps a page's report a minute: built once for the page, its sorting and its download.
import { describe, expect, it } from "vitest";
import type { Report } from "../../src/domain/reports/build.ts";
import { ReportCache } from "../../src/web/report-cache.ts";

describe("report cache", () => {
  it("builds once within a minute, again after it; a failed build is not kept", async () => {
    const cache = new ReportCache();
    let builds = 0;
    const build = async () => {
      builds += 1;
      return { builds } as unknown as Report;
    };
    const at = (s: number) => new Date(Date.UTC(2026, 11, 3, 8, 0, s));
    await cache.get("commune:x:2026-12", at(0), build);
    await cache.get("commune:x:2026-12", at(59), build);
    expect(builds).toBe(1);
    await cache.get("commune:x:2026-11", at(59), build);
    expect(builds).toBe(2);
    await cache.get("commune:x:2026-12", at(61), build);
    expect(builds).toBe(3);
    await expect(cache.get("club:y:2026-12", at(0), () => Promise.reject(new Error("db down")))).rejects.toThrow();
    await cache.get("club:y:2026-12", at(1), build);
    expect(builds).toBe(4);
  });
});
