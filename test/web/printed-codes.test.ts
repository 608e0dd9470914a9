// The codes a board prints from the web workplace, read back from the page's QR codes as a phone's
// camera would: with the bot's username the invite QR opens the bot and links the member, the meeting
// QR checks them in; without it, the QR holds the code to type. Another club's meeting is 404.
import { createRequire } from "node:module";
import { Resvg } from "@resvg/resvg-js";
import type ReadQr from "jsqr";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { write } from "../../src/db/client.ts";
import { issueWebLink } from "../../src/domain/web-access/links.ts";
import { memberId, startTestApp, type TestApp } from "../support/app.ts";
import { postTelegramText, startWithFakeChannels, type WithChannels } from "../support/webhooks.ts";

// jsqr is CommonJS: its module is the function.
const jsQR: typeof ReadQr.default = createRequire(import.meta.url)("jsqr");

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

/** A signed-in board member's cookie, through a one-time link as the bot sends. */
async function boardCookie(t: TestApp): Promise<string> {
  const token = await write(t.app.db, async (tx) => issueWebLink(tx, await memberId(t.app, "Nguyễn Văn Tâm"), t.now()));
  const res = await fetch(`${t.url}/web/login/${token}`, { redirect: "manual" });
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

async function page(t: TestApp, cookie: string, path: string, form?: Record<string, string>): Promise<Response> {
  return fetch(`${t.url}${path}`, {
    method: form ? "POST" : "GET",
    headers: { cookie, ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
}

/** What each QR code drawn on the page says, read from its pixels. */
function qrTexts(body: string): string[] {
  return [...body.matchAll(/<svg[\s\S]*?<\/svg>/g)].map(([svg]) => {
    const image = new Resvg(svg, { fitTo: { mode: "width", value: 400 }, background: "white" }).render();
    const read = jsQR(new Uint8ClampedArray(image.pixels), image.width, image.height);
    if (!read) throw new Error("a QR code on the page could not be read");
    return read.data;
  });
}

async function inviteSheet(t: TestApp): Promise<Array<{ name: string; code: string; qr: string }>> {
  const cookie = await boardCookie(t);
  const club = await t.app.db.club.findUniqueOrThrow({ where: { code: "DEMO" } });
  const form = (await (await page(t, cookie, `/web/club/${club.id}/invites`)).text()).match(/name="_csrf" value="([^"]+)"/);
  const sheet = await (await page(t, cookie, `/web/club/${club.id}/invites`, { _csrf: form?.[1] ?? "" })).text();
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
    const cookie = await boardCookie(t);
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
    const cookie = await boardCookie(t);
    const club = await t.app.db.club.findUniqueOrThrow({ where: { code: "DEMO" } });
    const otherClub = await t.app.db.club.findFirstOrThrow({ where: { code: { not: "DEMO" } } });
    const theirs = await t.app.db.meeting.create({
      data: { clubId: otherClub.id, startsAt: new Date(), place: "Xa", code: "Z9XW4P" },
    });
    expect((await page(t, cookie, `/web/club/${club.id}/meetings/${theirs.id}`)).status).toBe(404);
    expect((await page(t, cookie, `/web/club/${otherClub.id}/meetings/${theirs.id}`)).status).toBe(404);
    const ours = await t.app.db.meeting.findFirstOrThrow({ where: { clubId: club.id } });
    const treasurer = await write(t.app.db, async (tx) => issueWebLink(tx, await memberId(t.app, "Phạm Thị Bình"), t.now()));
    const res = await fetch(`${t.url}/web/login/${treasurer}`, { redirect: "manual" });
    const treasurerCookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect((await page(t, treasurerCookie, `/web/club/${club.id}/meetings/${ours.id}`)).status).toBe(404);
  });
});
