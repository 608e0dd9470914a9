// One scenario script, unchanged, on the web chat, Telegram and Zalo: the same texts on each.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { write } from "../../src/db/client.ts";
import { issueInviteCode } from "../../src/domain/invites/invite-codes.ts";
import { memberId, type TestApp } from "../support/app.ts";
import type { FakeBotApi } from "../support/fake-bot-api.ts";
import { readScenario } from "../support/scenario.ts";
import { WebchatUser } from "../support/webchat.ts";
import { postTelegramText, postZaloText, startWithFakeChannels, type WithChannels } from "../support/webhooks.ts";

const scenario = readScenario(path.join(import.meta.dirname, "..", "scenarios", "menu-by-words.yaml"));
let telegram: FakeBotApi;
let zalo: FakeBotApi;
let t: TestApp;
let id = 1;

let running: WithChannels;

beforeAll(async () => {
  // A running clock on a day without the monthly report sweep (1st–3rd): only replies reach the chats.
  running = await startWithFakeChannels({ runningClock: true, now: new Date("2026-12-15T03:00:00Z") });
  ({ t, telegram, zalo } = running);
});
afterAll(() => running.close());

type Driver = { send(text: string): Promise<string[]> };

/** Send, then wait until the fake has received every message the transaction queued. */
function botDriver(
  channel: "telegram" | "zalo",
  api: FakeBotApi,
  chatId: string,
  post: (text: string) => Promise<Response>,
): Driver {
  return {
    async send(text) {
      const before = api.of("sendMessage", chatId).length;
      const last = (await t.app.db.outboxMessage.findFirst({ where: { channel, chatId }, orderBy: { id: "desc" } }))?.id ?? 0;
      expect((await post(text)).status).toBe(200);
      const queued = await t.app.db.outboxMessage.count({ where: { channel, chatId, id: { gt: last } } });
      await api.waitFor(() => api.of("sendMessage", chatId).length === before + queued, 15_000);
      return api
        .of("sendMessage", chatId)
        .slice(before)
        .map((c) => String(c.body.text));
    },
  };
}

function telegramDriver(userId: number): Driver {
  return botDriver("telegram", telegram, String(userId), (text) => postTelegramText(t.url, userId, text, id++));
}

function zaloDriver(userId: string): Driver {
  return botDriver("zalo", zalo, userId, (text) => postZaloText(t.url, userId, text, `x${id++}`));
}

function webchatDriver(user: string): Driver {
  const chat = new WebchatUser(t.url, user);
  return { send: async (text) => (await chat.send(text)).replies.map((r) => r.text) };
}

/** Link the chat to the scenario's member with a fresh invite code, then run the steps. */
async function run(driver: Driver): Promise<string[][]> {
  const member = await memberId(t.app, scenario.as);
  const code = await write(t.app.db, (tx) => issueInviteCode(tx, member, t.now()));
  expect((await driver.send(code)).join("\n")).toMatch(/Kết nối xong/);
  const transcript: string[][] = [];
  for (const step of scenario.steps) transcript.push(await driver.send(String(step.user)));
  return transcript;
}

describe("the same scenario on every channel", () => {
  it(`${scenario.title}: web chat, Telegram and Zalo give the same texts`, async () => {
    const [web, tg, za] = await Promise.all([
      run(webchatDriver("guest-cross")),
      run(telegramDriver(7_700_001)),
      run(zaloDriver("zalo-cross")),
    ]);
    expect(tg).toEqual(web);
    expect(za).toEqual(web);
    for (const [i, step] of scenario.steps.entries()) {
      for (const want of [step.bot ?? []].flat()) expect(web[i]?.join("\n")).toContain(want);
    }
  }, 60_000);
});

describe("a home visit across channels", () => {
  it("member on Telegram asks; volunteer on Zalo is notified, claims and reports; the member hears who comes", async () => {
    const link = async (driver: Driver, name: string) => {
      const code = await write(t.app.db, async (tx) => issueInviteCode(tx, await memberId(t.app, name), t.now()));
      expect((await driver.send(code)).join("\n")).toMatch(/Kết nối xong/);
      for (const answer of ["1", "1", "1"]) await driver.send(answer);
    };
    const member = telegramDriver(7_700_100);
    const volunteer = zaloDriver("zalo-volunteer");
    await link(member, "Ngô Thị Hằng");
    await link(volunteer, "Hoàng Thị Yến");

    expect((await member.send("nho tham")).join("\n")).toMatch(/cần giúp việc gì/);
    await member.send("3");
    await member.send("mai");
    const done = (await member.send("không")).join("\n");
    const ref = done.match(/#(\d+)/)?.[1] as string;
    expect(ref).toBeDefined();

    await zalo.waitFor(
      () => zalo.of("sendMessage", "zalo-volunteer").some((c) => String(c.body.text).includes(`Yêu cầu thăm #${ref}`)),
      15_000,
    );
    const notice = zalo.of("sendMessage", "zalo-volunteer").find((c) => String(c.body.text).includes(`#${ref}`));
    expect(String(notice?.body.text)).toMatch(/Ngô Thị Hằng .* cần «Trò chuyện, bầu bạn»/);

    await volunteer.send("viec tham nha");
    await volunteer.send("1");
    expect((await volunteer.send("1")).join("\n")).toMatch(`Đã nhận yêu cầu #${ref}`);
    await telegram.waitFor(
      () => telegram.of("sendMessage", 7_700_100).some((c) => String(c.body.text).includes("Hoàng Thị Yến sẽ đến")),
      15_000,
    );

    await volunteer.send("viec cua toi");
    await volunteer.send("1");
    await volunteer.send("1");
    await volunteer.send("Nói chuyện, đọc báo cùng bà");
    expect((await volunteer.send("1")).join("\n")).toMatch(/Đã ghi báo cáo/);
    const visit = await t.app.db.visitRequest.findUniqueOrThrow({ where: { id: Number(ref) } });
    expect(visit).toMatchObject({ status: "done", condition: "fine" });
  }, 60_000);
});
