// Linking, consent records, withdrawal, proxies, adding members in the bot, and logs without personal data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { write } from "../../src/db/client.ts";
import { loadActor } from "../../src/domain/actors/actors.ts";
import { hasConsent } from "../../src/domain/consent/consent.ts";
import { proxyCode } from "../../src/domain/members/proxy-code.ts";
import { formatterFor } from "../../src/i18n/format.ts";
import { memberId, startTestApp, type TestApp } from "../support/app.ts";
import { cli } from "../support/cli.ts";
import { WebchatUser } from "../support/webchat.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function say(chat: WebchatUser, text: string): Promise<string> {
  return (await chat.send(text)).replies.map((r) => r.text).join("\n---\n");
}

describe("linking and consent", () => {
  it("a code links once; a second use is refused", async () => {
    const first = new WebchatUser(t.url, "guest-first");
    expect(await say(first, "NGA234")).toMatch(/Kết nối xong. Chào mừng Bà Nga!/);
    const second = new WebchatUser(t.url, "guest-second");
    expect(await say(second, "NGA234")).toMatch(/Mã này chưa đúng hoặc đã dùng rồi/);
  });

  it("answers are stored per purpose with text version, time and channel; withdrawing health works at once", async () => {
    const chat = new WebchatUser(t.url, "guest-first");
    await say(chat, "1");
    await say(chat, "1");
    expect(await say(chat, "2")).toMatch(/Bà Nga cần gì ạ/);
    const nga = await memberId(t.app, "Vũ Thị Nga");
    const rows = await t.app.db.consent.findMany({ where: { memberId: nga }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.purpose, r.given, r.textVersion, r.via])).toEqual([
      ["membership", true, 1, "webchat"],
      ["health", true, 1, "webchat"],
      ["loans", false, 1, "webchat"],
    ]);
    expect(rows.every((r) => r.at instanceof Date)).toBe(true);

    expect(await say(chat, "dong y cua toi")).toMatch(/Sức khỏe: đang đồng ý/);
    expect(await say(chat, "2")).toMatch(/rút lại đồng ý này/);
    expect(await say(chat, "co")).toMatch(/Đã rút lại/);
    expect(await t.app.db.consent.count({ where: { memberId: nga, purpose: "health", given: false } })).toBe(1);
    await t.app.db.$transaction(async (tx) => {
      expect(await hasConsent(tx, nga, "health")).toBe(false);
      const account = await tx.channelAccount.findFirstOrThrow({ where: { externalUserId: "guest-first" } });
      expect((await loadActor(tx, account.id)).consents).toEqual(["membership"]);
    });
    expect(await t.app.db.auditLog.count({ where: { action: "consent.withdraw.health", subject: `member:${nga}` } })).toBe(1);
  });

  it("my data shows what is stored; delete my data is recorded for the board", async () => {
    const chat = new WebchatUser(t.url, "guest-first");
    await say(chat, "cai dat");
    expect(await say(chat, "4")).toMatch(/Tên: Vũ Thị Nga[\s\S]*Năm sinh: 1948[\s\S]*Điện thoại: 01000000106/);
    await say(chat, "cai dat");
    expect(await say(chat, "xoa du lieu cua toi")).toMatch(/xóa dữ liệu/);
    expect(await say(chat, "1")).toMatch(/Đã gửi yêu cầu/);
    expect(await t.app.db.helpRequest.count({ where: { topic: "delete_data", status: "open" } })).toBe(1);
  });

  it("the form of address can be chosen", async () => {
    const chat = new WebchatUser(t.url, "guest-first");
    await say(chat, "cai dat");
    await say(chat, "2");
    expect(await say(chat, "Bác")).toMatch(/gọi là Bác Nga/);
    expect(await say(chat, "menu")).toMatch(/Bác Nga cần gì ạ/);
  });

  it("a man is offered the forms for a man, «Anh» among them; a woman those for a woman", async () => {
    const hung = new WebchatUser(t.url, `member-${await memberId(t.app, "Đặng Văn Hùng")}`);
    await say(hung, "cai dat");
    const forms = await say(hung, "2");
    expect(forms).toMatch(/1\. Ông\n2\. Bác\n3\. Chú\n4\. Anh\n/);
    expect(forms).not.toMatch(/Bà|Chị|Cô/);
    expect(await say(hung, "4")).toMatch(/gọi là Anh Hùng/);
    const nga = new WebchatUser(t.url, "guest-first");
    await say(nga, "cai dat");
    expect(await say(nga, "2")).toMatch(/1\. Bà\n2\. Bác\n3\. Cô\n4\. Chị\n/);
  });
});

describe("acting for someone", () => {
  it("a relative linked with a proxy code acts for the member; it is audited", async () => {
    const hang = await memberId(t.app, "Ngô Thị Hằng");
    const issued = await cli(["invite-codes", "--club", "DEMO", "--proxy-for", hang], {
      DATABASE_URL: t.app.config.databaseUrl,
    });
    expect(issued.code).toBe(0);
    const code = issued.stdout.trim().split("\n")[1]?.split(",").at(-1) as string;
    const relative = new WebchatUser(t.url, "guest-relative");
    expect(await say(relative, code)).toMatch(/giúp người thân[\s\S]*cần gì ạ/);
    const account = await t.app.db.channelAccount.findFirstOrThrow({ where: { externalUserId: "guest-relative" } });
    expect(account.memberId).toBeNull();
    expect(await loadActor(t.app.db, account.id)).toMatchObject({ roles: ["proxy"], proxyFor: [hang] });
    expect(await t.app.db.auditLog.count({ where: { action: "link.proxy", onBehalfOfId: hang } })).toBe(1);
  });
});

