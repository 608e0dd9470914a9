// «Xóa dữ liệu của tôi» reaches the board; erase-member leaves no trace of the name or phone anywhere
// in the database, keeps the club's books adding up under a pseudonym, records the erasure, tells the member.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatOf, deliver, memberId, startTestApp, type TestApp } from "../support/app.ts";
import { cli } from "../support/cli.ts";
import { rowsHolding } from "../support/rows-holding.ts";
import { lastText, say } from "../support/webchat.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ now: new Date("2026-12-15T03:00:00Z") });
});
afterAll(() => t.close());

const clubTotal = async () => (await t.app.db.ledgerEntry.aggregate({ _sum: { amount: true } }))._sum.amount;

describe("erasing a member", () => {
  it("the request reaches a board chat; after erase-member no table holds the name or phone", async () => {
    const id = await memberId(t.app, "Hoàng Thị Mận");
    await t.app.db.member.update({ where: { id }, data: { hardship: "poor" } }); // from the roster
    const man = await chatOf(t, "Hoàng Thị Mận");
    const tam = await chatOf(t, "Nguyễn Văn Tâm");
    await say(tam, "menu");
    for (const text of ["menu", "150/95", "nho tham", "1", "hom nay", "Bà Mận cần mua thuốc huyết áp"]) await say(man, text);
    await say(man, "cai dat");
    // «Dữ liệu của tôi» lists everything held, the reading and the visit request included.
    const held = await say(man, "4");
    expect(held).toContain("• Nơi ở: Thôn Bản Ngõ");
    expect(held).toContain("• Hoàn cảnh (sổ của câu lạc bộ): hộ nghèo");
    expect(held).toContain("• Lần đo huyết áp: 1");
    expect(held).toContain("• Khoản vay: 1 (phiếu sổ quỹ: ");
    expect(held).toContain("• Yêu cầu thăm nhà: 1");
    await say(man, "cai dat");
    expect(await say(man, "5")).toMatch(/xóa dữ liệu/i);
    expect(await say(man, "1")).toContain("Đã gửi yêu cầu");
    await deliver(t.app);
    expect(await lastText(tam)).toBe(
      "Hoàng Thị Mận (01000000105) xin xóa dữ liệu của mình trên Tương Trợ. Xin Ban gọi hỏi lại, rồi nhắn «tôi gọi» để nhận việc.",
    );

    const before = await clubTotal();
    const result = await cli(["erase-member", "--member", id, "--by", "Lê Thị Hoa"], { DATABASE_URL: t.app.config.databaseUrl });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^member \S+ erased: now #[A-Z0-9]{6}; 1 chat\(s\) told\n$/);

    expect(await rowsHolding(t.app.db, ["Hoàng Thị Mận", "Mận", "+841000000105", "01000000105", "mua thuốc"])).toEqual([]);
    expect(await clubTotal()).toBe(before);
    expect(await t.app.db.member.findUniqueOrThrow({ where: { id } })).toMatchObject({ hardship: null, hamlet: null });
    expect(await t.app.db.ledgerEntry.count({ where: { memberId: id } })).toBeGreaterThan(0);
    const audit = await t.app.db.auditLog.findFirstOrThrow({ where: { action: "member.erase", subject: `member:${id}` } });
    expect(audit.actorId).toBe("operator:Lê Thị Hoa");
    expect(await lastText(man)).toBe(
      "Tương Trợ báo Bà: dữ liệu của Bà đã được xóa theo yêu cầu. Sổ quỹ chỉ còn số tiền, không còn tên. Cảm ơn Bà.",
    );
    // Erasing again changes nothing.
    const again = await cli(["erase-member", "--member", id], { DATABASE_URL: t.app.config.databaseUrl });
    expect(again.stdout).toBe(`member ${id} was already erased\n`);
  }, 60_000);
});
