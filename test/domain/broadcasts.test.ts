// Board broadcasts in the bot: compose, preview as a member reads it, send now or later, status,
// RSVP (last answer wins), and who may send to whom.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Tx, write } from "../../src/db/client.ts";
import type { Action, Actor } from "../../src/domain/actions/action.ts";
import { loadActor } from "../../src/domain/actors/actors.ts";
import { cancelBroadcast } from "../../src/domain/broadcasts/cancel-broadcast.ts";
import { createBroadcast } from "../../src/domain/broadcasts/create-broadcast.ts";
import type { DraftInput } from "../../src/domain/broadcasts/draft.ts";
import { previewBroadcast } from "../../src/domain/broadcasts/preview-broadcast.ts";
import { formatterFor } from "../../src/i18n/format.ts";
import { queueBroadcast } from "../../src/jobs/broadcasts.ts";
import { chatOf, deliver as deliverAll, memberId, startTestApp, type TestApp } from "../support/app.ts";
import { lastText, say, WebchatUser } from "../support/webchat.ts";

let t: TestApp;
const NOW = new Date("2026-12-15T01:00:00Z"); // Tuesday 8:00 in Vietnam
beforeAll(async () => {
  t = await startTestApp({ now: NOW });
});
afterAll(() => t.close());

const as = (name: string) => chatOf(t, name);
async function deliver() {
  await deliverAll(t.app);
  await deliverAll(t.app); // the final report, once nothing is pending
}
const last = lastText;
const accountOf = async (chat: WebchatUser) =>
  (await t.app.db.channelAccount.findFirstOrThrow({ where: { channel: "webchat", externalUserId: chat.user } })).id;
/** Run an action as a webchat user, the way the inbox would. */
async function run<O>(chat: WebchatUser, fn: (tx: Tx, actor: Actor) => Promise<O>): Promise<O> {
  const accountId = await accountOf(chat);
  return write(t.app.db, async (tx) => fn(tx, await loadActor(tx, accountId)));
}
const fmt = () => formatterFor(t.app.i18n, "vi");

