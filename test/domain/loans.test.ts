// import-ledger, receipts, and who may see or write money.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { write } from "../../src/db/client.ts";
import type { Actor } from "../../src/domain/actions/action.ts";
import { actions } from "../../src/domain/actions/registry.ts";
import { loadActor } from "../../src/domain/actors/actors.ts";
import { loanBalance } from "../../src/domain/loans/ledger.ts";
import { formatterFor } from "../../src/i18n/format.ts";
import { ROOT } from "../../src/root.ts";
import { chatOf, deliver, memberId, startTestApp, type TestApp } from "../support/app.ts";
import { cli } from "../support/cli.ts";
import { WebchatUser } from "../support/webchat.ts";

const book = (name: string) => path.join(ROOT, "test", "fixtures", "ledger", name);
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ now: new Date("2026-12-15T03:00:00Z") });
});
afterAll(() => t.close());

async function actorFor(fullName: string): Promise<Actor> {
  const id = await memberId(t.app, fullName);
  await new WebchatUser(t.url, `member-${id}`).send("menu");
  const account = await t.app.db.channelAccount.findFirstOrThrow({ where: { memberId: id } });
  return loadActor(t.app.db, account.id);
}

describe("import-ledger", () => {
  it("records the paper book; re-import records nothing new; identical rows both count", async () => {
    const env = { DATABASE_URL: t.app.config.databaseUrl };
    const first = await cli(["import-ledger", book("book.csv"), "--term", "10"], env);
    expect(first).toMatchObject({ code: 0, stdout: "6 rows: 6 recorded, 0 already in the book\n" });
    const again = await cli(["import-ledger", book("book.csv")], env);
    expect(again.stdout).toBe("6 rows: 0 recorded, 6 already in the book\n");
    const loan = await t.app.db.loan.findFirstOrThrow({ where: { ref: "V-2026-03" } });
    expect(loan).toMatchObject({ principal: 5_000_000n, termMonths: 10, rateBp: 0 });
    expect(await loanBalance(t.app.db as never, loan.id)).toBe(4_000_000n);
    const thu = await memberId(t.app, "Bùi Thị Thu");
    expect(await t.app.db.ledgerEntry.count({ where: { memberId: thu, fund: "dues" } })).toBe(2);
  });

  it("a book with bad rows writes nothing and names every bad row", async () => {
    const env = { DATABASE_URL: t.app.config.databaseUrl };
    const before = await t.app.db.ledgerEntry.count();
    const result = await cli(["import-ledger", book("bad-book.csv")], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^row 3: kind "gift" is not one of/m);
    expect(result.stderr).toMatch(
      /^row 4: amount_vnd "abc" is not an amount of đồng; date "31\/02\/2026" is not dd\/mm\/yyyy or yyyy-mm-dd$/m,
    );
    expect(result.stderr).toMatch(/nothing was written\n$/);
    const second = await cli(["import-ledger", book("bad-book.csv").replace("bad-book", "book"), "--rate-bp", "x"], env);
    expect(second.code).toBe(1);
    expect(await t.app.db.ledgerEntry.count()).toBe(before);
    expect(await t.app.db.loan.count({ where: { ref: "V-2026-04" } })).toBe(0);
  });

  it("a repayment past what is left on the loan is refused with its row, and nothing is written", async () => {
    const env = { DATABASE_URL: t.app.config.databaseUrl };
    const before = await t.app.db.ledgerEntry.count();
    const result = await cli(["import-ledger", book("overpaid-book.csv")], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^row 4: repayment is more than the 400,000 VND left on loan V-2026-31$/m);
    expect(await t.app.db.ledgerEntry.count()).toBe(before);
  });
});

