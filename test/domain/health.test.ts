// Health reminders with a fixed clock, misses, consent withdrawal, and blood-pressure readings.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bpLevel, parseBp } from "../../src/domain/health/bp.ts";
import { nextDue } from "../../src/domain/health/schedule.ts";
import { memberId, startTestApp, type TestApp } from "../support/app.ts";
import { say, WebchatUser } from "../support/webchat.ts";

const at = (local: string) => new Date(`${local}+07:00`);

describe("blood-pressure readings", () => {
  it.each([
    ["135/85", { ok: true, systolic: 135, diastolic: 85 }],
    ["135 85", { ok: true, systolic: 135, diastolic: 85 }],
    ["135-85", { ok: true, systolic: 135, diastolic: 85 }],
    [" 120 / 80 ", { ok: true, systolic: 120, diastolic: 80 }],
    ["135", { ok: false, reason: "format" }],
    ["abc", { ok: false, reason: "format" }],
    ["300/80", { ok: false, reason: "range" }],
    ["120/20", { ok: false, reason: "range" }],
    ["80/120", { ok: false, reason: "order" }],
  ])("%s → %j", (text, result) => expect(parseBp(text)).toEqual(result));

  it.each([
    [120, 80, "normal"],
    [139, 89, "normal"],
    [140, 80, "high"],
    [130, 90, "high"],
    [179, 109, "high"],
    [180, 100, "very_high"],
    [150, 110, "very_high"],
  ])("%i/%i → %s", (s, d, level) => expect(bpLevel(s, d)).toBe(level));
});

describe("reminder times", () => {
  it.each([
    ["daily", "07:00", "2026-12-15T06:00", "2026-12-15T07:00"],
    ["daily", "07:00", "2026-12-15T07:00", "2026-12-16T07:00"],
    ["weekdays:1,3,5", "19:30", "2026-12-15T20:00", "2026-12-16T19:30"],
    ["once:2026-12-20", "08:00", "2026-12-15T06:00", "2026-12-20T08:00"],
    ["monthly:01", "08:00", "2026-12-15T06:00", "2027-01-01T08:00"],
    ["yearly:03-31", "08:00", "2026-12-15T06:00", "2027-03-31T08:00"],
  ])("%s at %s after %s → %s", (days, time, after, due) =>
    expect(nextDue(days, time, at(after))?.toISOString()).toBe(at(due).toISOString()),
  );
  it("a past one-off has no next time", () =>
    expect(nextDue("once:2026-12-01", "08:00", at("2026-12-15T06:00"))).toBeUndefined());
});

