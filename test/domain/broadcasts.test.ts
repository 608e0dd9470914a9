// Board broadcasts in the bot: compose, preview as a member reads it, send, status, RSVP; who may send to whom.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { write } from "../../src/db/client.ts";
import { memberId, startTestApp, type TestApp } from "../support/app.ts";
import { WebchatUser } from "../support/webchat.ts";

let t: TestApp;
const NOW = new Date("2026-12-15T01:00:00Z"); // Tuesday 8:00 in Vietnam
beforeAll(async () => {
  t = await startTestApp({ now: NOW });
});
afterAll(() => t.close());

const say = async (chat: WebchatUser, text: string) => (await chat.send(text)).replies.map((r) => r.text).join("\n---\n");
const as = async (name: string) => new WebchatUser(t.url, `member-${await memberId(t.app, name)}`);
async function deliver() {
  await t.app.scheduler.runOnce();
  await t.app.outbox.flush();
}
const last = async (chat: WebchatUser) => (await chat.transcript()).map((m) => m.text).at(-1) ?? "";

describe("a meeting notice from the board", () => {
  it("composes, previews, sends; members answer 1/2; the board sees counts and names", async () => {
    const lan = await as("Trần Thị Lan");
    expect(await say(lan, "tao buoi hop")).toMatch(/Ngày nào/);
    await say(lan, "20/12");
    await say(lan, "8h");
    await say(lan, "Nhà văn hóa thôn");
    const man = await as("Hoàng Thị Mận");
    const hung = await as("Đặng Văn Hùng");
    await say(man, "menu");
    await say(hung, "menu");
    console.log(await say(lan, "thong bao"));
    console.log(await say(lan, "1"));
    console.log(await say(lan, "1"));
    console.log(await say(lan, "1"));
    console.log(await say(lan, "1"));
    console.log(await say(lan, "1"));
    console.log(await say(lan, "1"));
    await deliver();
    console.log(await last(man));
    console.log(await say(man, "1"));
    console.log(await say(hung, "2"));
    console.log(await say(lan, "thong bao"));
    console.log(await say(lan, "2"));
  });
});
