// Check-in paths that scenarios can't show alone: deep links, relatives, two volunteers at once,
// wrong-code limits, the board's CSV and QR code, and meeting jobs.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { write } from "../../src/db/client.ts";
import { recordConsent } from "../../src/domain/consent/consent.ts";
import { issueInviteCode } from "../../src/domain/invites/invite-codes.ts";
import { deliver, memberId, startTestApp, type TestApp } from "../support/app.ts";
import { cli } from "../support/cli.ts";
import { type FakeBotApi, fakeTelegram } from "../support/fake-bot-api.ts";
import { TMP } from "../support/global-setup.ts";
import { demoContact, sample } from "../support/samples.ts";
import { lastText, say, WebchatUser } from "../support/webchat.ts";

let t: TestApp;
let api: FakeBotApi;
const NOW = new Date("2026-12-15T01:05:00Z"); // 8:05 in Vietnam
let meetingId = "";

beforeAll(async () => {
  api = fakeTelegram();
  await api.start();
  t = await startTestApp({
    now: NOW,
    env: { TELEGRAM_BOT_TOKEN: "1:x", TELEGRAM_WEBHOOK_SECRET: "sec", TELEGRAM_API_ROOT: api.url },
  });
  const club = await t.app.db.club.findUniqueOrThrow({ where: { code: "DEMO" } });
  // The demo's chat members answer their consents in the chat; these paths assume they did.
  for (const name of ["Trần Thị Lan", "Bùi Thị Thu"]) {
    const id = await memberId(t.app, name);
    await write(t.app.db, (tx) => recordConsent(tx, { memberId: id, purpose: "membership", given: true, via: "chat", at: NOW }));
  }
  const meeting = await write(t.app.db, (tx) =>
    tx.meeting.create({
      data: { clubId: club.id, startsAt: new Date("2026-12-15T01:00:00Z"), place: "Nhà văn hóa", code: "M7Q4XK" },
    }),
  );
  meetingId = meeting.id;
});
afterAll(async () => {
  await t.close();
  await api.stop();
});

