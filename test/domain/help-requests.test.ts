// «Gặp người»: the request reaches the board's chats (volunteers' when the board has none), «tôi gọi»
// takes it, the member hears who will call, and an untaken request escalates to the commune officer.
import { afterEach, describe, expect, it } from "vitest";
import { write } from "../../src/db/client.ts";
import { chatOf, deliver, memberId, startTestApp, type TestApp } from "../support/app.ts";
import { lastText, say } from "../support/webchat.ts";

const NOW = new Date("2026-12-15T01:00:00Z"); // 8:00 in Vietnam
let t: TestApp;
afterEach(() => t.close());

/** Asks for a call; the member hears exactly who was told (or that nobody could be). */
async function askForCall(name: string, told: string) {
  const member = await chatOf(t, name);
  await say(member, "gặp người");
  expect(await say(member, "1")).toContain(`${told} Khi có người nhận gọi`);
  return member;
}

describe("a call-back request", () => {
  it("reaches the board with name and phone; «tôi gọi» takes it; the member hears who will call", async () => {
    t = await startTestApp({ now: NOW });
    const tam = await chatOf(t, "Nguyễn Văn Tâm");
    const hoa = await chatOf(t, "Lê Thị Hoa");
    for (const board of [tam, hoa]) await say(board, "menu");
    const man = await askForCall("Hoàng Thị Mận", "Đã báo 2 người trong Ban Chủ nhiệm.");
    await deliver(t.app);
    for (const board of [tam, hoa])
      expect(await lastText(board)).toBe(
        "Hoàng Thị Mận (01000000105) nhờ Ban Chủ nhiệm gọi lại. Ai gọi được, xin nhắn «tôi gọi».",
      );

    expect(await say(tam, "tôi gọi")).toMatch(/Ai đang chờ được gọi\?[\s\S]*1\. Hoàng Thị Mận — nhờ gọi lại/);
    expect(await say(tam, "1")).toContain("Xin gọi Hoàng Thị Mận (01000000105). Tương Trợ đã báo Bà Mận là Ông sẽ gọi.");
    expect(await say(hoa, "toi goi")).toContain("Hiện không ai chờ được gọi lại.");
    await deliver(t.app);
    expect(await lastText(man)).toBe("Bà ơi, Nguyễn Văn Tâm (01000000101) sẽ gọi Bà sớm.");
    const request = await t.app.db.helpRequest.findFirstOrThrow();
    expect(request).toMatchObject({ status: "claimed", claimedById: await memberId(t.app, "Nguyễn Văn Tâm") });

    // Taken: no reminder later.
    t.setNow(new Date(NOW.getTime() + 5 * 3_600_000));
    await deliver(t.app);
    expect(await t.app.db.outboxMessage.count({ where: { dedupeKey: { contains: "escalate" } } })).toBe(0);
  });

  it("goes to the volunteers when no board member has a chat; escalates at 1 and 4 daytime hours while untaken", async () => {
    t = await startTestApp({ now: NOW });
    const mai = await chatOf(t, "Nguyễn Thị Mai");
    await say(mai, "menu");
    await write(t.app.db, async (tx) => {
      const club = await tx.club.findFirstOrThrow({ include: { commune: true } });
      const m = await tx.member.create({ data: { clubId: club.id, fullName: "Cán Bộ Xã", gender: "M", birthYear: 1980 } });
      await tx.role.create({ data: { memberId: m.id, role: "officer", communeId: club.communeId } });
    });
    const officerChat = await chatOf(t, "Cán Bộ Xã");
    await say(officerChat, "menu");
    const hung = await askForCall("Đặng Văn Hùng", "Ban Chủ nhiệm chưa nhận tin qua Tương Trợ, nên đã báo 1 tình nguyện viên.");
    await deliver(t.app);
    expect(await lastText(mai)).toBe("Đặng Văn Hùng (01000000107) nhờ Ban Chủ nhiệm gọi lại. Ai gọi được, xin nhắn «tôi gọi».");

    t.setNow(new Date(NOW.getTime() + 3_600_000 - 60_000));
    await deliver(t.app);
    expect(await lastText(mai)).toContain("nhờ Ban Chủ nhiệm gọi lại");
    t.setNow(new Date(NOW.getTime() + 3_600_000));
    await deliver(t.app);
    expect(await lastText(mai)).toBe(
      "Nhắc: Đặng Văn Hùng (01000000107) chờ được gọi lại đã hơn 1 giờ, chưa ai nhận. Ai gọi được, xin nhắn «tôi gọi».",
    );
    t.setNow(new Date(NOW.getTime() + 4 * 3_600_000));
    await deliver(t.app);
    expect(await lastText(officerChat)).toContain("Báo cán bộ xã: Đặng Văn Hùng (01000000107)");
    expect(await lastText(hung)).toBe("Ông ơi, Ban chưa gọi được. Đã báo cán bộ xã. Xin Ông chờ thêm ít lâu.");
  });

  it("with nobody in the club in a chat: the member is told so, never «đã báo»; the commune officer hears at once", async () => {
    t = await startTestApp({ now: NOW });
    const alone = await askForCall(
      "Đặng Văn Hùng",
      "Đã ghi yêu cầu, nhưng chưa ai trong Câu lạc bộ nhận tin qua Tương Trợ. Nếu cần gấp, xin Ông gọi thẳng Ban Chủ nhiệm.",
    );
    expect(alone).toBeDefined();
    await write(t.app.db, async (tx) => {
      const club = await tx.club.findFirstOrThrow();
      const m = await tx.member.create({ data: { clubId: club.id, fullName: "Cán Bộ Xã", gender: "M", birthYear: 1980 } });
      await tx.role.create({ data: { memberId: m.id, role: "officer", communeId: club.communeId } });
    });
    const officerChat = await chatOf(t, "Cán Bộ Xã");
    await say(officerChat, "menu");
    await askForCall("Hoàng Thị Mận", "Chưa ai trong Câu lạc bộ nhận tin qua Tương Trợ, nên đã báo cán bộ xã.");
    await deliver(t.app);
    expect(await lastText(officerChat)).toBe("Chưa ai trong Câu lạc bộ nhận tin qua Tương Trợ. Xin gọi giúp.");
  });
});