describe("receipts", () => {
  it("undo offers only what this treasurer recorded in the chat today, not an entry seeded or imported", async () => {
    const treasurer = await chatOf(t, "Phạm Thị Bình");
    await treasurer.send("ghi so");
    expect((await treasurer.send("2")).replies[0]?.text).toMatch(/chưa ghi phiếu nào để hủy/);
  });

  it("the member gets a receipt for a repayment the treasurer records (with loan consent)", async () => {
    const man = await memberId(t.app, "Hoàng Thị Mận");
    const member = new WebchatUser(t.url, `member-${man}`);
    await member.send("menu");
    const treasurer = new WebchatUser(t.url, `member-${await memberId(t.app, "Phạm Thị Bình")}`);
    for (const step of ["ghi so", "1", "hoang thi man", "1", "1", "300.000", "1"]) await treasurer.send(step);
    await t.app.scheduler.flush();
    await t.app.outbox.flush();
    const texts = (await member.transcript()).map((m) => m.text);
    expect(texts.at(-1)).toMatch(
      /^Tương Trợ báo Bà Mận: Câu lạc bộ đã ghi tiền trả nợ 300\.000 đồng ngày 15\/12 \(Mùng 7 tháng Mười Một\)\. Số phiếu #\d+\.$/,
    );
  });
});

