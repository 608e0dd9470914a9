// The lead (db/leader.ts) on a real PostgreSQL (npm run test:pg): one leader at a time; when the
// leader's connection is cut, it stops leading at once and the lead moves within the retry time.

import { afterEach, describe, expect, it } from "vitest";
import { type Leadership, leadership } from "../../src/db/leader.ts";
import { freshDatabaseUrl, onPostgres } from "../support/db.ts";
import { adminQuery } from "../support/postgres.ts";

let running: Leadership[] = [];
afterEach(async () => {
  await Promise.all(running.map((l) => l.stop()));
  running = [];
});

function candidate(url: string, log: string[], name: string): Leadership {
  const l = leadership(
    url,
    {
      elected: () => log.push(`${name} elected`),
      deposed: () => log.push(`${name} deposed`),
      woken: () => log.push(`${name} woken`),
      error: () => {},
    },
    200,
  );
  running.push(l);
  return l;
}

const until = async (check: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.skipIf(!onPostgres)("the lead", () => {
  it("one leader at a time; a follower's wake-up reaches it; a cut connection moves the lead", async () => {
    const url = await freshDatabaseUrl();
    const log: string[] = [];
    const a = candidate(url, log, "a");
    await until(() => a.isLeader());
    const b = candidate(url, log, "b");
    await new Promise((r) => setTimeout(r, 600)); // b tries three times
    expect(b.isLeader()).toBe(false);

    b.wake();
    await until(() => log.includes("a woken"));

    // The database ends the leader's connection (a network cut, an admin, a failover).
    await adminQuery(
      url,
      `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = 2 AND objid = 1 AND granted`,
    );
    await until(() => log.includes("a deposed"));
    await until(() => a.isLeader() !== b.isLeader(), 3_000);
    expect([a.isLeader(), b.isLeader()].filter(Boolean)).toHaveLength(1);
  }, 30_000);
});
