// The actor cache never serves stale rights: a role added or removed, a consent withdrawn, a chat
// unlinked — by the server itself or by another process on the same database file — is seen by the
// very next message.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundEvent } from "../../src/channels/types.ts";
import { type Db, openDb, write } from "../../src/db/client.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { FIRST_CHAT, seedBigClub } from "../support/broadcast-load.ts";

let t: TestApp;
let other: Db;
let memberId: string;
const CHAT = FIRST_CHAT + 1; // a Vietnamese reader
let updateId = 1;

beforeAll(async () => {
  t = await startTestApp({ seed: false, realClock: true });
  await seedBigClub(t.app.db, 3);
  const account = await t.app.db.channelAccount.findFirstOrThrow({ where: { externalUserId: String(CHAT) } });
  memberId = account.memberId ?? "";
  // A second connection, as an operator command in another process would have. It lives in this
  // process, so the app must hold no transaction open while it writes (SQLite's busy wait would block
  // the one thread both use): replies stay queued, timed jobs stay off.
  await t.app.outbox.stop();
  await t.app.scheduler.stop();
  other = await openDb(t.app.config.databaseUrl);
});
afterAll(async () => {
  await other.$disconnect();
  await t.close();
});

/** Send `menu` (or other words) and return the text of the first reply. */
async function menu(text = "menu"): Promise<string> {
  const id = String(updateId++);
  const event: InboundEvent = {
    channel: "telegram",
    updateId: id,
    chatId: String(CHAT),
    userId: String(CHAT),
    chatType: "private",
    kind: "text",
    text,
    at: new Date(),
  };
  await t.app.inbox.handle(event);
  const reply = await t.app.db.outboxMessage.findFirstOrThrow({ where: { dedupeKey: `reply:telegram:${id}` } });
  const message = JSON.parse(reply.payload) as { text: string; choices?: Array<{ label: string }> };
  return [message.text, ...(message.choices ?? []).map((c) => c.label)].join("\n");
}

const board = () => t.app.i18n.t("vi", "board_tools:title");
/** Loans open only with loan consent: without it the words ask for the consent (left with `menu` first). */
const loansOpen = async () => {
  await menu();
  return !(await menu("khoan vay")).includes("xem khoản vay và tiền đóng góp qua Tương Trợ");
};

describe("actor cache", () => {
  it("a role added or removed by this server shows on the next message", async () => {
    expect(await menu()).not.toContain(board());
    expect(await menu()).not.toContain(board()); // served from the cache now
    expect(t.app.inbox.actorStats.hits).toBeGreaterThan(0);
    await write(t.app.db, (tx) => tx.role.create({ data: { memberId, role: "board" } }));
    expect(await menu()).toContain(board());
    await write(t.app.db, (tx) => tx.role.deleteMany({ where: { memberId, role: "board" } }));
    expect(await menu()).not.toContain(board());
  });

  it("a role or a consent changed by another process shows on the next message", async () => {
    await menu();
    await write(other, (tx) => tx.role.create({ data: { memberId, role: "board" } }));
    expect(await menu()).toContain(board());
    await write(other, (tx) => tx.role.deleteMany({ where: { memberId, role: "board" } }));
    expect(await menu()).not.toContain(board());

    await write(other, (tx) =>
      tx.consent.create({ data: { memberId, purpose: "loans", given: true, textVersion: 1, via: "board" } }),
    );
    expect(await loansOpen()).toBe(true);
    await write(other, (tx) =>
      tx.consent.create({ data: { memberId, purpose: "loans", given: false, textVersion: 1, via: "board" } }),
    );
    expect(await loansOpen()).toBe(false);
  });

  it("a consent withdrawn by this server, then a chat unlinked, show on the next message", async () => {
    await write(t.app.db, (tx) =>
      tx.consent.create({ data: { memberId, purpose: "loans", given: true, textVersion: 1, via: "board" } }),
    );
    expect(await loansOpen()).toBe(true);
    await write(t.app.db, (tx) =>
      tx.consent.create({ data: { memberId, purpose: "loans", given: false, textVersion: 1, via: "board" } }),
    );
    expect(await loansOpen()).toBe(false);

    const linked = await menu();
    await write(other, (tx) =>
      tx.channelAccount.updateMany({ where: { externalUserId: String(CHAT) }, data: { memberId: null } }),
    );
    const unlinked = await menu();
    expect(unlinked).not.toEqual(linked);
    expect(unlinked).not.toContain(t.app.i18n.t("vi", "checkin:title"));
  });
});