describe("undo", () => {
  it("names the entry before undoing it; the member is told; totals net it, by Vietnam's calendar", async () => {
    // 03:00 on 1 January in Vietnam is still 31 December in UTC: the entry belongs to January.
    await t.at(new Date("2027-01-01T03:00:00+07:00"), async () => {
      const member = await chatOf(t, "Hoàng Thị Mận");
      await member.send("menu");
      const treasurer = await chatOf(t, "Phạm Thị Bình");
      for (const step of ["ghi so", "1", "hoang thi man", "1", "1", "500k"]) await treasurer.send(step);
      const recorded = (await treasurer.send("1")).replies[0]?.text ?? "";
      const number = recorded.match(/#(\d+)/)?.[1];
      const totals = async () => {
        await treasurer.send("ghi so");
        return (await treasurer.send("3")).replies[0]?.text;
      };
      expect(await totals()).toContain("Thu nợ tháng này: 500.000 đồng");
      await treasurer.send("ghi so");
      expect((await treasurer.send("2")).replies[0]?.text).toContain(
        `Hủy phiếu #${number}: 500.000 đồng, Hoàng Thị Mận, trả nợ khoản V-2026-07? Sổ sẽ có một dòng hủy, không xóa.`,
      );
      expect((await treasurer.send("1")).replies[0]?.text).toContain(`Đã hủy phiếu #${number} (500.000 đồng, Hoàng Thị Mận).`);
      expect(await totals()).toContain("Thu nợ tháng này: 0 đồng");
      await deliver(t.app);
      const texts = (await member.transcript()).map((m) => m.text);
      expect(texts.at(-1)).toBe(
        `Tương Trợ báo Bà Mận: Phiếu #${number} (500.000 đồng) đã được hủy vì ghi nhầm. Cần hỏi thì gọi Thủ quỹ.`,
      );
    });
  });
});

describe("money access", () => {
  it("a member sees only their own loans; without loan consent, nothing", async () => {
    const fmt = formatterFor(t.app.i18n, "vi");
    const mine = actions.myLoans;
    const hung = await actorFor("Đặng Văn Hùng");
    const result = await write(
      t.app.db,
      (tx) => mine?.run(tx, {}, hung, new Date("2026-12-15T03:00:00Z"), fmt) as Promise<{ borrowed: string }>,
    );
    expect(result.borrowed).toBe("2.000.000 đồng");
    const thu = await actorFor("Bùi Thị Thu"); // no loan consent
    expect(mine?.allowed(thu, {})).toBe(false);
  });

  it("a member's loan view and data summary: borrowed, paid (an undone repayment not counted), left, dues, rows", async () => {
    const fmt = formatterFor(t.app.i18n, "vi");
    const man = await actorFor("Hoàng Thị Mận");
    const at = new Date("2027-01-02T03:00:00Z");
    const loans = await write(t.app.db, (tx) => actions.myLoans?.run(tx, {}, man, at, fmt) as Promise<Record<string, string>>);
    // Four seeded repayments of 300,000 and one recorded in the chat above; the 500,000 recorded and undone nets out.
    expect(loans).toMatchObject({
      borrowed: "3.000.000 đồng",
      paid: "1.500.000 đồng",
      left: "1.500.000 đồng",
      dues: "60.000 đồng",
    });
    const loan = await t.app.db.loan.findFirstOrThrow({ where: { ref: "V-2026-07" } });
    expect(loans.left).toBe(fmt.money(await loanBalance(t.app.db as never, loan.id)));
    const data = await write(t.app.db, (tx) => actions.myData?.run(tx, {}, man, at, fmt) as Promise<Record<string, unknown>>);
    const id = man.member?.id ?? "";
    expect(data).toMatchObject({
      fullName: "Hoàng Thị Mận",
      loans: await t.app.db.loan.count({ where: { memberId: id } }),
      entries: await t.app.db.ledgerEntry.count({ where: { memberId: id } }),
      chats: await t.app.db.channelAccount.count({ where: { memberId: id, linkedAt: { not: null } } }),
      readings: 0,
    });
    expect(data.entries).toBeGreaterThanOrEqual(7);
  });

  it("a treasurer can't record for a member of another club; a board member can't record at all", async () => {
    const other = await write(t.app.db, async (tx) => {
      const commune = await tx.commune.findFirstOrThrow();
      const club = await tx.club.create({ data: { code: "OTHER-1", name: "CLB khác", communeId: commune.id } });
      return tx.member.create({ data: { clubId: club.id, fullName: "Người Ở Xa", gender: "F", birthYear: 1950 } });
    });
    const record = actions.recordPayment;
    const fmt = formatterFor(t.app.i18n, "vi");
    const input = { memberId: other.id, target: "fund:dues", amount: "10000", key: "x1" };
    const treasurer = await actorFor("Phạm Thị Bình");
    const denied = await write(
      t.app.db,
      (tx) => record?.run(tx, record.input.parse(input), treasurer, new Date(), fmt) as Promise<{ status: string }>,
    );
    expect(denied.status).toBe("denied");
    expect(record?.allowed(await actorFor("Nguyễn Văn Tâm"), input)).toBe(false);
    expect(await t.app.db.ledgerEntry.count({ where: { memberId: other.id } })).toBe(0);
  });
});

describe("fund summary", () => {
  const at = new Date("2027-01-20T03:00:00Z");
  const summary = async (actor: Actor) =>
    write(
      t.app.db,
      (tx) => actions.fundSummary?.run(tx, {}, actor, at, formatterFor(t.app.i18n, "vi")) as Promise<Record<string, unknown>>,
    );

  it("the club's totals and loans in one read agree with the ledger summed apart; who is late is named", async () => {
    const treasurer = await actorFor("Phạm Thị Bình");
    const clubId = treasurer.member?.clubId ?? "";
    const sum = async (where: object) =>
      (await t.app.db.ledgerEntry.aggregate({ where: { clubId, ...where }, _sum: { amount: true } }))._sum.amount ?? 0n;
    const fmt = formatterFor(t.app.i18n, "vi");
    const result = await summary(treasurer);
    expect(result).toMatchObject({
      income: fmt.money(await sum({ fund: "income" })),
      activity: fmt.money(await sum({ fund: { in: ["activity", "dues"] } })),
      out: fmt.money(await sum({ loanId: { not: null } })),
      borrowers: await t.app.db.loan.count({ where: { clubId, status: "active" } }),
    });
    expect(result.borrowers).toBeGreaterThan(0);
    expect(result.overdueList).not.toBe("—");
  });

  it("a club without loans still gets its totals: nobody borrowing, nobody late", async () => {
    const board = await write(t.app.db, async (tx) => {
      const commune = await tx.commune.findFirstOrThrow();
      const club = await tx.club.create({ data: { code: "NOLOAN-1", name: "CLB chưa cho vay", communeId: commune.id } });
      const member = await tx.member.create({
        data: { clubId: club.id, fullName: "Chủ Nhiệm Mới", gender: "F", birthYear: 1958 },
      });
      await tx.role.create({ data: { memberId: member.id, role: "board", clubId: club.id } });
      await tx.ledgerEntry.create({
        data: {
          clubId: club.id,
          memberId: member.id,
          fund: "income",
          kind: "contribution",
          amount: 250_000n,
          idempotencyKey: "nl-1",
          at,
        },
      });
      return member;
    });
    expect(await summary(await actorFor(board.fullName))).toMatchObject({
      income: "250.000 đồng",
      activity: "0 đồng",
      out: "0 đồng",
      repaidMonth: "0 đồng",
      borrowers: 0,
      overdueList: "—",
    });
  });
});