describe("reminders in the bot", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: at("2026-12-15T06:00") });
  });
  afterAll(() => t.close());
  async function tick(local: string) {
    t.setNow(at(local));
    await t.app.scheduler.flush();
    await t.app.outbox.flush();
  }
  const texts = async (chat: WebchatUser) => (await chat.transcript()).map((m) => m.text);

  it("a daily 7:00 medicine reminder: at 7:00 (not 6:59, not twice); 2 → again at 7:30; 1 → done", async () => {
    const man = new WebchatUser(t.url, `member-${await memberId(t.app, "Hoàng Thị Mận")}`);
    expect(await say(man, "suc khoe")).toMatch(/1\. Đặt lời nhắc/);
    expect(await say(man, "1")).toMatch(/Nhắc việc gì\?/);
    expect(await say(man, "thuoc")).toMatch(/Mấy giờ\?/);
    expect(await say(man, "7h")).toMatch(/Nhắc ngày nào\?/);
    expect(await say(man, "moi ngay")).toMatch(/Ghi chú ngắn/);
    expect(await say(man, "thuốc huyết áp")).toMatch(
      /Đã đặt lời nhắc\. Lần đầu: Thứ Ba, 15\/12\/2026 \(Mùng 7 tháng Mười Một\), 7:00\./,
    );
    const count = async () => (await texts(man)).filter((x) => x.startsWith("Nhắc Bà Mận: thuốc huyết áp lúc 7:00.")).length;

    await tick("2026-12-15T06:59");
    expect(await count()).toBe(0);
    await tick("2026-12-15T07:00");
    expect(await count()).toBe(1);
    expect((await texts(man)).at(-1)).toBe(
      "Nhắc Bà Mận: thuốc huyết áp lúc 7:00.\n\n1. Đã xong\n2. Nhắc lại sau 30 phút\n3. Bỏ qua lần này\n0. Menu chính",
    );
    await tick("2026-12-15T07:00");
    expect(await count()).toBe(1);
    expect(await say(man, "2")).toMatch(/30 phút nữa/);
    await tick("2026-12-15T07:29");
    expect(await count()).toBe(1);
    await tick("2026-12-15T07:30");
    expect(await count()).toBe(2);
    expect(await say(man, "1")).toMatch(/Tốt lắm/);
    const events = await t.app.db.reminderEvent.findMany({ orderBy: { id: "asc" } });
    expect(events.map((e) => e.status)).toEqual(["snoozed", "done"]);
    // Her reminders, one paused: the list marks it.
    await say(man, "suc khoe");
    expect(await say(man, "2")).toBe("Lời nhắc nào?\n\n1. thuốc huyết áp — 7:00\n0. Menu chính");
    expect(await say(man, "1")).toMatch(/^Làm gì với lời nhắc này\?\n\n1\. Tạm dừng/);
    expect(await say(man, "1")).toBe("Dạ, đã làm xong.");
    await say(man, "suc khoe");
    expect(await say(man, "2")).toBe("Lời nhắc nào?\n\n1. thuốc huyết áp — 7:00 (đang tạm dừng)\n0. Menu chính");
  });

  it("missed twice in a row → one alert to the volunteers; none after health consent is withdrawn", async () => {
    const hung = new WebchatUser(t.url, `member-${await memberId(t.app, "Đặng Văn Hùng")}`);
    const mai = new WebchatUser(t.url, `member-${await memberId(t.app, "Nguyễn Thị Mai")}`);
    await mai.send("menu");
    t.setNow(at("2026-12-15T07:40"));
    for (const step of ["suc khoe", "1", "1", "8h", "1", "không"]) await hung.send(step);
    const alerts = async () => (await texts(mai)).filter((x) => x.includes("Đặng Văn Hùng đã hai lần không trả lời")).length;
    await tick("2026-12-15T08:00");
    await tick("2026-12-15T10:00"); // first miss
    expect(await alerts()).toBe(0);
    await tick("2026-12-16T08:00");
    await tick("2026-12-16T10:00"); // second miss in a row
    expect(await alerts()).toBe(1);
    await tick("2026-12-16T10:05");
    expect(await alerts()).toBe(1);

    // Withdraw health consent: no more reminders, no more alerts.
    await say(hung, "dong y cua toi");
    await say(hung, "2");
    expect(await say(hung, "co")).toMatch(/Đã rút lại/);
    const before = (await texts(hung)).length;
    await tick("2026-12-17T08:00");
    await tick("2026-12-17T10:00");
    await tick("2026-12-18T08:00");
    await tick("2026-12-18T10:00");
    expect((await texts(hung)).length).toBe(before);
    expect(await alerts()).toBe(1);
    // Withdrawn: the health entry asks the consent again before anything else.
    expect(await say(hung, "suc khoe")).toMatch(/Để nhắc uống thuốc và ghi huyết áp/);
  });

  it("a very high reading: call 115 now, and the board is alerted; a bad one is explained", async () => {
    t.setNow(at("2026-12-18T09:00"));
    const man = new WebchatUser(t.url, `member-${await memberId(t.app, "Hoàng Thị Mận")}`);
    const hoa = new WebchatUser(t.url, `member-${await memberId(t.app, "Lê Thị Hoa")}`);
    await hoa.send("menu");
    await say(man, "suc khoe");
    expect(await say(man, "3")).toMatch(/ví dụ 135\/85/);
    expect(await say(man, "85/135")).toMatch(/Số trên phải lớn hơn số dưới[\s\S]*ví dụ 135\/85/);
    // Told whom: Hoa of the board has a chat.
    expect(await say(man, "185/112")).toMatch(
      /Đã ghi 185\/112\. Chỉ số rất cao: Bà hãy gọi 115 ngay\. Đã báo [1-9]\d* người trong Ban Chủ nhiệm\./,
    );
    await t.app.scheduler.flush();
    await t.app.outbox.flush();
    expect((await texts(hoa)).at(-1)).toBe(
      "KHẨN: Hoàng Thị Mận (01000000105) vừa ghi huyết áp rất cao (185/112). Đã khuyên gọi 115. Xin gọi ngay.",
    );
    await say(man, "suc khoe");
    expect(await say(man, "4")).toMatch(/Huyết áp gần đây của Bà:\n• 18\/12 .*: 185\/112/);
    expect(t.logs.join("")).not.toMatch(/185\/112|"systolic"|"diastolic"/);
  });

  it("a reading typed anywhere is recorded; another task's words leave the reading question; no consent → how to turn it on", async () => {
    t.setNow(at("2026-12-18T10:00"));
    const man = new WebchatUser(t.url, `member-${await memberId(t.app, "Hoàng Thị Mận")}`);
    const manId = await memberId(t.app, "Hoàng Thị Mận");
    const readings = () => t.app.db.healthReading.count({ where: { memberId: manId } });
    const before = await readings();
    await say(man, "menu");
    const volunteers = await t.app.db.member.count({
      where: {
        clubId: (await t.app.db.member.findUniqueOrThrow({ where: { id: manId } })).clubId,
        roles: { some: { role: "volunteer" } },
        accounts: { some: { linkedAt: { not: null }, blockedAt: null } },
      },
    });
    // Says what really happened: how many volunteers were told, or that none could be.
    expect(await say(man, "150/95")).toMatch(
      volunteers > 0
        ? new RegExp(`^Đã ghi 150/95\\. Chỉ số hơi cao: Bà nên gặp cán bộ y tế\\. Đã báo ${volunteers} tình nguyện viên\\.`)
        : /^Đã ghi 150\/95\. Chỉ số hơi cao: Bà nên gặp cán bộ y tế\. Chưa ai trong Câu lạc bộ nhận tin qua Tương Trợ/,
    );
    expect(await say(man, "huyết áp 128/82")).toMatch(/^Đã ghi 128\/82\. Cảm ơn Bà\./);
    await say(man, "nho tham"); // in the middle of another question
    expect(await say(man, "huyet ap 135 85")).toMatch(/^Đã ghi 135\/85\./);
    expect(await readings()).toBe(before + 3);
    // At the reading question, other words leave it for their task.
    await say(man, "suc khoe");
    expect(await say(man, "3")).toMatch(/ví dụ 135\/85/);
    expect(await say(man, "khoản vay")).toMatch(/^Bà đang vay 3.000.000 đồng/);
    await say(man, "suc khoe");
    await say(man, "3");
    expect(await say(man, "abc")).toMatch(/Chưa hiểu số huyết áp/);
    // Without health consent, nothing is recorded: the consent is asked; once given, the reading typed is kept.
    const binh = new WebchatUser(t.url, `member-${await memberId(t.app, "Phạm Thị Bình")}`);
    const binhId = await memberId(t.app, "Phạm Thị Bình");
    expect(await say(binh, "150/95")).toMatch(/Để nhắc uống thuốc và ghi huyết áp/);
    expect(await t.app.db.healthReading.count({ where: { memberId: binhId } })).toBe(0);
    await say(binh, "co");
    expect(await t.app.db.healthReading.count({ where: { memberId: binhId } })).toBe(1);
  });
});
