// A backup taken while repayments stream in through a running server restores to a sound database
// holding every repayment acknowledged before the backup began; restore refuses while a server runs.

import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { integrityProblem } from "../../src/db/backup.ts";
import { openDb } from "../../src/db/client.ts";
import { nightlyBackup } from "../../src/jobs/nightly-backup.ts";
import { cli } from "../support/cli.ts";
import { freshDatabaseUrl, onPostgres } from "../support/db.ts";
import { TMP } from "../support/global-setup.ts";
import { startServer } from "../support/server-process.ts";

describe.skipIf(!onPostgres)("backup on PostgreSQL", () => {
  it("the backup command names pg_dump instead; BACKUP_DIR is refused at startup with the same advice", async () => {
    const url = await freshDatabaseUrl();
    const result = await cli(["backup", "--out", path.join(TMP, "never.db")], { DATABASE_URL: url });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/pg_dump --format=custom/);
    const refused = await cli(["serve"], { DATABASE_URL: url, BACKUP_DIR: TMP });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/BACKUP_DIR: .*pg_dump/);
  });
});

// SQLite's own backup: the file, its online copy and integrity check.
describe.skipIf(onPostgres)("backup and restore", () => {
  it("backs up a live server consistently; restore refuses while it runs, then restores", async () => {
    const url = await freshDatabaseUrl();
    const env = { DATABASE_URL: url };
    const server = await startServer(env); // demo mode: the demo club is seeded
    const db = await openDb(url);
    const treasurer = await db.member.findFirstOrThrow({ where: { fullName: "Phạm Thị Bình" } });
    await db.$disconnect();
    let n = 0;
    const send = async (text: string) => {
      const res = await fetch(`${server.url}/chat/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ user: `member-${treasurer.id}`, messageId: `bk-${++n}`, text }),
      });
      return ((await res.json()) as { replies: Array<{ text: string }> }).replies.map((r) => r.text).join("\n");
    };
    const acknowledged: Array<{ id: number; at: number }> = [];
    let streaming = true;
    const stream = (async () => {
      while (streaming) {
        for (const step of ["0", "ghi so", "1", "hoang thi man", "1", "1", "10k"]) await send(step);
        const id = Number((await send("1")).match(/Số phiếu #(\d+)/)?.[1]);
        if (id) acknowledged.push({ id, at: Date.now() });
      }
    })();
    // Waits on what the stream did, not on time: a loaded machine streams slower.
    const untilAcknowledged = async (count: number) => {
      while (acknowledged.length < count) await new Promise((r) => setTimeout(r, 50));
    };
    await untilAcknowledged(3);
    const out = path.join(TMP, `backup-${Date.now()}.db`);
    const started = Date.now();
    const backup = await cli(["backup", "--out", out], env);
    await untilAcknowledged(acknowledged.length + 1);
    streaming = false;
    await stream;
    expect(backup.stderr).toBe("");
    expect(backup.stdout).toMatch(/^backup written to .* \(\d+ pages, integrity ok\)\n$/);
    expect(integrityProblem(out)).toBeUndefined();
    const before = acknowledged.filter((a) => a.at < started).map((a) => a.id);
    expect(before.length).toBeGreaterThan(2);
    expect(acknowledged.length).toBeGreaterThan(before.length); // the stream went on during the backup

    const refused = await cli(["restore", "--from", out], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^restore: a server \(pid \d+\) is using .*; stop it first\n$/);
    await server.stop();

    expect(await cli(["restore", "--from", out], env)).toMatchObject({ code: 0, stdout: `restored from ${out}\n` });
    expect(integrityProblem(url.slice("file:".length))).toBeUndefined();
    const restored = await openDb(url);
    const ids = (await restored.ledgerEntry.findMany({ where: { kind: "repayment", recordedById: treasurer.id } })).map(
      (e) => e.id,
    );
    for (const id of before) expect(ids).toContain(id);
    await restored.$disconnect();

    // A damaged file is refused with the reason, and nothing is replaced.
    const bad = path.join(TMP, `bad-${Date.now()}.db`);
    writeFileSync(bad, Buffer.alloc(4096, 7));
    const damaged = await cli(["restore", "--from", bad], env);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(/fails integrity_check/);
  }, 120_000);

  it("the nightly backup: once after 02:00 in Vietnam, dated, keeping BACKUP_KEEP days", async () => {
    const url = await freshDatabaseUrl();
    const dir = path.join(TMP, `nightly-${Date.now()}`);
    mkdirSync(dir, { recursive: true });
    for (const day of ["2026-11-01", "2026-11-30"]) writeFileSync(path.join(dir, `tuongtro-${day}.db`), "old");
    const sweep = nightlyBackup(url, dir, 14);
    expect(await sweep(new Date("2026-12-01T01:30:00+07:00"))).toBe(0); // before 02:00
    expect(await sweep(new Date("2026-12-01T02:05:00+07:00"))).toBe(1);
    expect(await sweep(new Date("2026-12-01T09:00:00+07:00"))).toBe(0); // once a day
    expect(readdirSync(dir).sort()).toEqual(["tuongtro-2026-11-30.db", "tuongtro-2026-12-01.db"]);
    expect(integrityProblem(path.join(dir, "tuongtro-2026-12-01.db"))).toBeUndefined();
  });
});
