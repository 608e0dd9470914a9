// Demo data only in demo mode: seeded on an empty database without channel tokens outside production,
// with a code and phones no real club or subscriber can have, a meeting open now, and removable.
import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { openDb } from "../../src/db/client.ts";
import { DEMO_MEMBERS, DEMO_OFFICERS } from "../../src/domain/demo/demo-seed.ts";
import { normalizePhone } from "../../src/domain/members/phone.ts";
import { ROOT } from "../../src/root.ts";
import { chatOf, startTestApp } from "../support/app.ts";
import { cli } from "../support/cli.ts";
import { freshDatabaseUrl } from "../support/db.ts";
import { freePort, startServer } from "../support/server-process.ts";
import { say } from "../support/webchat.ts";

describe("demo mode", () => {
  it("is on without channel tokens outside production, off with a token or in production", () => {
    const base = { DATABASE_URL: "file:./x.db" };
    expect(loadConfig(base).demoMode).toBe(true);
    expect(loadConfig({ ...base, TELEGRAM_BOT_TOKEN: "1:x", TELEGRAM_WEBHOOK_SECRET: "s" }).demoMode).toBe(false);
    expect(loadConfig({ ...base, ZALO_BOT_TOKEN: "z", ZALO_WEBHOOK_SECRET: "secret-zalo" }).demoMode).toBe(false);
    expect(loadConfig({ ...base, NODE_ENV: "production" }).demoMode).toBe(false);
  });

  it("the demo's club code and phones cannot be a real club's or a subscriber's", () => {
    for (const m of [...DEMO_MEMBERS, ...DEMO_OFFICERS]) {
      expect(normalizePhone(m.phone)).toBe(m.phone); // still a number the bot accepts, for the demo
      expect(m.phone).toMatch(/^\+841/); // 01x prefixes were retired in 2018: nobody holds them
    }
  });

  it("serve's first log line names the mode", async () => {
    const env = { ...process.env, DATABASE_URL: await freshDatabaseUrl(), PORT: String(await freePort()), HOST: "127.0.0.1" };
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src", "main.ts"), "serve"], {
      cwd: ROOT,
      env: { ...env, LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    for (const until = Date.now() + 60_000; !out.includes("\n") && Date.now() < until; )
      await new Promise((r) => setTimeout(r, 50));
    child.kill("SIGKILL");
    await once(child, "exit");
    expect(JSON.parse(out.split("\n")[0] ?? "{}")).toMatchObject({ mode: "demo", msg: "demo mode: no channel token" });
  }, 90_000);

  it("serve seeds the demo (with a meeting open now) only in demo mode", async () => {
    const live = await freshDatabaseUrl();
    const withToken = await startServer({
      DATABASE_URL: live,
      TELEGRAM_BOT_TOKEN: "1:x",
      TELEGRAM_WEBHOOK_SECRET: "secret-tg",
      TELEGRAM_API_ROOT: "http://127.0.0.1:9",
    });
    await withToken.stop();
    const liveDb = await openDb(live);
    expect(await liveDb.club.count()).toBe(0);
    expect(await liveDb.member.count()).toBe(0);
    await liveDb.$disconnect();

    const demo = await freshDatabaseUrl();
    const server = await startServer({ DATABASE_URL: demo });
    await server.stop();
    const demoDb = await openDb(demo);
    const club = await demoDb.club.findUniqueOrThrow({ where: { code: "DEMO" } });
    const meeting = await demoDb.meeting.findFirstOrThrow({ where: { clubId: club.id } });
    const minutes = (meeting.startsAt.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(0);
    expect(minutes).toBeLessThan(club.checkInOpensMin);
    await demoDb.$disconnect();
  }, 120_000);

  it("a demo member can check in at once after seed:demo", async () => {
    const t = await startTestApp({ seed: false, realClock: true });
    expect((await cli(["seed-demo"], { DATABASE_URL: t.app.config.databaseUrl })).code).toBe(0);
    const man = await chatOf(t, "Hoàng Thị Mận");
    expect(await say(man, "diem danh")).toMatch(/điểm danh có mặt nhé\?/);
    await t.close();
  });

  it("the demo has a commune officer and a province officer, each with their own area's report", async () => {
    const t = await startTestApp({ realClock: true });
    const demo = await t.app.db.club.findUniqueOrThrow({
      where: { code: "DEMO" },
      include: { commune: { include: { province: true } } },
    });
    expect(await t.app.db.member.count({ where: { clubId: demo.id } })).toBe(13); // the demo club's roll is unchanged
    for (const [name, area] of [
      ["Hà Thị Liên", demo.commune.name],
      ["Lương Văn Quý", demo.commune.province.name],
    ] as const) {
      const officer = await chatOf(t, name);
      expect(await say(officer, "menu")).toMatch(/Báo cáo/);
      expect(await say(officer, "bao cao")).toMatch(/muốn xem báo cáo tháng nào/);
      expect(await say(officer, "1")).toContain(`Đang làm báo cáo tháng`);
      expect((await officer.transcript()).at(-1)?.text).toContain(`của ${area}`);
    }
    await t.close();
  }, 60_000);

  it("demo:remove deletes the demo and everything about its people; a real club stays whole", async () => {
    const t = await startTestApp({ realClock: true });
    const env = { DATABASE_URL: t.app.config.databaseUrl };
    const man = await chatOf(t, "Hoàng Thị Mận");
    for (const text of ["menu", "gặp người", "1", "nho tham", "1", "hom nay", "không", "150/95"]) await say(man, text);
    await cli(["import-roster", path.join(ROOT, "test", "fixtures", "roster", "roster-60.csv")], env);
    await t.close();

    const result = await cli(["demo:remove"], env);
    expect(result).toMatchObject({ code: 0, stdout: "demo removed: 15 members\n" });
    const db = await openDb(env.DATABASE_URL);
    expect(await db.club.findMany({ select: { code: true } })).toEqual([{ code: "LS-HD-02" }]);
    expect(await db.member.count()).toBe(60);
    for (const count of [
      db.channelAccount.count(),
      db.session.count(),
      db.consent.count(),
      db.ledgerEntry.count(),
      db.loan.count(),
      db.visitRequest.count(),
      db.helpRequest.count(),
      db.healthReading.count(),
      db.meeting.count(),
      db.outboxMessage.count(),
    ])
      expect(await count).toBe(0);
    await db.$disconnect();
    expect((await cli(["demo:remove"], env)).stdout).toBe("no demo club in this database\n");
  }, 60_000);
});
