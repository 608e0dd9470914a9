// Home-care visits: request → notify → claim → report, first-claim-wins, cross-club, guards, escalation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { write } from "../../src/db/client.ts";
import { addDaytimeHours } from "../../src/domain/visits/daytime.ts";
import { chatOf, deliver as deliverAll, memberId, startTestApp, type TestApp } from "../support/app.ts";
import { lastText, say, WebchatUser } from "../support/webchat.ts";

let t: TestApp;
const NOW = new Date("2026-12-15T01:00:00Z"); // 8:00 in Vietnam
beforeAll(async () => {
  // Jobs run when a test delivers, never between its steps: the order of a chat's messages is the test's.
  t = await startTestApp({ now: NOW, jobsIntervalMs: 3_600_000 });
});
afterAll(() => t.close());

const as = (name: string) => chatOf(t, name);
const deliver = () => deliverAll(t.app);
const last = lastText;

describe("daytime hours", () => {
  it.each([
    ["2026-12-15T01:00:00Z", 4, "2026-12-15T05:00:00Z"], // 8:00 + 4h = 12:00
    ["2026-12-15T11:00:00Z", 4, "2026-12-16T00:00:00Z"], // 18:00 + 3h today, 1h from 06:00 tomorrow = 07:00
    ["2026-12-15T15:00:00Z", 8, "2026-12-16T07:00:00Z"], // 22:00 (quiet) → from 06:00: 14:00
  ])("%s + %i daytime hours → %s", (from, hours, to) =>
    expect(addDaytimeHours(new Date(from), hours).toISOString()).toBe(new Date(to).toISOString()),
  );
});

