// One deployment, many bots: three Telegram bots and two Zalo bots, one province each, on fake Bot
// APIs that tell tokens apart by the /bot<token>/ path. Members of three provinces link through their
// own bot, and every reply, notice, reminder, visit message and report reaches them through it only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliver, type TestApp } from "../support/app.ts";
import { broadcastToAll } from "../support/broadcast-load.ts";
import { cli } from "../support/cli.ts";
import type { FakeBotApi } from "../support/fake-bot-api.ts";
import {
  BOT_SECRETS_KEY,
  DEFAULT_TOKEN,
  type Person,
  type Province,
  type ProvinceBots,
  startProvinceBots,
  tokensTo,
} from "../support/province-bots.ts";
import { inviteSheetPage, page, qrTexts, signedInCookie } from "../support/workplace-pages.ts";

// Tuesday 15 December 2026, 6:50 in Vietnam.
const NOW = new Date("2026-12-14T23:50:00Z");
let telegram: FakeBotApi;
let zalo: FakeBotApi;
let t: TestApp;
let databaseUrl: string;
let provinces: Province[];
let running: ProvinceBots;

const people = () => provinces.flatMap((p) => [p.board, p.member, p.volunteer, ...(p.zalo ? [p.zalo] : [])]);
const apiOf = (person: Person) => (person.chatId.startsWith("z-") ? zalo : telegram);
const textsTo = (person: Person) =>
  apiOf(person)
    .calls.filter((c) => String(c.body.chat_id) === person.chatId)
    .map((c) => String(c.body.text ?? c.body.caption ?? ""));

beforeAll(async () => {
  running = await startProvinceBots(NOW);
  ({ t, telegram, zalo, databaseUrl, provinces } = running);
}, 180_000);
afterAll(() => running.close(), 120_000);