describe("the board adds a member in the bot", () => {
  it("name, gender, birth year, phone → a code the new member can use", async () => {
    const tam = await memberId(t.app, "Nguyễn Văn Tâm");
    const board = new WebchatUser(t.url, `member-${tam}`);
    expect(await say(board, "menu")).toMatch(/4\. Việc của Ban/);
    expect(await say(board, "4")).toMatch(/1\. Sinh hoạt\n2\. Thêm thành viên/);
    expect(await say(board, "2")).toMatch(/Họ và tên người mới/);
    expect(await say(board, "Đinh Thị Gấm")).toMatch(/Giới tính/);
    expect(await say(board, "nu")).toMatch(/Năm sinh/);
    expect(await say(board, "1951")).toMatch(/Số điện thoại/);
    expect(await say(board, "12345")).toMatch(/chưa đúng[\s\S]*Số điện thoại/);
    const added = await say(board, "0915 111 222");
    const code = added.match(/Mã mời: ([A-Z0-9]{6})/)?.[1] as string;
    expect(code).toBeDefined();
    const gam = await t.app.db.member.findFirstOrThrow({ where: { fullName: "Đinh Thị Gấm" } });
    expect(gam).toMatchObject({ gender: "F", birthYear: 1951, phone: "+84915111222" });
    expect(await say(new WebchatUser(t.url, "guest-gam"), code)).toMatch(/Chào mừng Bà Gấm/);
  });

  it("a plain member has no such menu entry, and its trigger does nothing for them", async () => {
    const man = await memberId(t.app, "Hoàng Thị Mận");
    const member = new WebchatUser(t.url, `member-${man}`);
    expect(await say(member, "menu")).not.toMatch(/Thêm thành viên/);
    expect(await say(member, "them thanh vien")).not.toMatch(/Họ và tên người mới/);
  });
});

describe("logs", () => {
  it("carry no phone, name or code", async () => {
    const joined = t.logs.join("");
    expect(joined.length).toBeGreaterThan(1000);
    for (const secret of [
      "NGA234",
      "Vũ Thị Nga",
      "+841000000106",
      "0915 111 222",
      "+84915111222",
      "Đinh Thị Gấm",
      "Nguyễn Văn Tâm",
    ]) {
      expect(joined, secret).not.toContain(secret);
    }
  });
});

describe("the board approves a relative in the bot", () => {
  it("finds the member by name, gets a one-time proxy code; the relative who sends it acts for her", async () => {
    const board = new WebchatUser(t.url, `member-${await memberId(t.app, "Nguyễn Văn Tâm")}`);
    await say(board, "viec cua ban");
    expect(await say(board, "5")).toMatch(/Thành viên nào cần người nhà giúp\?/);
    expect(await say(board, "Ngô")).toMatch(/1\. Ngô Thị Hằng \(1949\)\n2\. Ngô Văn Dũng \(1947\)/);
    const issued = await say(board, "1");
    const code = issued.match(/Mã cho người nhà của Ngô Thị Hằng: ([A-Z0-9]{6})/)?.[1] as string;
    expect(code).toBeDefined();
    expect(issued).not.toMatch(/\+84|0912/); // no phone numbers in the reply
    const relative = new WebchatUser(t.url, "guest-hang-son");
    expect(await say(relative, code)).toMatch(/Kết nối xong/);
    const hang = await memberId(t.app, "Ngô Thị Hằng");
    const links = await t.app.db.proxyLink.findMany({
      where: { account: { channel: "webchat", externalUserId: "guest-hang-son" }, revokedAt: null },
    });
    expect(links.map((l) => l.memberId)).toEqual([hang]);
    expect(await say(new WebchatUser(t.url, "guest-other"), code)).not.toMatch(/Kết nối xong/); // one use
    expect(await t.app.db.auditLog.count({ where: { action: "members.proxy_code", onBehalfOfId: hang } })).toBe(1);
  });

  it("a member can't get a proxy code, and a board member can't for another club's member", async () => {
    const man = new WebchatUser(t.url, `member-${await memberId(t.app, "Hoàng Thị Mận")}`);
    expect(await say(man, "ma nguoi nha")).not.toMatch(/cần người nhà giúp/);
    const other = await write(t.app.db, async (tx) => {
      const home = await tx.club.findUniqueOrThrow({ where: { code: "DEMO" } });
      const club = await tx.club.create({ data: { communeId: home.communeId, code: "LS-HD-09", name: "CLB khác" } });
      return tx.member.create({ data: { clubId: club.id, fullName: "Người Câu Lạc Bộ Khác", gender: "F", birthYear: 1950 } });
    });
    const tam = await t.app.db.channelAccount.findFirstOrThrow({
      where: { channel: "webchat", member: { fullName: "Nguyễn Văn Tâm" } },
    });
    const result = await write(t.app.db, async (tx) =>
      proxyCode.run(tx, { memberId: other.id }, await loadActor(tx, tam.id), new Date(), formatterFor(t.app.i18n, "vi")),
    );
    expect(result).toEqual({ status: "denied" });
    expect(await t.app.db.inviteCode.count({ where: { memberId: other.id } })).toBe(0);
  });
});