describe("a visit from request to report", () => {
  it("member asks in three replies; volunteers are told; one claims; the member hears who; report alerts the board", async () => {
    const man = await as("Hoàng Thị Mận");
    expect(await say(man, "nho tham")).toMatch(/cần giúp việc gì\?[\s\S]*2\. Đi khám bệnh cùng[\s\S]*6\. Xem yêu cầu của tôi/);
    expect(await say(man, "2")).toMatch(/Khi nào\?[\s\S]*2\. Ngày mai/);
    expect(await say(man, "ngay mai")).toMatch(/ghi chú ngắn/);
    const done = await say(man, "khám mắt 9h");
    const ref = Number(done.match(/Đã gửi yêu cầu #(\d+)/)?.[1]);
    expect(ref).toBeGreaterThan(0);

    const mai = await as("Nguyễn Thị Mai");
    const minh = await as("Lý Văn Minh");
    await mai.send("menu");
    await minh.send("menu");
    await deliver();
    // Two short messages: what is asked, then how to take it.
    expect((await mai.transcript()).slice(-2).map((m) => m.text)).toEqual([
      `Yêu cầu thăm #${ref}: Hoàng Thị Mận (CLB Liên thế hệ tự giúp nhau thôn Bản Ngõ) cần «Đi khám bệnh cùng», 16/12 (Mùng 8 tháng Mười Một).`,
      "Có lời nhắn cho người nhận việc.\nVào menu → «Việc tình nguyện» → «Việc thăm nhà» để nhận.",
    ]);
    expect((await mai.transcript()).map((m) => m.text).join("\n")).not.toMatch(/khám mắt/); // the note may hold health details

    expect(await say(mai, "viec tham nha")).toMatch(new RegExp(`1\\. #${ref} Đi khám bệnh cùng`));
    expect(await say(mai, "1")).toMatch(/Nhận việc này nhé\?/);
    expect(await say(mai, "co")).toMatch(
      new RegExp(`^Đã nhận yêu cầu #${ref}\\. Đến: Hoàng Thị Mận \\(01000000105\\), Thôn Bản Ngõ\\.\nLời nhắn: «khám mắt 9h»`),
    );
    expect(await say(minh, "viec tham nha")).toMatch(/Hiện không có yêu cầu nào đang chờ/);
    await deliver();
    expect(await last(man)).toBe(
      `Bà ơi, Nguyễn Thị Mai sẽ đến giúp «Đi khám bệnh cùng», 16/12 (Mùng 8 tháng Mười Một). Yêu cầu #${ref}.`,
    );

    expect(await say(mai, "viec cua toi")).toMatch(/1\. #/);
    expect(await say(mai, "1")).toMatch(
      /Đi khám bệnh cùng, 16\/12 .*\nLời nhắn: «khám mắt 9h»\nĐến: Hoàng Thị Mận \(01000000105\), Thôn Bản Ngõ/,
    );
    // The board's week names the volunteer with the visit she has taken.
    const tam = await as("Nguyễn Văn Tâm");
    await say(tam, "viec cua ban");
    expect(await say(tam, "thăm nhà trong tuần")).toMatch(
      /^7 ngày qua: 1 yêu cầu, 0 đã thăm, 0 chưa có người nhận\.\nTheo tình nguyện viên:\n• Nguyễn Thị Mai: 1 đang nhận, 0 đã thăm/,
    );
    expect(await say(mai, "1")).toMatch(/Đã làm gì/);
    expect(await say(mai, "Đưa bà đi khám, đã về nhà")).toMatch(/Thành viên thế nào\?/);
    expect(await say(mai, "3")).toMatch(/Nếu nguy hiểm đến tính mạng, hãy gọi 115 ngay/);
    const hoa = await as("Lê Thị Hoa");
    await hoa.send("menu");
    // The scheduler's own tick may take the job before the test's flush does, and send it before or
    // after her menu: it must come, once.
    const urgent = new RegExp(`^KHẨN: sau buổi thăm #${ref}, Nguyễn Thị Mai báo Hoàng Thị Mận cần giúp ngay`);
    const urgentOnes = async () => {
      await deliver();
      return (await hoa.transcript()).filter((m) => urgent.test(m.text));
    };
    await expect.poll(urgentOnes, { timeout: 10_000 }).toHaveLength(1);
    await deliver();
    expect(await urgentOnes()).toHaveLength(1);
    // Done can't be done twice.
    expect(await say(mai, "viec cua toi")).toMatch(/chưa nhận việc nào/);
    expect(await say(hoa, "menu")).toMatch(/Việc của Ban/);
    // The week counts the visit made, by its volunteer.
    await say(tam, "viec cua ban");
    expect(await say(tam, "thăm nhà trong tuần")).toMatch(
      /^7 ngày qua: 1 yêu cầu, 1 đã thăm, 0 chưa có người nhận\.\nTheo tình nguyện viên:\n• Nguyễn Thị Mai: 0 đang nhận, 1 đã thăm/,
    );
  });

  it("10 volunteers claim the same request at once: exactly one wins, nine are told it is taken", async () => {
    const volunteers = await write(t.app.db, async (tx) => {
      const club = await tx.club.findUniqueOrThrow({ where: { code: "DEMO" } });
      const made = [];
      for (let i = 0; i < 10; i++) {
        const m = await tx.member.create({
          data: { clubId: club.id, fullName: `Tình Nguyện Viên ${i}`, gender: "F", birthYear: 2000 },
        });
        await tx.role.create({ data: { memberId: m.id, role: "volunteer", clubId: club.id } });
        made.push(m.id);
      }
      return made;
    });
    const thu = await as("Bùi Thị Thu");
    // Thu has not given the membership consent yet: the request asks it first, then goes on.
    for (const step of ["nho tham", "co", "1", "hom nay", "không"]) await thu.send(step);
    const chats = volunteers.map((id) => new WebchatUser(t.url, `member-${id}`));
    for (const chat of chats) {
      await say(chat, "viec tham nha");
      await say(chat, "1");
    }
    const answers = await Promise.all(chats.map((chat) => say(chat, "1")));
    expect(answers.filter((a) => a.startsWith("Đã nhận yêu cầu"))).toHaveLength(1);
    expect(answers.filter((a) => /đã có người nhận rồi/.test(a))).toHaveLength(9);
    const request = await t.app.db.visitRequest.findFirstOrThrow({ where: { memberId: await memberId(t.app, "Bùi Thị Thu") } });
    expect(volunteers).toContain(request.claimedById);
  });

  it("a volunteer of another club can neither see nor claim", async () => {
    const outsider = await write(t.app.db, async (tx) => {
      const commune = await tx.commune.findFirstOrThrow();
      const club = await tx.club.create({ data: { code: "XA-2", name: "CLB xa", communeId: commune.id } });
      const m = await tx.member.create({ data: { clubId: club.id, fullName: "Người Xã Khác", gender: "M", birthYear: 1999 } });
      await tx.role.create({ data: { memberId: m.id, role: "volunteer", clubId: club.id } });
      return m.id;
    });
    const hung = await as("Đặng Văn Hùng");
    for (const step of ["nho tham", "3", "trong tuan nay", "không"]) await hung.send(step);
    const open = await t.app.db.visitRequest.findFirstOrThrow({ where: { memberId: await memberId(t.app, "Đặng Văn Hùng") } });
    // Inside a sentence the time is written in small letters: «…, trong tuần này.»
    await deliver();
    expect((await (await as("Nguyễn Thị Mai")).transcript()).map((m) => m.text).join("\n")).toMatch(
      new RegExp(`Yêu cầu thăm #${open.id}: Đặng Văn Hùng .*, trong tuần này\\.`),
    );
    const chat = new WebchatUser(t.url, `member-${outsider}`);
    expect(await say(chat, "viec tham nha")).toMatch(/Hiện không có yêu cầu nào đang chờ/);
    const { actions } = await import("../../src/domain/actions/registry.ts");
    const { loadActor } = await import("../../src/domain/actors/actors.ts");
    const { formatterFor } = await import("../../src/i18n/format.ts");
    const account = await t.app.db.channelAccount.findFirstOrThrow({ where: { memberId: outsider } });
    const actor = await loadActor(t.app.db, account.id);
    const claim = actions.claimVisit;
    const result = await write(
      t.app.db,
      (tx) =>
        claim?.run(tx, { visitId: open.id }, actor, NOW, formatterFor(t.app.i18n, "vi")) as Promise<{
          status: string;
        }>,
    );
    expect(result.status).toBe("not_found");
    expect((await t.app.db.visitRequest.findUniqueOrThrow({ where: { id: open.id } })).status).toBe("requested");
  });

  it("a cancelled request can no longer be claimed", async () => {
    const hung = await as("Đặng Văn Hùng");
    expect(await say(hung, "nho tham")).toMatch(/6\. Xem yêu cầu của tôi/);
    expect(await say(hung, "6")).toMatch(/đang chờ người nhận[\s\S]*Muốn hủy yêu cầu nào/);
    await say(hung, "1");
    expect(await say(hung, "co")).toMatch(/Đã hủy yêu cầu #\d+/);
    const minh = await as("Lý Văn Minh");
    expect(await say(minh, "viec tham nha")).toMatch(/Hiện không có yêu cầu nào đang chờ/);
  });
});

describe("board export", () => {
  it("visits --club --month prints the month as CSV, without notes", async () => {
    const { cli } = await import("../support/cli.ts");
    const out = await cli(["visits", "--club", "DEMO", "--month", "2026-12"], { DATABASE_URL: t.app.config.databaseUrl });
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split("\n");
    expect(lines[0]).toBe("ref,member,need,when,status,volunteer,condition,requested_at,done_at");
    expect(lines.find((l) => l.includes("Hoàng Thị Mận"))).toMatch(/,clinic,2026-12-16,done,Nguyễn Thị Mai,urgent,/);
    expect(out.stdout).not.toMatch(/khám mắt/);
    expect((await cli(["visits", "--club", "DEMO", "--month", "12-2026"], {})).code).toBe(1);
  });
});

describe("escalation", () => {
  it("fires once at 4 and once at 8 daytime hours while nobody claims", async () => {
    t.setNow(NOW);
    const hang = await as("Ngô Thị Hằng");
    for (const step of ["nho tham", "5", "hom nay", "không"]) await hang.send(step);
    const visit = await t.app.db.visitRequest.findFirstOrThrow({ where: { memberId: await memberId(t.app, "Ngô Thị Hằng") } });
    const count = (key: string) =>
      t.app.db.outboxMessage.count({ where: { dedupeKey: { startsWith: `visit:${visit.id}:${key}` } } });
    t.setNow(new Date(NOW.getTime() + 4 * 3_600_000 - 60_000));
    await deliver();
    expect(await count("escalate1")).toBe(0);
    t.setNow(new Date(NOW.getTime() + 4 * 3_600_000));
    await deliver();
    await deliver();
    const first = await count("escalate1:");
    expect(first).toBeGreaterThan(1); // the club's volunteers, and the member
    await deliver();
    expect(await count("escalate1:")).toBe(first); // once, however often the loop runs
    const chats = await t.app.db.outboxMessage.findMany({
      where: { dedupeKey: { startsWith: `visit:${visit.id}:escalate1` } },
      select: { chatId: true },
    });
    expect(new Set(chats.map((c) => c.chatId)).size).toBe(chats.length);
    expect(await count("escalate2")).toBe(0);
    const escalated = () => t.app.db.visitRequest.findUniqueOrThrow({ where: { id: visit.id } }).then((v) => v.escalatedAt);
    expect(await escalated()).toBeNull();
    t.setNow(new Date(NOW.getTime() + 8 * 3_600_000));
    await deliver();
    await deliver();
    expect(await count("escalate2")).toBeGreaterThan(0);
    expect(await escalated()).toEqual(new Date(NOW.getTime() + 8 * 3_600_000)); // counted in reports
    expect(await last(hang)).toMatch(/vẫn chưa có người nhận. Đã báo Ban Chủ nhiệm/);
    expect(
      await t.app.db.job.count({
        where: { kind: "visit.escalate", payload: { contains: `"visitId":${visit.id}` }, status: "done" },
      }),
    ).toBe(2);
    t.setNow(NOW);
  });
});