describe("five bots, three provinces", () => {
  it("bot:list shows each bot's channel, name, area and only the token's last 4 characters", async () => {
    const listed = await cli(["bot:list"], { DATABASE_URL: databaseUrl, BOT_SECRETS_KEY });
    expect(listed.code).toBe(0);
    const rows = listed.stdout.trim().split("\n");
    expect(rows[0]).toBe("id,channel,name,areas,token,refused");
    expect(rows).toHaveLength(6);
    expect(rows.find((r) => r.includes("telegram,Tương Trợ Hà Giang"))).toMatch(
      /,telegram,Tương Trợ Hà Giang,Hà Giang,…en-1,no$/,
    );
    expect(listed.stdout).not.toMatch(/tg-token|zalo-token/);
  });

  it("linking: each person's replies came through their own bot only", () => {
    for (const person of people()) {
      const tokens = tokensTo(apiOf(person), person.chatId);
      expect(tokens.length, person.fullName).toBeGreaterThan(0);
      expect(new Set(tokens), person.fullName).toEqual(new Set([person.bot.token]));
      expect(textsTo(person).join("\n"), person.fullName).toMatch(new RegExp(person.fullName.split(" ").at(-1) as string));
    }
    expect(telegram.calls.some((c) => c.token === DEFAULT_TOKEN && c.method.startsWith("send"))).toBe(false);
  });

  it("a board's notice reaches its club's members through their province's bots, Telegram and Zalo", async () => {
    for (const p of provinces) {
      const account = await t.app.db.channelAccount.findFirstOrThrow({ where: { memberId: p.board.memberId } });
      await broadcastToAll(t.app.db, account.id);
    }
    await deliver(t.app);
    for (const person of people()) {
      expect(textsTo(person).join("\n"), person.fullName).toMatch(/Họp bất thường tối nay 19h/);
      expect(new Set(tokensTo(apiOf(person), person.chatId)), person.fullName).toEqual(new Set([person.bot.token]));
    }
  });

  it("a member's reminder and a visit request's news to the volunteer go through the province's bot", async () => {
    for (const p of provinces) {
      for (const text of ["suc khoe", "1", "thuoc", "7h", "moi ngay", "thuốc huyết áp"]) await p.member.say(text);
      for (const text of ["0", "nho tham", "2", "ngay mai", "không có"]) await p.member.say(text);
    }
    await deliver(t.app);
    t.setNow(new Date("2026-12-15T00:00:00Z")); // 7:00 in Vietnam
    await deliver(t.app);
    for (const p of provinces) {
      expect(textsTo(p.member).join("\n"), p.name).toMatch(/Nhắc Bà Hồng: thuốc huyết áp lúc 7:00\./);
      expect(textsTo(p.volunteer).join("\n"), p.name).toMatch(new RegExp(`Yêu cầu thăm #\\d+: ${p.member.fullName}`));
      for (const person of [p.member, p.volunteer]) {
        expect(new Set(tokensTo(telegram, person.chatId)), p.name).toEqual(new Set([person.bot.token]));
      }
    }
  });

  it("a board's report (text and chart) comes through the province's bot", async () => {
    for (const p of provinces) {
      await p.board.say("0");
      await p.board.say("báo cáo");
      await p.board.say("1");
    }
    await deliver(t.app);
    for (const p of provinces) {
      const photos = telegram.of("sendPhoto", p.board.chatId);
      expect(photos.length, p.name).toBe(1);
      expect(photos[0]?.token).toBe(p.board.bot.token);
      expect(new Set(tokensTo(telegram, p.board.chatId))).toEqual(new Set([p.board.bot.token]));
    }
    expect(telegram.calls.filter((c) => c.token === DEFAULT_TOKEN && c.method.startsWith("send"))).toEqual([]);
  });

  it("the invite sheet and the check-in sheet name the club's own bot, and their QR codes open it", async () => {
    const club = await t.app.db.club.findUniqueOrThrow({ where: { code: "CLB-1" } });
    // A member not linked yet, whose code the sheet prints.
    await t.app.db.member.create({ data: { clubId: club.id, fullName: "Ma Thị Chăm", gender: "F", birthYear: 1950 } });
    const cookie = await signedInCookie(t, provinces[1]?.board.memberId as string);
    const sheet = await inviteSheetPage(t, cookie, club.id);
    expect(sheet).toContain("Telegram: Tương Trợ Hà Giang @TuongTroTinh1Bot · Zalo: Tương Trợ Hà Giang");
    const codes = qrTexts(sheet);
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(code).toMatch(/^https:\/\/t\.me\/TuongTroTinh1Bot\?start=in_[A-Z0-9]+$/);
    const meeting = await t.app.db.meeting.create({
      data: { clubId: club.id, startsAt: NOW, place: "Nhà văn hóa", code: "HG7K2M" },
    });
    const checkIn = await (await page(t, cookie, `/web/club/${club.id}/meetings/${meeting.id}`)).text();
    expect(qrTexts(checkIn)).toEqual(["https://t.me/TuongTroTinh1Bot?start=ck_HG7K2M"]);
    expect(checkIn).toContain("Telegram: Tương Trợ Hà Giang @TuongTroTinh1Bot");
  });

  it("webhooks:set registers every bot's own address and secret", async () => {
    const env = {
      DATABASE_URL: databaseUrl,
      BOT_SECRETS_KEY,
      PUBLIC_URL: "https://tuongtro.example",
      TELEGRAM_API_ROOT: telegram.url,
      ZALO_API_ROOT: zalo.url,
    };
    const set = await cli(["webhooks:set"], env);
    expect(set.code).toBe(0);
    expect(set.stdout.trim().split("\n")).toHaveLength(5);
    for (const bot of provinces.flatMap((p) => [p.board.bot, ...(p.zalo ? [p.zalo.bot] : [])])) {
      const call = [...telegram.calls, ...zalo.calls].find((c) => c.method === "setWebhook" && c.token === bot.token);
      expect(call?.body).toMatchObject({ url: `https://tuongtro.example${bot.hook.path}`, secret_token: bot.hook.secret });
    }
  });

  it("bot:set-area moves a bot's area; bot:remove makes its webhook answer 404", async () => {
    const env = { DATABASE_URL: databaseUrl, BOT_SECRETS_KEY };
    const bot = provinces[2]?.board.bot as (typeof provinces)[0]["board"]["bot"];
    expect((await cli(["bot:set-area", "--bot", bot.id, "--province", "Hà Giang", "Cao Bằng"], env)).code).toBe(0);
    expect((await cli(["bot:list"], env)).stdout).toContain(`${bot.id},telegram,Tương Trợ Cao Bằng,Hà Giang; Cao Bằng,`);
    const unknown = await cli(["bot:set-area", "--bot", bot.id, "--province", "Không Có"], env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/no province or commune Không Có/);
    expect((await cli(["bot:remove", "--bot", bot.id], env)).code).toBe(0);
    const post = () =>
      fetch(`${t.url}${bot.hook.path}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": bot.hook.secret },
        body: JSON.stringify({ update_id: 999 }),
      });
    const until = Date.now() + 5000;
    while ((await post()).status !== 404 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect((await post()).status).toBe(404);
  });

  it("a webhook for a bot that is not stored answers 404, a wrong secret 401", async () => {
    const post = (path: string, secret: string) =>
      fetch(`${t.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
        body: JSON.stringify({ update_id: 1 }),
      });
    expect((await post("/webhooks/telegram/nosuchbot", "x")).status).toBe(404);
    expect((await post(provinces[0]?.board.bot.hook.path as string, "wrong-secret")).status).toBe(401);
  });
});
