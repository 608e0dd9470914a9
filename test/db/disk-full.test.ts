// SQLite on a disk that fills up (a small tmpfs, mounted by the test as root): webhooks get 503 and
// nothing is half-written; once space is freed the server goes on by itself and every update it
// acknowledged is answered once.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onPostgres } from "../support/db.ts";
import { type FakeBotApi, fakeTelegram } from "../support/fake-bot-api.ts";
import { TEMPLATE_DB } from "../support/global-setup.ts";
import { postJson } from "../support/keepalive.ts";
import { telegramText } from "../support/samples.ts";
import { type ServerProcess, startServer } from "../support/server-process.ts";

const SECRET = "disk-secret";
const mountPoint = mkdtempSync(path.join(tmpdir(), "tuongtro-full-"));
/** Mounting needs root and a kernel that allows it (as on CI's machine); elsewhere the test is skipped. */
function mounted(): boolean {
  if (onPostgres) return false;
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=12m", "tmpfs", mountPoint], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
const canMount = mounted();
const file = path.join(mountPoint, "tuongtro.db");
const filler = path.join(mountPoint, "filler");

let telegram: FakeBotApi;
let server: ServerProcess;
let update = 1;

beforeAll(async () => {
  if (!canMount) return;
  copyFileSync(TEMPLATE_DB, file);
  telegram = fakeTelegram();
  await telegram.start();
  server = await startServer({
    DATABASE_URL: `file:${file}`,
    NODE_ENV: "production",
    TELEGRAM_BOT_TOKEN: "1:disk",
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: telegram.url,
  });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await telegram?.stop();
  if (canMount) execFileSync("umount", ["-l", mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

const post = (chat: number, text: string) =>
  postJson(`${server.url}/webhooks/telegram`, JSON.stringify(telegramText(chat, text, update++)), {
    "x-telegram-bot-api-secret-token": SECRET,
  });

/** Fill what is left of the disk. */
function fillDisk(): void {
  mkdirSync(mountPoint, { recursive: true });
  const chunk = Buffer.alloc(64 * 1024, 1);
  const parts: Buffer[] = [];
  for (let i = 0; i < 12 * 16; i++) parts.push(chunk);
  try {
    writeFileSync(filler, Buffer.concat(parts));
  } catch {
    // ENOSPC: the disk is full, which is what was wanted; what was written stays.
  }
}

describe.skipIf(!canMount)("SQLite on a full disk", () => {
  it("answers 503 while full, nothing half-written; resumes once space is freed", async () => {
    expect((await post(500_001, "menu")).status).toBe(200);
    fillDisk();
    const whileFull: number[] = [];
    // Enough writes that the write-ahead log must grow past what is left.
    for (let i = 0; i < 300; i++) whileFull.push((await post(500_100 + (i % 30), `menu ${"x".repeat(200)}`)).status);
    expect(whileFull.filter((s) => s === 200).length).toBeLessThan(whileFull.length);
    expect(whileFull.filter((s) => s !== 200 && s !== 503)).toEqual([]);

    rmSync(filler);
    const after: number[] = [];
    for (let i = 0; i < 30; i++) after.push((await post(500_200 + i, "menu")).status);
    expect(after).toEqual(Array(30).fill(200));
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

    // Every update answered 200 was committed, and the file is whole.
    await server.stop();
    const check = new Database(file, { readonly: true });
    expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    const acknowledged = 1 + whileFull.filter((s) => s === 200).length + after.length;
    const rows = check.prepare(`SELECT COUNT(*) AS n FROM "ProcessedUpdate"`).get() as { n: number };
    check.close();
    expect(rows.n).toBe(acknowledged);
  }, 120_000);
});
