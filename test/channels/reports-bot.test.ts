// «Báo cáo» in the bot: a board member on Telegram and on Zalo gets the text, the chart picture and,
// on request, the spreadsheet; the web chat shows the picture; another club's board and a member get
// nothing of it; the monthly job reaches boards on the 1st at 8:00; the board records a meeting's activities.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { write } from "../../src/db/client.ts";
import { issueInviteCode } from "../../src/domain/invites/invite-codes.ts";
import { scheduleMeetingJobs } from "../../src/domain/meetings/meeting-jobs.ts";
import { deliver, memberId, type TestApp } from "../support/app.ts";
import type { FakeBotApi, Upload } from "../support/fake-bot-api.ts";
import { say, WebchatUser } from "../support/webchat.ts";
import { postTelegramText, postZaloText, startWithFakeChannels, type WithChannels } from "../support/webhooks.ts";

// Tuesday 15 December 2026, 10:00 in Vietnam.
const NOW = new Date("2026-12-15T03:00:00Z");
const PUBLIC = "https://tuongtro.example";
let telegram: FakeBotApi;
let zalo: FakeBotApi;
let t: TestApp;
let updateId = 1;

const TG_BOARD = 7_800_001;
const TG_OTHER_BOARD = 7_800_002;
const TG_MEMBER = 7_800_003;
const ZALO_BOARD = "zalo-board";

async function tg(userId: number, text: string): Promise<void> {
  expect((await postTelegramText(t.url, userId, text, updateId++)).status).toBe(200);
}

async function za(userId: string, text: string): Promise<void> {
  expect((await postZaloText(t.url, userId, text, `z${updateId++}`)).status).toBe(200);
}

/** GET a file from the server, reading its body to the end (an unread body keeps the connection busy). */
async function download(
  url: string,
): Promise<{ status: number; type: string | null; disposition: string | null; bytes: Buffer }> {
  const res = await fetch(url);
  const bytes = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    disposition: res.headers.get("content-disposition"),
    bytes,
  };
}

/** Everything the fake received for a chat, as [method, text or caption]. */
const calls = (api: FakeBotApi, chat: string | number) =>
  api.calls
    .filter((c) => String(c.body.chat_id) === String(chat))
    .map((c) => [c.method, String(c.body.text ?? c.body.caption ?? "")]);

async function link(send: (text: string) => Promise<void>, name: string): Promise<void> {
  const code = await write(t.app.db, async (tx) => issueInviteCode(tx, await memberId(t.app, name), NOW));
  await send(code);
  await send("0");
  await deliver(t.app);
}

let running: WithChannels;

beforeAll(async () => {
  // Jobs run only when a test delivers: a role is removed between a report's request and its making.
  running = await startWithFakeChannels({ now: NOW, env: { PUBLIC_URL: PUBLIC }, jobsIntervalMs: 3_600_000 });
  ({ t, telegram, zalo } = running);
  // A second club in another commune, with its own board member.
  const demo = await t.app.db.club.findUniqueOrThrow({ where: { code: "DEMO" }, include: { commune: true } });
  const commune = await t.app.db.commune.create({ data: { name: "Xã Khác", provinceId: demo.commune.provinceId } });
  const other = await t.app.db.club.create({ data: { code: "OTHER", name: "CLB Thôn Khác", communeId: commune.id } });
  const otherBoard = await t.app.db.member.create({
    data: {
      clubId: other.id,
      fullName: "Đỗ Văn Khác",
      gender: "M",
      birthYear: 1960,
      roles: { create: { role: "board", clubId: other.id } },
    },
  });
  await t.app.db.consent.create({
    data: { memberId: otherBoard.id, purpose: "membership", given: true, textVersion: 1, via: "board" },
  });
  await link((x) => tg(TG_BOARD, x), "Nguyễn Văn Tâm");
  await link((x) => tg(TG_OTHER_BOARD, x), "Đỗ Văn Khác");
  await link((x) => tg(TG_MEMBER, x), "Hoàng Thị Mận");
  await link((x) => za(ZALO_BOARD, x), "Lê Thị Hoa");
}, 60_000);
// Closing waits for the outbox and job passes in flight, which a loaded CI machine can make slow.
afterAll(() => running.close(), 120_000);

