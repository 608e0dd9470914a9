// A relative acting for a member without a phone: approved by the board in the bot, asks for a home
// visit for her, and hears (to pass on) who will come and when the club meets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatOf, deliver, startTestApp, type TestApp } from "../support/app.ts";
import { lastText, say, WebchatUser } from "../support/webchat.ts";

let t: TestApp;
const NOW = new Date("2026-12-15T01:00:00Z"); // Tuesday 8:00 in Vietnam
beforeAll(async () => {
  t = await startTestApp({ now: NOW });
});
afterAll(() => t.close());

describe("a relative acting for Bà Nga", () => {
  it("gets a code from the board, asks a visit for her, and is told who will come and of the meeting", async () => {
    const hoa = await chatOf(t, "Lê Thị Hoa");
    await say(hoa, "ma nguoi nha");
    await say(hoa, "Nga");
    const code = (await say(hoa, "1")).match(/Mã cho người nhà của Vũ Thị Nga: ([A-Z0-9]{6})/)?.[1] as string;
    const grandson = new WebchatUser(t.url, "guest-nga-grandson");
    expect(await say(grandson, code)).toMatch(/Kết nối xong/);
    expect(await say(grandson, "menu")).toMatch(/1\. Điểm danh cho người thân\n2\. Nhờ thăm nhà cho người thân/);

    expect(await say(grandson, "2")).toMatch(/1\. Vũ Thị Nga/);
    expect(await say(grandson, "1")).toMatch(/Người thân cần giúp việc gì\?/);
    await say(grandson, "2");
    await say(grandson, "mai");
    const done = await say(grandson, "khám mắt 9h");
    const ref = Number(done.match(/Đã gửi yêu cầu #(\d+)/)?.[1]);
    const visit = await t.app.db.visitRequest.findUniqueOrThrow({ where: { id: ref } });
    const nga = await t.app.db.member.findFirstOrThrow({ where: { fullName: "Vũ Thị Nga" } });
    expect(visit).toMatchObject({ memberId: nga.id, need: "clinic", status: "requested" });

    const mai = await chatOf(t, "Nguyễn Thị Mai");
    await say(mai, "viec tham nha");
    expect(await say(mai, "1")).toMatch(/Nhận việc này nhé\?/);
    expect(await say(mai, "co")).toMatch(new RegExp(`Đã nhận yêu cầu #${ref}`));
    await deliver(t.app);
    expect(await lastText(grandson)).toBe(
      "Bác báo tin giúp Vũ Thị Nga nhé:\nBà ơi, Nguyễn Thị Mai sẽ đến giúp «Đi khám bệnh cùng», 16/12 (Mùng 8 tháng Mười Một). Yêu cầu #" +
        `${ref}.`,
    );

    // The board creates tomorrow's meeting; at 18:00 the reminder reaches Bà Nga through him.
    await say(hoa, "tao buoi hop");
    await say(hoa, "mai");
    await say(hoa, "8h");
    await say(hoa, "Nhà văn hóa thôn");
    await t.at(new Date("2026-12-15T11:00:00Z"), async () => {
      await deliver(t.app);
    });
    expect(await lastText(grandson)).toMatch(/^Bác báo tin giúp Vũ Thị Nga nhé:\nNhắc Bà Nga: mai họp Câu lạc bộ/);
  });
});