describe("a meeting notice from the board", () => {
  it("composes, previews as a member reads it, sends; answers 1/2 count once per member, last wins", async () => {
    const lan = await as("Trần Thị Lan");
    await say(lan, "tao buoi hop");
    await say(lan, "20/12");
    await say(lan, "8h");
    await say(lan, "Nhà văn hóa thôn");
    const [man, hung, mai] = [await as("Hoàng Thị Mận"), await as("Đặng Văn Hùng"), await as("Nguyễn Thị Mai")];
    for (const chat of [man, hung, mai]) await say(chat, "menu");

    expect(await say(lan, "thong bao")).toMatch(/1\. Soạn thông báo mới\n2\. Xem thông báo đã gửi/);
    expect(await say(lan, "1")).toMatch(/1\. Mời họp\n2\. Thông báo chung\n3\. Thông báo khẩn/);
    expect(await say(lan, "moi hop")).toMatch(/1\. Chủ nhật, 20\/12\/2026 \(Ngày 12 tháng Mười Một\), 8:00 — Nhà văn hóa thôn/);
    expect(await say(lan, "1")).toMatch(
      /1\. Tất cả thành viên\n2\. Tình nguyện viên\n3\. Ban Chủ nhiệm\n4\. Người vắng buổi trước/,
    );
    expect(await say(lan, "1")).toMatch(/1\. Gửi ngay\n2\. Hẹn giờ gửi/);
    const preview = await say(lan, "gui ngay");
    // The first member by name who has a chat (Bùi Thị Thu has none), addressed as she will be,
    // with the lunar date and the two answers.
    expect(preview).toContain(
      [
        "Xem trước — Hoàng Thị Mận sẽ nhận:",
        "————",
        "Kính mời Bà Mận dự buổi sinh hoạt của CLB Liên thế hệ tự giúp nhau thôn Bản Ngõ:",
        "Ngày giờ: Chủ nhật, 20/12/2026 (Ngày 12 tháng Mười Một), 8:00",
        "Địa điểm: Nhà văn hóa thôn",
        "Bà có đến được không? Nhắn 1 hoặc 2.",
        "1. Sẽ đến",
        "2. Không đến được",
        "————",
        "Gửi tới 13 người: 4 qua Zalo/Telegram, 9 chưa có (tình nguyện viên sẽ gọi điện).",
      ].join("\n"),
    );
    expect(preview).toMatch(/Gửi thông báo này\?\n\n1\. Gửi\n2\. Soạn lại\n3\. Hủy/);
    expect(await t.app.db.broadcast.count()).toBe(0); // nothing saved before "Gửi"
    const sent = await say(lan, "1");
    const id = Number(sent.match(/Đang gửi thông báo #(\d+)/)?.[1]);
    expect(id).toBeGreaterThan(0);
    await deliver();

    // Each member with a chat: one message, in their form of address; Ông Hùng too.
    expect(await last(hung)).toMatch(
      /^Kính mời Ông Hùng dự buổi sinh hoạt[\s\S]*1\. Sẽ đến\n2\. Không đến được\n0\. Menu chính$/,
    );
    expect(await t.app.db.outboxMessage.count({ where: { broadcastId: id } })).toBe(4);
    // The volunteer is asked to phone the 9 without a chat, with their numbers.
    const mai1 = (await mai.transcript()).map((m) => m.text);
    expect(
      mai1.some((x) => /^Nhờ bạn gọi điện báo tin cho người chưa có Zalo\/Telegram: .*Vũ Thị Nga \(01000000106\)/.test(x)),
    ).toBe(true);
    // The author's final report.
    expect(await last(lan)).toMatch(
      new RegExp(`^Thông báo #${id} đã gửi xong: 4/13 tới nơi, 0 không gửi được, 9 chưa có Zalo/Telegram`),
    );

    expect(await say(man, "1")).toMatch(/^Cảm ơn Bà\. Đã ghi: Bà sẽ đến, Chủ nhật, 20\/12\/2026/);
    expect(await say(hung, "2")).toMatch(/đã ghi: Ông không đến được/);
    // Hùng changes his mind later, from anywhere: the last answer counts, still one row for him.
    await say(hung, "menu");
    expect(await say(hung, "sẽ đến")).toMatch(/^Cảm ơn Ông\. Đã ghi: Ông sẽ đến/);
    expect(await say(mai, "khong den duoc")).toMatch(/^Dạ, đã ghi: Chị không đến được/);
    const hungRows = await t.app.db.broadcastRecipient.findMany({ where: { memberId: await memberId(t.app, "Đặng Văn Hùng") } });
    expect(hungRows.map((r) => r.rsvp)).toEqual(["yes"]);

    await say(lan, "thong bao");
    expect(await say(lan, "2")).toMatch(new RegExp(`Xem thông báo nào\\?\n\n1\\. #${id} Mời họp, 15/12 .* — đã gửi xong`));
    const status = await say(lan, "1");
    expect(status).toContain(`Thông báo #${id} (Mời họp), gửi lúc Thứ Ba, 15/12/2026`);
    expect(status).toContain("Đã gửi 4/13\nĐang chờ gửi: 0\nKhông gửi được: 0\nChưa có Zalo/Telegram: 9");
    expect(status).toContain("Sẽ đến: 2 — Hoàng Thị Mận, Đặng Văn Hùng\nKhông đến được: 1 — Nguyễn Thị Mai\nChưa trả lời: 1");
  });

  it("a meeting that has started takes no more answers", async () => {
    const man = await as("Hoàng Thị Mận");
    await t.at(new Date("2026-12-20T02:00:00Z"), async () => {
      // 9:00 on the day, an hour after it began
      expect(await say(man, "se den")).toMatch(/Không có buổi sinh hoạt nào đang chờ trả lời/);
    });
  });
});

describe("a chat in the middle of something else", () => {
  it("is not taken over by a meeting notice: its «2» still answers its own question; the notice asks for words", async () => {
    const hung = await as("Đặng Văn Hùng");
    expect(await say(hung, "nho tham")).toMatch(/cần giúp việc gì\?/);
    const meeting = await t.app.db.meeting.findFirstOrThrow({ where: { place: "Nhà văn hóa thôn" } });
    const lan = await as("Trần Thị Lan");
    await run(lan, (tx, actor) =>
      createBroadcast.run(tx, { template: "meeting", audience: "all", meetingId: meeting.id }, actor, NOW, fmt()),
    );
    await deliver();
    const notice = await last(hung);
    expect(notice).toMatch(/Ông có đến được không\? Nhắn «sẽ đến» hoặc «không đến được»\.$/);
    expect(notice).not.toMatch(/1\. Sẽ đến/);
    expect(await last(await as("Hoàng Thị Mận"))).toMatch(/Nhắn 1 hoặc 2\.\n\n1\. Sẽ đến\n2\. Không đến được/);
    expect(await say(hung, "2")).toMatch(/Khi nào\?/); // the visit request goes on
    // Typed words answer the notice from the middle of the visit question, with or without accents.
    expect(await say(hung, "khong den duoc")).toMatch(/^Dạ, đã ghi: Ông không đến được/);
    expect(await say(hung, "không đến được")).toMatch(/^Dạ, đã ghi: Ông không đến được/);
  });
});

describe("general and urgent notices", () => {
  it("the preview is in the first recipient's language and form of address", async () => {
    const yen = await as("Hoàng Thị Yến");
    await say(yen, "menu");
    await t.app.db.member.update({ where: { id: await memberId(t.app, "Hoàng Thị Yến") }, data: { language: "en" } });
    const hoa = await as("Lê Thị Hoa");
    await say(hoa, "thong bao");
    await say(hoa, "1");
    expect(await say(hoa, "2")).toMatch(/Nhắn nội dung thông báo/);
    await say(hoa, "Chủ nhật này dọn vệ sinh nhà văn hóa, 7h sáng.");
    expect(await say(hoa, "tinh nguyen vien")).toMatch(/Gửi khi nào/);
    const preview = await say(hoa, "1");
    expect(preview).toContain(
      "Xem trước — Hoàng Thị Yến sẽ nhận:\n————\nNotice from CLB Liên thế hệ tự giúp nhau thôn Bản Ngõ:\nChủ nhật này dọn vệ sinh nhà văn hóa, 7h sáng.\n————",
    );
    expect(preview).toContain("Gửi tới 3 người: 2 qua Zalo/Telegram, 1 chưa có");
    expect(await say(hoa, "huy")).toMatch(/Đã hủy, chưa gửi gì/);
    expect(await t.app.db.broadcast.count({ where: { text: { contains: "dọn vệ sinh" } } })).toBe(0);
  });

  it("«send now» at 22:00: the preview says it waits until 6:00 and why; the status says when it will go", async () => {
    const hoa = await as("Lê Thị Hoa");
    await t.at(new Date("2026-12-15T15:00:00Z"), async () => {
      // 22:00 in Vietnam
      await say(hoa, "thong bao");
      await say(hoa, "1");
      await say(hoa, "thong bao chung");
      await say(hoa, "Mai nghỉ họp vì mưa bão.");
      await say(hoa, "tat ca thanh vien");
      expect(await say(hoa, "gui ngay")).toContain(
        "Thời gian gửi: Thứ Tư, 16/12/2026 (Mùng 8 tháng Mười Một), 6:00 (Tương Trợ không nhắn tin từ 21 giờ đến 6 giờ sáng).",
      );
      expect(await say(hoa, "gui")).toMatch(
        /^Đã hẹn gửi thông báo #\d+ lúc Thứ Tư, 16\/12\/2026 \(Mùng 8 tháng Mười Một\), 6:00\./,
      );
      await say(hoa, "thong bao");
      await say(hoa, "2");
      const status = await say(hoa, "1");
      expect(status).toMatch(/^Thông báo #\d+ \(Thông báo chung\) sẽ gửi lúc Thứ Tư, 16\/12\/2026/);
      expect(status).toMatch(/Giữ hay hủy thông báo này\?\n\n1\. Giữ nguyên\n2\. Hủy, không gửi nữa/);
      const id = Number(status.match(/^Thông báo #(\d+)/)?.[1]);
      expect(await say(hoa, "huy")).toBe(`Đã hủy thông báo #${id}. Không ai nhận được tin này.`);
      expect((await t.app.db.broadcast.findUniqueOrThrow({ where: { id } })).status).toBe("cancelled");
      // The cancelled notice says so, and an older one stays in reach with its figures.
      await say(hoa, "thong bao");
      const list = await say(hoa, "2");
      expect(list).toMatch(new RegExp(`1\\. #${id} Thông báo chung, .* — Đã hủy\n2\\. #\\d+ Mời họp`));
      expect(await say(hoa, "1")).toBe(`Thông báo #${id} (Thông báo chung): Đã hủy. Không ai nhận được tin này.`);
      await say(hoa, "thong bao");
      await say(hoa, "2");
      expect(await say(hoa, "2")).toMatch(
        /^Thông báo #\d+ \(Mời họp\), gửi lúc Thứ Ba, 15\/12\/2026[\s\S]*Trả lời mời họp:\nSẽ đến: \d+/,
      );
    });
    // At 6:00 its job finds it cancelled: nothing is queued.
    const cancelled = await t.app.db.broadcast.findFirstOrThrow({
      where: { status: "cancelled", text: { contains: "mưa bão" } },
    });
    await t.at(new Date("2026-12-15T23:01:00Z"), () => deliver());
    expect(await t.app.db.job.count({ where: { dedupeKey: `broadcast.send:${cancelled.id}`, status: "done" } })).toBe(1);
    expect(await t.app.db.outboxMessage.count({ where: { broadcastId: cancelled.id } })).toBe(0);
  });

  it("sent at a later time: nothing goes before it; at 22:00 a general notice waits for 6:00, an urgent one does not", async () => {
    const lan = await as("Trần Thị Lan");
    const draft = { template: "general" as const, audience: "board" as const, text: "Họp Ban tối nay." };
    const later = await run(lan, (tx, actor) =>
      createBroadcast.run(tx, { ...draft, date: "2026-12-15", time: "22:00" }, actor, NOW, fmt()),
    );
    expect(later).toMatchObject({ status: "scheduled" });
    const b = await t.app.db.broadcast.findUniqueOrThrow({ where: { id: (later as { id: number }).id } });
    expect(b.sendAt.toISOString()).toBe("2026-12-15T23:00:00.000Z"); // 6:00 on the 16th in Vietnam
    await t.app.scheduler.flush();
    expect((await t.app.db.broadcast.findUniqueOrThrow({ where: { id: b.id } })).status).toBe("scheduled");
    const urgent = await run(lan, (tx, actor) =>
      createBroadcast.run(tx, { ...draft, template: "urgent", date: "2026-12-15", time: "22:00" }, actor, NOW, fmt()),
    );
    const u = await t.app.db.broadcast.findUniqueOrThrow({ where: { id: (urgent as { id: number }).id } });
    expect(u.sendAt.toISOString()).toBe("2026-12-15T15:00:00.000Z");
    // Held in the outbox while we look: two webchat messages would otherwise be sent, and the
    // broadcast finished, before the first check below.
    await t.app.outbox.stop();
    await t.at(new Date("2026-12-15T23:00:00Z"), async () => {
      await t.app.scheduler.flush();
      expect((await t.app.db.broadcast.findUniqueOrThrow({ where: { id: b.id } })).status).toBe("sending");
      expect((await t.app.db.broadcast.findUniqueOrThrow({ where: { id: u.id } })).status).toBe("sending");
      // Once it is going out it can't be called off.
      expect(await run(lan, (tx, actor) => cancelBroadcast.run(tx, { id: b.id }, actor, NOW, fmt()))).toEqual({
        status: "too_late",
      });
      // Queueing again adds nothing, and the database refuses a second row for a (broadcast, member).
      const rows = await t.app.db.outboxMessage.count({ where: { broadcastId: b.id } });
      expect(rows).toBe(2); // the board members with a chat: Lan and Hoa
      await write(t.app.db, (tx) => queueBroadcast(tx, t.app.i18n, b.id, new Date()));
      const one = await t.app.db.broadcastRecipient.findFirstOrThrow({ where: { broadcastId: b.id, accountId: { not: null } } });
      await expect(
        write(t.app.db, (tx) =>
          tx.outboxMessage.create({
            data: { channel: "webchat", chatId: "x", payload: "{}", dedupeKey: `broadcast:${b.id}:${one.memberId}` },
          }),
        ),
      ).rejects.toThrow(/Unique constraint/);
      expect(await t.app.db.outboxMessage.count({ where: { broadcastId: b.id } })).toBe(rows);
    });
    t.app.outbox.start();
  });
});

describe("members without a phone", () => {
  it("a member with a relative linked as proxy gets the notice through the relative, to pass on", async () => {
    const hoa = await as("Lê Thị Hoa");
    await say(hoa, "ma nguoi nha");
    await say(hoa, "Vũ Thị Nga");
    const code = (await say(hoa, "1")).match(/: ([A-Z0-9]{6})\n/)?.[1] as string;
    const grandson = new WebchatUser(t.url, "guest-nga-grandson");
    expect(await say(grandson, code)).toMatch(/Kết nối xong/);
    const id = (
      (await run(hoa, (tx, actor) =>
        createBroadcast.run(tx, { template: "urgent", audience: "all", text: "Mai nghỉ họp." }, actor, NOW, fmt()),
      )) as { id: number }
    ).id;
    await deliver();
    expect(await last(grandson)).toBe(
      "Bác báo tin giúp Vũ Thị Nga nhé:\nKHẨN — CLB Liên thế hệ tự giúp nhau thôn Bản Ngõ:\nMai nghỉ họp.",
    );
    const nga = await t.app.db.broadcastRecipient.findFirstOrThrow({
      where: { broadcastId: id, memberId: await memberId(t.app, "Vũ Thị Nga") },
    });
    expect(nga.accountId).not.toBeNull();
    // Reached through the relative: not on the volunteers' phone list any more.
    const mai = (await (await as("Nguyễn Thị Mai")).transcript())
      .map((m) => m.text)
      .filter((x) => x.includes(`Nhờ bạn gọi điện`));
    expect(mai.at(-1)).not.toMatch(/Vũ Thị Nga/);
    const [total, noChat] = await Promise.all([
      t.app.db.broadcastRecipient.count({ where: { broadcastId: id } }),
      t.app.db.broadcastRecipient.count({ where: { broadcastId: id, accountId: null } }),
    ]);
    expect(noChat).toBeLessThan(total);
  });
});

describe("audiences", () => {
  it("«absent last meeting» is everyone without a present mark at the club's latest past meeting", async () => {
    const lan = await as("Trần Thị Lan");
    await write(t.app.db, async (tx) => {
      const club = await tx.club.findUniqueOrThrow({ where: { code: "DEMO" } });
      const past = await tx.meeting.create({
        data: { clubId: club.id, startsAt: new Date("2026-11-24T01:00:00Z"), place: "Nhà văn hóa", code: "PAST01" },
      });
      for (const [name, status] of [
        ["Hoàng Thị Mận", "present"],
        ["Vũ Thị Nga", "present"],
        ["Đặng Văn Hùng", "absent"],
      ] as const)
        await tx.attendance.create({
          data: { meetingId: past.id, memberId: await memberId(t.app, name), status, via: "rollcall", at: past.startsAt },
        });
    });
    const preview = await run(lan, (tx, actor) =>
      previewBroadcast.run(tx, { template: "general", audience: "absent_last", text: "Nhớ đi họp nhé." }, actor, NOW, fmt()),
    );
    expect(preview).toMatchObject({ status: "ok", total: 11 }); // 13 members, 2 were there
  });
});

describe("who may broadcast to whom", () => {
  it("a member can't broadcast at all: no menu entry, the words don't open it, the action refuses", async () => {
    const man = await as("Hoàng Thị Mận");
    expect(await say(man, "menu")).not.toMatch(/Gửi thông báo/);
    expect(await say(man, "thong bao")).not.toMatch(/Soạn thông báo mới/);
    const actor = await write(t.app.db, async (tx) => loadActor(tx, await accountOf(man)));
    expect(createBroadcast.allowed(actor, { template: "urgent", audience: "all", text: "x" })).toBe(false);
    expect(previewBroadcast.allowed(actor, { template: "urgent", audience: "all", text: "x" })).toBe(false);
  });

  it("a board member can't broadcast to another club; an officer reaches every club of their commune only", async () => {
    const setup = await write(t.app.db, async (tx) => {
      const home = await tx.club.findUniqueOrThrow({ where: { code: "DEMO" }, include: { commune: true } });
      const other = await tx.club.create({ data: { communeId: home.communeId, code: "LS-HD-02", name: "CLB thôn Nà Pàn" } });
      const farCommune = await tx.commune.create({ data: { provinceId: home.commune.provinceId, name: "Xã Xa" } });
      const far = await tx.club.create({ data: { communeId: farCommune.id, code: "LS-XA-01", name: "CLB Xa" } });
      for (const [clubId, name] of [
        [other.id, "Lò Thị Pàn"],
        [far.id, "Mã Văn Xa"],
      ] as const)
        await tx.member.create({ data: { clubId, fullName: name, gender: "F", birthYear: 1950 } });
      const officer = await tx.member.create({
        data: {
          clubId: home.id,
          fullName: "Đỗ Văn Quang",
          gender: "M",
          birthYear: 1970,
          roles: { create: { role: "officer", communeId: home.communeId } },
          consents: { create: { purpose: "membership", given: true, via: "board", textVersion: 1 } },
        },
      });
      return { other, far, officer };
    });
    const lan = await as("Trần Thị Lan");
    const tries = await run(lan, async (tx, actor) => {
      const attempt = (a: Action<DraftInput, unknown>, input: DraftInput) => a.run(tx, input, actor, NOW, fmt());
      return [
        await attempt(createBroadcast, { template: "urgent", audience: "all", text: "x", clubId: setup.other.id }),
        await attempt(previewBroadcast, { template: "urgent", audience: "all", text: "x", clubId: setup.far.id }),
        await attempt(createBroadcast, { template: "urgent", audience: "area_all", text: "x" }),
      ];
    });
    expect(tries).toEqual([{ status: "denied" }, { status: "denied" }, { status: "denied" }]);
    expect(await t.app.db.broadcast.count({ where: { clubId: { in: [setup.other.id, setup.far.id] } } })).toBe(0);

    const quang = new WebchatUser(t.url, `member-${setup.officer.id}`);
    expect(await say(quang, "menu")).toMatch(/Gửi thông báo/);
    await say(quang, "thong bao");
    expect(await say(quang, "1")).toMatch(/Loại thông báo nào\?\n\n1\. Thông báo chung\n2\. Thông báo khẩn\n0/);
    await say(quang, "1");
    expect(await say(quang, "Tuần sau khám sức khỏe miễn phí tại trạm y tế xã.")).toMatch(
      /Gửi cho ai\?\n\n1\. Thành viên mọi CLB trong địa bàn\n2\. Ban Chủ nhiệm các CLB trong địa bàn\n0/,
    );
    await say(quang, "1");
    const preview = await say(quang, "1");
    expect(preview).toMatch(/Thông báo từ Hội Người cao tuổi Xã Hoàng Đồng:/);
    expect(preview).toMatch(/Gửi tới 17 người/); // 14 at home, the demo officers' 2, Lò Thị Pàn; not Mã Văn Xa
    await say(quang, "1");
    const b = await t.app.db.broadcast.findFirstOrThrow({ where: { authorId: setup.officer.id } });
    expect(b).toMatchObject({ communeId: expect.any(String), clubId: null, audience: "area_all" });
    await t.app.scheduler.flush();
    const reached = await t.app.db.broadcastRecipient.findMany({ where: { broadcastId: b.id }, include: { broadcast: true } });
    const names = (await t.app.db.member.findMany({ where: { id: { in: reached.map((r) => r.memberId) } } })).map(
      (m) => m.fullName,
    );
    expect(names).toContain("Lò Thị Pàn");
    expect(names).not.toContain("Mã Văn Xa");
    // An officer over another commune may not send to this club.
    await t.app.db.role.updateMany({ where: { memberId: setup.officer.id }, data: { communeId: setup.far.communeId } });
    const refused = await run(quang, (tx, actor) =>
      createBroadcast.run(tx, { template: "urgent", audience: "all", text: "x", clubId: setup.other.id }, actor, NOW, fmt()),
    );
    expect(refused).toEqual({ status: "denied" });
  });
});
