// The codes a board prints from the web workplace, read back from the page's QR codes as a phone's
// camera would: with the bot's username the invite QR opens the bot and links the member, the meeting
// QR checks them in; without it, the QR holds the code to type. Another club's meeting is 404.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberId, startTestApp, type TestApp } from "../support/app.ts";
import { postTelegramText, startWithFakeChannels, type WithChannels } from "../support/webhooks.ts";
import { inviteSheetPage, page, qrTexts, signedInCookie } from "../support/workplace-pages.ts";

let bot: WithChannels;
let plain: TestApp;

beforeAll(async () => {
  bot = await startWithFakeChannels({ env: { TELEGRAM_BOT_USERNAME: "@TuongTroThuBot" }, realClock: true });
  plain = await startTestApp();
});
afterAll(async () => {
  await bot?.close();
  await plain?.close();
});

async function inviteSheet(t: TestApp): Promise<Array<{ name: string; code: string; qr: string }>> {
  const cookie = await signedInCookie(t, await memberId(t.app, "Nguyễn Văn Tâm"));
  const club = await t.app.db.club.findUniqueOrThrow({ where: { code: "DEMO" } });
  const sheet = await inviteSheetPage(t, cookie, club.id);
  const rows = [
    ...sheet.matchAll(/<tr><td style="font-size:24px">([^<]+)<\/td><td[^>]*>([A-Z0-9]+)<\/td><td>(<svg[\s\S]*?<\/svg>)/g),
  ];
  return rows.map(([, name, code, svg]) => ({ name: name ?? "", code: code ?? "", qr: qrTexts(svg ?? "")[0] ?? "" }));
}

describe("the invite sheet's QR codes", () => {
  it("open the bot with the code, and scanning one links the member", async () => {
    const sheet = await inviteSheet(bot.t);
    expect(sheet.length).toBeGreaterThan(0);
    for (const row of sheet) expect(row.qr).toBe(`https://t.me/TuongTroThuBot?start=in_${row.code}`);
    const first = sheet[0] as (typeof sheet)[number];
    // Telegram sends what the link holds as "/start <payload>".
    const payload = new URL(first.qr).searchParams.get("start");
    expect((await postTelegramText(bot.t.url, 90_001, `/start ${payload}`, 90_001)).status).toBe(200);
    await bot.telegram.waitFor(() => bot.telegram.of("sendMessage", 90_001).length > 0);
    expect(String(bot.telegram.of("sendMessage", 90_001)[0]?.body.text)).toMatch(/^Kết nối xong/);
    const account = await bot.t.app.db.channelAccount.findFirstOrThrow({
      where: { externalUserId: "90001" },
      include: { member: true },
    });
    expect(account.member?.fullName).toBe(first.name);
  });

  it("hold the code itself when the bot's name is not known", async () => {
    const sheet = await inviteSheet(plain);
    expect(sheet.length).toBeGreaterThan(0);
    for (const row of sheet) expect(row.qr).toBe(row.code);
  });
});

describe("a meeting's page", () => {
  it("shows who came and how, and a check-in QR that checks a linked member in", async () => {
    const t = bot.t;
    const cookie = await signedInCookie(t, await memberId(t.app, "Nguyễn Văn Tâm"));
    const club = await t.app.db.club.findUniqueOrThrow({ where: { code: "DEMO" } });
    const startsAt = new Date(Date.now() + 10 * 60_000);
    const meeting = await t.app.db.meeting.create({
      data: { clubId: club.id, startsAt, place: "Nhà văn hóa thôn", code: "Q7RM2K" },
    });
    const list = await (await page(t, cookie, `/web/club/${club.id}/meetings`)).text();
    expect(list).toContain(`href="/web/club/${club.id}/meetings/${meeting.id}"`);

    const before = await (await page(t, cookie, `/web/club/${club.id}/meetings/${meeting.id}`)).text();
    expect(qrTexts(before)).toEqual(["https://t.me/TuongTroThuBot?start=ck_Q7RM2K"]);
    expect(before).toContain("Q7RM2K");
    expect(before).toContain("Nhà văn hóa thôn");

    // The member linked from the invite sheet above agrees to the club's keeping their data (the
    // health question that follows stays unanswered), then scans the sheet.
    const sent = () => bot.telegram.of("sendMessage", 90_001).map((c) => String(c.body.text));
    await bot.telegram.waitFor(() => sent().length === 2);
    expect((await postTelegramText(t.url, 90_001, "1", 90_002)).status).toBe(200);
    await bot.telegram.waitFor(() => sent().length > 2);
    expect((await postTelegramText(t.url, 90_001, "/start ck_Q7RM2K", 90_003)).status).toBe(200);
    await bot.telegram.waitFor(() => sent().some((text) => /đã điểm danh lúc/.test(text)));
    const account = await t.app.db.channelAccount.findFirstOrThrow({
      where: { externalUserId: "90001" },
      include: { member: true },
    });
    const after = await (await page(t, cookie, `/web/club/${club.id}/meetings/${meeting.id}`)).text();
    expect(after).toMatch(new RegExp(`<td>${account.member?.fullName}</td><td>Quét mã QR</td>`));
    const audit = await t.app.db.auditLog.count({ where: { action: "web.view_attendance" } });
    expect(audit).toBe(2);
  });

  it("is 404 for another club's meeting, and for a treasurer", async () => {
    const t = bot.t;
    const cookie = await signedInCookie(t, await memberId(t.app, "Nguyễn Văn Tâm"));
    const club = await t.app.db.club.findUniqueOrThrow({ where: { code: "DEMO" } });
    const otherClub = await t.app.db.club.findFirstOrThrow({ where: { code: { not: "DEMO" } } });
    const theirs = await t.app.db.meeting.create({
      data: { clubId: otherClub.id, startsAt: new Date(), place: "Xa", code: "Z9XW4P" },
    });
    expect((await page(t, cookie, `/web/club/${club.id}/meetings/${theirs.id}`)).status).toBe(404);
    expect((await page(t, cookie, `/web/club/${otherClub.id}/meetings/${theirs.id}`)).status).toBe(404);
    const ours = await t.app.db.meeting.findFirstOrThrow({ where: { clubId: club.id } });
    const treasurerCookie = await signedInCookie(t, await memberId(t.app, "Phạm Thị Bình"));
    expect((await page(t, treasurerCookie, `/web/club/${club.id}/meetings/${ours.id}`)).status).toBe(404);
  });
});