describe("a board member asks «báo cáo»", () => {
  it("on Telegram: a short text, the chart as a photo, then the offer of the spreadsheet, sent as a document at 1", async () => {
    const before = telegram.calls.length;
    await tg(TG_BOARD, "báo cáo");
    await tg(TG_BOARD, "1");
    await deliver(t.app);
    const seen = telegram.calls.slice(before).filter((c) => String(c.body.chat_id) === String(TG_BOARD));
    const texts = seen.filter((c) => c.method === "sendMessage").map((c) => String(c.body.text));
    expect(texts.join("\n")).toMatch(/Đang làm báo cáo tháng 12\/2026 của CLB Liên thế hệ tự giúp nhau thôn Bản Ngõ/);
    expect(texts.join("\n")).toMatch(
      /Báo cáo tháng 12\/2026 — CLB Liên thế hệ[^\n]*\nKế hoạch của tỉnh Lạng Sơn[\s\S]*Các chỉ tiêu còn xa mục tiêu nhất:\n• /,
    );
    const lines = texts.join("\n").match(/^• .*$/gm) ?? [];
    expect(lines).toHaveLength(5); // the 5 furthest from target
    expect(lines.at(-1)).toMatch(/chưa có số liệu/); // no member in hardship yet: no share to show
    const photo = seen.find((c) => c.method === "sendPhoto");
    const upload = photo?.body.photo as Upload;
    expect(upload.bytes.subarray(1, 4).toString()).toBe("PNG");
    expect(String(photo?.body.caption)).toBe("Báo cáo tháng 12/2026 — CLB Liên thế hệ tự giúp nhau thôn Bản Ngõ");
    // The photo comes after the text it illustrates.
    expect(seen.findIndex((c) => c.method === "sendPhoto")).toBeGreaterThan(
      seen.findIndex((c) => /Các chỉ tiêu/.test(String(c.body.text))),
    );

    // The spreadsheet is offered after the chart, with its button: the newest message on screen.
    const last = seen.at(-1);
    expect(String(last?.body.text)).toMatch(/^Cần bảng tính để lưu hoặc in, Ông bấm 1\./);
    expect(JSON.stringify(last?.body.reply_markup)).toContain("Nhận file Excel");

    await tg(TG_BOARD, "1");
    await deliver(t.app);
    const doc = telegram.of("sendDocument", TG_BOARD).at(-1);
    const file = doc?.body.document as Upload;
    expect(file.filename).toBe("bao-cao-2026-12.xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as unknown as ExcelJS.Buffer);
    expect(book.getWorksheet("Tổng hợp")?.getCell("A2").value).toBe("CLB Liên thế hệ tự giúp nhau thôn Bản Ngõ — tháng 12/2026");
  }, 30_000);

  it("on Zalo: the text, the picture fetched from the server by address, and a one-time 24-hour link to the file", async () => {
    await za(ZALO_BOARD, "bao cao");
    await za(ZALO_BOARD, "2");
    await deliver(t.app);
    expect(
      calls(zalo, ZALO_BOARD)
        .map(([, text]) => text)
        .join("\n"),
    ).toMatch(/Báo cáo tháng 11\/2026 — CLB Liên thế hệ/);
    const photo = zalo.of("sendPhoto", ZALO_BOARD).at(-1);
    const url = String(photo?.body.photo);
    expect(url).toMatch(new RegExp(`^${PUBLIC}/files/[A-Za-z0-9_-]{32}$`));
    const picture = await download(url.replace(PUBLIC, t.url));
    expect(picture.status).toBe(200);
    expect(picture.type).toBe("image/png");
    expect(picture.bytes.subarray(1, 4).toString()).toBe("PNG");

    await za(ZALO_BOARD, "1");
    await deliver(t.app);
    const text = String(zalo.of("sendMessage", ZALO_BOARD).at(-1)?.body.text);
    expect(text).toMatch(/File Excel — Báo cáo tháng 11\/2026[\s\S]*dùng được một lần, trong 24 giờ/);
    const link = (text.match(/https:\/\/\S+/)?.[0] ?? "").replace(PUBLIC, t.url);
    const first = await download(link);
    expect(first.status).toBe(200);
    expect(first.disposition).toMatch(/attachment; filename\*=UTF-8''bao-cao-2026-11\.xlsx/);
    expect(first.bytes.byteLength).toBeGreaterThan(1000);
    expect((await download(link)).status).toBe(410); // once only
    expect(zalo.of("sendDocument", ZALO_BOARD)).toHaveLength(0);
    expect(t.logs.filter((l) => /send failed/.test(l))).toEqual([]);
  }, 30_000);

  it("«nhận file Excel» at any other time asks which month, then sends the spreadsheet", async () => {
    const before = telegram.of("sendDocument", TG_BOARD).length;
    await tg(TG_BOARD, "menu");
    await tg(TG_BOARD, "Nhận file Excel");
    await tg(TG_BOARD, "2");
    await deliver(t.app);
    const docs = telegram.of("sendDocument", TG_BOARD);
    expect(docs).toHaveLength(before + 1);
    const upload = docs.at(-1)?.body.document as Upload | undefined;
    expect(upload?.filename).toBe("bao-cao-2026-11.xlsx");
  }, 30_000);

  it("a link is gone after 24 hours", async () => {
    // The picture's link sent to Zalo (kept 24 h, not one-time); the database holds only its hash.
    const link = String(zalo.of("sendPhoto", ZALO_BOARD).at(-1)?.body.photo).replace(PUBLIC, t.url);
    const id = link.split("/").at(-1) ?? "";
    expect(await t.app.db.reportFile.count({ where: { id } })).toBe(0);
    const file = await t.app.db.reportFile.findFirstOrThrow({ where: { oneTime: false }, orderBy: { createdAt: "desc" } });
    expect((await download(link)).status).toBe(200);
    await t.at(new Date(file.expiresAt.getTime() + 1), async () => {
      expect((await download(link)).status).toBe(410);
    });
    // An id never handed out, or one character off a real one: 404.
    expect((await download(`${t.url}/files/not-a-file`)).status).toBe(404);
    const last = id.at(-1) === "A" ? "B" : "A";
    expect((await download(`${t.url}/files/${id.slice(0, -1)}${last}`)).status).toBe(404);
  });

  it("another club's board gets its own club only; a member gets no report at all", async () => {
    await tg(TG_OTHER_BOARD, "báo cáo");
    await tg(TG_OTHER_BOARD, "1");
    await deliver(t.app);
    const other = calls(telegram, TG_OTHER_BOARD)
      .map(([, text]) => text)
      .join("\n");
    expect(other).toMatch(/Báo cáo tháng 12\/2026 — CLB Thôn Khác/);
    expect(other).not.toMatch(/Bản Ngõ/);

    const before = calls(telegram, TG_MEMBER).length;
    await tg(TG_MEMBER, "báo cáo");
    await tg(TG_MEMBER, "1");
    await deliver(t.app);
    const member = calls(telegram, TG_MEMBER).slice(before);
    expect(member.map(([method]) => method)).not.toContain("sendPhoto");
    expect(member.map(([, text]) => text).join("\n")).not.toMatch(/Báo cáo tháng|chỉ tiêu/);
    const account = await t.app.db.channelAccount.findFirstOrThrow({ where: { chatId: String(TG_MEMBER) } });
    expect(await t.app.db.reportFile.count({ where: { accountId: account.id } })).toBe(0);
    expect(await t.app.db.job.count({ where: { kind: "report.deliver", payload: { contains: account.id } } })).toBe(0);
  }, 30_000);

  it("a role removed between the request and the delivery sends nothing", async () => {
    const hoa = await memberId(t.app, "Lê Thị Hoa");
    // From before the request: its answer may leave before the role is removed.
    const before = zalo.calls.length;
    await za(ZALO_BOARD, "bao cao");
    await za(ZALO_BOARD, "1");
    const role = await t.app.db.role.findFirstOrThrow({ where: { memberId: hoa, role: "board" } });
    await t.app.db.role.delete({ where: { id: role.id } });
    await deliver(t.app);
    await t.app.db.role.create({ data: { memberId: hoa, role: "board", clubId: role.clubId } });
    const after = zalo.calls.slice(before).filter((c) => c.body.chat_id === ZALO_BOARD);
    expect(after.map((c) => c.method)).not.toContain("sendPhoto");
    expect(after.map((c) => String(c.body.text)).join("\n")).not.toMatch(/Báo cáo tháng|chỉ tiêu/);
    expect(after.map((c) => String(c.body.text)).join("\n")).toMatch(/Đang làm báo cáo/); // the request itself was answered
  }, 30_000);
});

describe("officers and the web chat", () => {
  it("an officer finds «Báo cáo» in the main menu and gets their commune; the web chat shows the chart", async () => {
    const binh = await memberId(t.app, "Phạm Thị Bình");
    const demo = await t.app.db.club.findUniqueOrThrow({ where: { code: "DEMO" }, include: { commune: true } });
    await t.app.db.role.create({ data: { memberId: binh, role: "officer", communeId: demo.communeId } });
    const chat = new WebchatUser(t.url, `member-${binh}`);
    const menu = await say(chat, "menu");
    expect(menu).toMatch(/6\. Thêm/); // member, treasurer and officer: more than 6 entries
    const entry = (await say(chat, "6")).match(/(\d)\. Báo cáo/)?.[1];
    expect(entry).toBeDefined();
    expect(await say(chat, entry as string)).toMatch(/muốn xem báo cáo tháng nào/);
    expect(await say(chat, "1")).toMatch(new RegExp(`Đang làm báo cáo tháng 12/2026 của ${demo.commune.name}`));
    await deliver(t.app);
    const transcript = (await chat.transcript()) as unknown as Array<{
      text: string;
      attachment?: { kind: string; url: string };
    }>;
    const [chart, offer] = transcript.slice(-2);
    expect(chart?.attachment?.kind).toBe("photo");
    expect(offer?.text).toMatch(/Cần bảng tính để lưu hoặc in/);
    const picture = await download(`${t.url}${chart?.attachment?.url}`);
    expect(picture.type).toBe("image/png");
  }, 30_000);
});

describe("the monthly report", () => {
  it("goes to every board member and officer with a chat on the 1st from 8:00, once; never to members", async () => {
    const jobs = () =>
      t.app.db.job.count({ where: { kind: "report.deliver", dedupeKey: { startsWith: "report.monthly:2026-12:" } } });
    await t.at(new Date("2027-01-01T00:59:00Z"), () => deliver(t.app)); // 07:59 in Vietnam
    expect(await jobs()).toBe(0);
    const before = calls(telegram, TG_BOARD).length;
    const memberBefore = calls(telegram, TG_MEMBER).length;
    await t.at(new Date("2027-01-01T01:00:00Z"), async () => {
      await deliver(t.app);
      await deliver(t.app);
    });
    // Tâm (Telegram), Hoa (Zalo), the other club's board (Telegram), the officer (web chat).
    const queued = await t.app.db.job.findMany({ where: { dedupeKey: { startsWith: "report.monthly:2026-12:" } } });
    const accounts = queued.map((j) => (JSON.parse(j.payload) as { accountId: string }).accountId);
    const names = await t.app.db.channelAccount.findMany({ where: { id: { in: accounts } }, include: { member: true } });
    expect(names.map((a) => a.member?.fullName).sort((a, b) => String(a).localeCompare(String(b), "vi"))).toEqual([
      "Đỗ Văn Khác",
      "Lê Thị Hoa",
      "Nguyễn Văn Tâm",
      "Phạm Thị Bình",
    ]);
    const got = calls(telegram, TG_BOARD).slice(before);
    expect(got.map(([, text]) => text).join("\n")).toMatch(
      /Báo cáo hằng tháng của Tương Trợ\.\nBáo cáo tháng 12\/2026 — CLB Liên thế hệ/,
    );
    expect(got.map(([method]) => method)).toContain("sendPhoto");
    expect(calls(telegram, TG_MEMBER).slice(memberBefore)).toHaveLength(0);
    await t.at(new Date("2027-01-01T05:00:00Z"), () => deliver(t.app));
    expect(await jobs()).toBe(4);
  }, 60_000);
});

describe("the board records a meeting's activities", () => {
  it("asked two hours after the start; «1, 3 và 5» and a count are kept; corrected the same day; closed the next", async () => {
    const tam = await memberId(t.app, "Nguyễn Văn Tâm");
    const demo = await t.app.db.club.findUniqueOrThrow({ where: { code: "DEMO" } });
    const meeting = await t.app.db.meeting.create({
      data: { clubId: demo.id, startsAt: new Date("2026-12-15T01:00:00Z"), place: "Nhà văn hóa", code: "ACT123" },
    });
    await write(t.app.db, (tx) => scheduleMeetingJobs(tx, meeting, NOW));
    await t.at(new Date("2026-12-15T03:00:00Z"), () => deliver(t.app));
    expect(calls(telegram, TG_BOARD).at(-1)?.[1]).toMatch(/Buổi sinh hoạt hôm nay đã xong chưa ạ\? Ông nhắn «ghi nội dung»/);

    const chat = new WebchatUser(t.url, `member-${tam}`);
    const opened = await say(chat, "ghi nội dung");
    expect(opened).toMatch(/8 nội dung: 1 Tăng thu nhập/);
    expect(opened).toMatch(/có những nội dung nào\?/);
    expect(await say(chat, "9 10")).toMatch(/nhắn các số từ 1 đến 8/);
    expect(await say(chat, "1, 3 và 5")).toMatch(/bao nhiêu người/);
    expect(await say(chat, "25")).toMatch(/Đã ghi 3 nội dung: 1\. Tăng thu nhập, 3\. Chăm sóc tại nhà, 5\. Quyền lợi; 25 người/);
    expect(await t.app.db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).toMatchObject({
      activities: "1,3,5",
      bpChecks: 25,
    });

    expect(await say(chat, "ghi nội dung")).toMatch(/đã ghi: 1\. Tăng thu nhập, 3\. Chăm sóc tại nhà, 5\. Quyền lợi; 25 người/);
    await say(chat, "tất cả");
    expect(await say(chat, "không")).toMatch(/Đã ghi 8 nội dung/);
    expect(await t.app.db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).toMatchObject({
      activities: "1,2,3,4,5,6,7,8",
      bpChecks: 0,
    });
    await t.at(new Date("2026-12-16T03:00:00Z"), async () => {
      expect(await say(chat, "ghi nội dung")).toMatch(/chưa có buổi sinh hoạt nào đã bắt đầu/);
    });
    const member = new WebchatUser(t.url, `member-${await memberId(t.app, "Hoàng Thị Mận")}`);
    expect(await say(member, "ghi nội dung")).not.toMatch(/8 nội dung/);
  }, 60_000);
});
