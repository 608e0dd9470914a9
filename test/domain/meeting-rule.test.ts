// The monthly meeting: rules as boards say them (rằm, Chủ nhật đầu tháng, ngày 10), set in the bot,
// and the next meeting created 10 days ahead, once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextRuleDay, parseRule } from "../../src/domain/meetings/rule.ts";
import { planMeetings } from "../../src/jobs/meeting-plan.ts";
import { chatOf, startTestApp, type TestApp } from "../support/app.ts";
import { say } from "../support/webchat.ts";

describe("meeting rules", () => {
  const next = (rule: string, from: string) => {
    const [year, month, day] = from.split("-").map(Number) as [number, number, number];
    const d = nextRuleDay(parseRule(rule) ?? (undefined as never), { year, month, day });
    return d && `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
  };
  it.each([
    ["lunar:15", "2026-12-16", "2026-12-23"], // Rằm tháng Mười Một (15/12 is Mùng 7)
    ["day15_lunar", "2026-12-16", "2026-12-23"], // the demo's first form
    ["lunar:1", "2026-12-16", "2027-01-08"], // Mùng 1 tháng Chạp
    ["nth:1:0", "2027-01-01", "2027-01-03"], // first Sunday of January 2027
    ["nth:-1:6", "2027-02-01", "2027-02-27"], // last Saturday of February 2027
    ["nth:2:3", "2026-12-01", "2026-12-09"], // second Wednesday
    ["day:31", "2027-02-01", "2027-02-28"], // a short month: its last day
    ["day:10", "2026-12-11", "2027-01-10"],
  ])("%s from %s → %s", (rule, from, expected) => expect(next(rule, from)).toBe(expected));

  it.each(["", "lunar:31", "day:0", "nth:5:0", "nth:1:7", "weekly", "lunar:x"])("%j is not a rule", (rule) =>
    expect(parseRule(rule)).toBeUndefined(),
  );
});

describe("the monthly meeting in the bot", () => {
  let t: TestApp;
  const NOW = new Date("2026-12-15T01:00:00Z"); // Tuesday 8:00, Mùng 7 tháng Mười Một
  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
  });
  afterAll(() => t.close());

  it("the board finds it under Việc của Ban → Sinh hoạt, sets «rằm, 8h», and the meeting appears 10 days ahead once", async () => {
    const lan = await chatOf(t, "Trần Thị Lan");
    expect(await say(lan, "viec cua ban")).toMatch(/1\. Sinh hoạt\n2\. Thêm thành viên/);
    expect(await say(lan, "1")).toMatch(/1\. Tạo buổi sinh hoạt\n2\. Lịch họp hằng tháng\n3\. Xem điểm danh\n4\. /);
    expect(await say(lan, "2")).toMatch(/1\. Một ngày âm lịch \(ví dụ rằm\)/);
    expect(await say(lan, "1")).toMatch(/Ngày mấy âm lịch\?/);
    expect(await say(lan, "15")).toMatch(/Mấy giờ\?/);
    await say(lan, "8h");
    const done = await say(lan, "Nhà văn hóa thôn Bản Ngõ");
    expect(done).toBe(
      "Đã đặt lịch: Ngày rằm (15 âm lịch) hằng tháng, 8:00, tại Nhà văn hóa thôn Bản Ngõ. Buổi tới: Thứ Tư, 23/12/2026 (Rằm tháng Mười Một), 8:00.\n---\nTương Trợ tự tạo mỗi buổi trước 10 ngày và nhắc thành viên tối hôm trước.",
    );
    const club = await t.app.db.club.findUniqueOrThrow({ where: { code: "DEMO" } });
    expect(club).toMatchObject({ meetingRule: "lunar:15", meetingTime: "08:00", meetingPlace: "Nhà văn hóa thôn Bản Ngõ" });

    expect(await planMeetings(t.app.db, NOW)).toBe(1);
    expect(await planMeetings(t.app.db, new Date(NOW.getTime() + 3_600_000))).toBe(0);
    const meetings = await t.app.db.meeting.findMany({ where: { clubId: club.id } });
    expect(meetings).toHaveLength(1);
    expect(meetings[0]).toMatchObject({ startsAt: new Date("2026-12-23T01:00:00Z"), place: "Nhà văn hóa thôn Bản Ngõ" });
    expect(meetings[0]?.code).toMatch(/^[A-Z0-9]{5}$/);
    // Its reminders come with it: members the evening before, the board at the start.
    expect(await t.app.db.job.count({ where: { dedupeKey: `meeting.remind_members:${meetings[0]?.id}` } })).toBe(1);
    // Too far ahead for the next month's: nothing until 10 days before.
    expect(await planMeetings(t.app.db, new Date("2027-01-10T01:00:00Z"))).toBe(0);
    expect(await planMeetings(t.app.db, new Date("2027-01-12T01:00:00Z"))).toBe(1); // rằm tháng Chạp: 22/1
  });

  it("the running server's scheduler creates it on its own (hourly sweep)", async () => {
    const club = await t.app.db.club.create({
      data: {
        communeId: (await t.app.db.club.findUniqueOrThrow({ where: { code: "DEMO" } })).communeId,
        code: "LS-SWEEP",
        name: "CLB thôn Khòn Pát",
        meetingRule: "day:20",
        meetingTime: "08:00",
        meetingPlace: "Nhà văn hóa Khòn Pát",
      },
    });
    // Two hours on, so the hourly gate has passed since the scheduler's first tick.
    await t.at(new Date(NOW.getTime() + 2 * 3_600_000), () => t.app.scheduler.flush());
    const meetings = await t.app.db.meeting.findMany({ where: { clubId: club.id } });
    expect(meetings.map((m) => m.startsAt.toISOString())).toEqual(["2026-12-20T01:00:00.000Z"]);
  });

  it("a weekday the bot can't read is asked again; «tắt» turns the schedule off", async () => {
    const lan = await chatOf(t, "Trần Thị Lan");
    await say(lan, "lich hop");
    expect(await say(lan, "2")).toMatch(/Thứ mấy\?/);
    await say(lan, "thứ mười");
    await say(lan, "1");
    await say(lan, "7h");
    expect(await say(lan, "1")).toMatch(/Chưa hiểu thứ mấy[\s\S]*Thứ mấy\?/);
    await say(lan, "chủ nhật");
    expect(await say(lan, "tuan cuoi")).toMatch(/Mấy giờ\?/);
    await say(lan, "7h30");
    expect(await say(lan, "1")).toMatch(
      /^Đã đặt lịch: Chủ nhật tuần cuối hằng tháng, 7:30, tại Nhà văn hóa thôn Bản Ngõ\. Buổi tới: Chủ nhật, 27\/12\/2026/,
    );
    await say(lan, "lich hop");
    expect(await say(lan, "4")).toMatch(/Đã tắt lịch họp hằng tháng/);
    expect((await t.app.db.club.findUniqueOrThrow({ where: { code: "DEMO" } })).meetingRule).toBeNull();
    const man = await chatOf(t, "Hoàng Thị Mận");
    expect(await say(man, "lich hop")).not.toMatch(/họp hằng tháng vào ngày nào/);
  });
});