describe("check-in paths", () => {
  it("Telegram deep link start_payload.json (/start ck_M7Q4XK) checks the member in", async () => {
    // Link the sample's Telegram user to Trần Thị Lan first (phone share), skipping the consent questions.
    await fetch(`${t.url}/webhooks/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "sec" },
      body: JSON.stringify(demoContact()),
    });
    const post = (u: unknown) =>
      fetch(`${t.url}/webhooks/telegram`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "sec" },
        body: JSON.stringify(u),
      });
    expect((await post(sample("telegram", "start_payload"))).status).toBe(200);
    await api.waitFor(() => api.of("sendMessage", 5123456789).some((c) => String(c.body.text).includes("đã điểm danh lúc 8:05")));
    const lan = await memberId(t.app, "Trần Thị Lan");
    const row = await t.app.db.attendance.findUniqueOrThrow({ where: { meetingId_memberId: { meetingId, memberId: lan } } });
    expect(row).toMatchObject({ via: "link", status: "present" });
  });

  it("a relative linked as proxy checks the member in; it is audited", async () => {
    const hang = await memberId(t.app, "Ngô Thị Hằng");
    const code = await write(t.app.db, (tx) => issueInviteCode(tx, hang, NOW, { kind: "proxy" }));
    const relative = new WebchatUser(t.url, "guest-son");
    expect(await say(relative, code)).toMatch(/giúp người thân[\s\S]*1\. Điểm danh cho người thân/);
    expect(await say(relative, "1")).toMatch(/điểm danh cho ai\?[\s\S]*1\. Ngô Thị Hằng/);
    expect(await say(relative, "1")).toMatch(/Đã điểm danh cho Ngô Thị Hằng lúc 8:05/);
    const row = await t.app.db.attendance.findUniqueOrThrow({ where: { meetingId_memberId: { meetingId, memberId: hang } } });
    expect(row.via).toBe("proxy");
    expect(await t.app.db.auditLog.count({ where: { action: "attendance.proxy", onBehalfOfId: hang } })).toBe(1);
  });

  it("two volunteers checking in the same member at the same moment → one row; both told the truth", async () => {
    const mai = new WebchatUser(t.url, `member-${await memberId(t.app, "Nguyễn Thị Mai")}`);
    const minh = new WebchatUser(t.url, `member-${await memberId(t.app, "Lý Văn Minh")}`);
    for (const v of [mai, minh]) {
      await say(v, "diem danh giup");
      await say(v, "1");
      expect(await say(v, "bui thi thu")).toMatch(/1\. Bùi Thị Thu/);
    }
    const [a, b] = await Promise.all([say(mai, "1"), say(minh, "1")]);
    const thu = await memberId(t.app, "Bùi Thị Thu");
    expect(await t.app.db.attendance.count({ where: { meetingId, memberId: thu } })).toBe(1);
    const answers = [a, b].sort();
    expect(answers[0]).toMatch(/^Bùi Thị Thu đã được điểm danh rồi, lúc 8:05/);
    expect(answers[1]).toMatch(/^Đã điểm danh cho Bùi Thị Thu lúc 8:05/);
  });

  it("«Điểm danh giúp» offers only members without a chat of their own, never the helper", async () => {
    const mai = new WebchatUser(t.url, `member-${await memberId(t.app, "Nguyễn Thị Mai")}`);
    await say(mai, "diem danh giup");
    await say(mai, "1");
    // Trần Thị Lan is in Telegram since the first test: she checks in herself.
    expect(await say(mai, "tran thi lan")).toMatch(/Không thấy ai tên như vậy/);
    expect(await say(mai, "nguyen thi mai")).toMatch(/Không thấy ai tên như vậy/);
    expect(await say(mai, "ngo")).toMatch(/1\. Ngô Thị Hằng \(1949\)\n2\. Ngô Văn Dũng \(1947\)/);
    await say(mai, "0");
  });

  it("a wrong code gets a hint; after 5 wrong codes in an hour, even the right one is refused", async () => {
    const hung = new WebchatUser(t.url, `member-${await memberId(t.app, "Đặng Văn Hùng")}`);
    for (const code of ["AB2CD", "EF3GH", "JK4MN", "PQ5RS", "TU6VW"]) expect(await say(hung, code)).toMatch(/Mã này chưa đúng/);
    expect(await say(hung, "M7Q4XK")).toMatch(/nhập sai nhiều lần/);
    t.setNow(new Date(NOW.getTime() + 61 * 60_000));
    expect(await say(hung, "M7Q4XK")).toMatch(/Ông đã điểm danh lúc 9:06/);
    t.setNow(NOW);
  });
});

describe("board tools", () => {
  it("sees the live count and who is missing", async () => {
    const board = new WebchatUser(t.url, `member-${await memberId(t.app, "Lê Thị Hoa")}`);
    expect(await say(board, "xem diem danh")).toMatch(/4\/13 có mặt\.\nChưa có mặt: .*Hoàng Thị Mận/);
  });

  it("exports attendance as CSV and prints a QR code PNG of the deep link", async () => {
    const env = { DATABASE_URL: t.app.config.databaseUrl };
    const out = path.join(TMP, "attendance.csv");
    const csv = await cli(["attendance", "--meeting", meetingId, "--out", out], env);
    expect(csv).toMatchObject({ code: 0, stdout: `13 members written to ${out}\n` });
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines[0]).toBe("member_id,full_name,birth_year,status,via,at");
    expect(lines.filter((l) => l.includes(",present,"))).toHaveLength(4);
    const png = path.join(TMP, "meeting.png");
    const qr = await cli(["meeting-qr", "--meeting", meetingId, "--bot", "@tuongtro_bot", "--out", png], env);
    expect(qr.stdout).toBe("https://t.me/tuongtro_bot?start=ck_M7Q4XK\n");
    expect(readFileSync(png).subarray(1, 4).toString()).toBe("PNG");
    expect((await cli(["attendance", "--meeting", "nope", "--out", out], env)).stderr).toBe("no meeting nope\n");
  });

  it("a meeting made for later today is announced as today, at once; one made at dawn for the afternoon, at 7:00", async () => {
    const board = new WebchatUser(t.url, `member-${await memberId(t.app, "Nguyễn Văn Tâm")}`);
    const man = new WebchatUser(t.url, `member-${await memberId(t.app, "Hoàng Thị Mận")}`);
    await say(man, "menu");
    await t.at(new Date("2026-12-01T20:56:00+07:00"), async () => {
      for (const step of ["tao buoi hop", "hom nay", "21h10"]) await say(board, step);
      expect(await say(board, "1")).toMatch(/Đã tạo buổi sinh hoạt Thứ Ba, 01\/12\/2026/);
      await deliver(t.app);
    });
    expect(await lastText(man)).toMatch(/^Nhắc Bà Mận: hôm nay họp Câu lạc bộ, Thứ Ba, 01\/12\/2026 .*21:10/);
    const dawn = new Date("2026-12-02T05:00:00+07:00");
    const meeting = await t.at(dawn, async () => {
      for (const step of ["tao buoi hop", "hom nay", "15h"]) await say(board, step);
      await say(board, "1");
      return t.app.db.meeting.findFirstOrThrow({ where: { startsAt: new Date("2026-12-02T15:00:00+07:00") } });
    });
    const job = await t.app.db.job.findFirstOrThrow({ where: { dedupeKey: `meeting.remind_members:${meeting.id}` } });
    expect(job.runAt.toISOString()).toBe(new Date("2026-12-02T07:00:00+07:00").toISOString());
    await t.at(job.runAt, () => deliver(t.app));
    expect(await lastText(man)).toMatch(/^Nhắc Bà Mận: hôm nay họp Câu lạc bộ, Thứ Tư, 02\/12\/2026/);
  });

  it("a time already past is refused right after the time, before the place is asked", async () => {
    const board = new WebchatUser(t.url, `member-${await memberId(t.app, "Nguyễn Văn Tâm")}`);
    await t.at(new Date("2026-12-15T15:00:00+07:00"), async () => {
      // What falls due at this hour (a meeting's questions to the board) goes first, not between the replies.
      await deliver(t.app);
      await say(board, "tao buoi hop");
      await say(board, "hom nay");
      const reply = await say(board, "7h");
      expect(reply).toMatch(/^Ngày giờ này đã qua\. Xin chọn lại\./);
      expect(reply).not.toMatch(/Ở đâu/);
    });
  });

  it("creates a meeting by date words; the reminder job lands the evening before, outside quiet hours", async () => {
    const board = new WebchatUser(t.url, `member-${await memberId(t.app, "Nguyễn Văn Tâm")}`);
    await say(board, "tao buoi hop");
    expect(await say(board, "rằm")).toMatch(/Mấy giờ/); // the next full moon: 23/12/2026
    expect(await say(board, "7h30")).toMatch(/Ở đâu\?[\s\S]*1\. Nhà văn hóa\n2\. Nơi khác/);
    const created = await say(board, "1");
    expect(created).toMatch(
      /Đã tạo buổi sinh hoạt Thứ Tư, 23\/12\/2026 \(Rằm tháng Mười Một\), 7:30 tại Nhà văn hóa\. Mã điểm danh: [A-Z2-9]{5}/,
    );
    const meeting = await t.app.db.meeting.findFirstOrThrow({
      where: { place: "Nhà văn hóa", startsAt: new Date("2026-12-23T00:30:00Z") },
    });
    const jobs = await t.app.db.job.findMany({ where: { dedupeKey: { contains: meeting.id } }, orderBy: { runAt: "asc" } });
    expect(jobs.map((j) => [j.kind, j.runAt.toISOString()])).toEqual([
      ["meeting.remind_members", "2026-12-22T11:00:00.000Z"], // 18:00 the evening before
      ["meeting.remind_board", "2026-12-23T00:30:00.000Z"],
      ["meeting.ask_activities", "2026-12-23T02:30:00.000Z"], // two hours in: which of the 8 activities
    ]);
  });
});
