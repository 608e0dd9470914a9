// A batch's reads as one union of text rows (db/union-read.ts), on the provider under test: dates,
// integers and booleans come back as what was stored, each kind to its owner.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openDb } from "../../src/db/client.ts";
import { readUnion } from "../../src/db/union-read.ts";
import { accountParts, accountsOf } from "../../src/domain/actors/actors.ts";
import { sessionPart, sessionsOf } from "../../src/domain/sessions/sessions.ts";
import { freshDatabaseUrl } from "../support/db.ts";

let db: Db;
const zone = process.env.TZ;
beforeAll(async () => {
  // Vietnam's zone for this process: a date read back as text without its zone would move 7 hours.
  process.env.TZ = "Asia/Ho_Chi_Minh";
  db = await openDb(await freshDatabaseUrl());
});
afterAll(async () => {
  process.env.TZ = zone;
  await db.$disconnect();
});

describe("a union read", () => {
  it("gives back a session's expiry to the millisecond, a member's year and consents, and an account without a session", async () => {
    const province = await db.province.create({ data: { name: "Tỉnh Hợp" } });
    const commune = await db.commune.create({ data: { provinceId: province.id, name: "Xã Hợp" } });
    const club = await db.club.create({ data: { communeId: commune.id, code: "HOP1", name: "CLB Hợp" } });
    const member = await db.member.create({ data: { clubId: club.id, fullName: "Lê Thị Hợp", gender: "F", birthYear: 1950 } });
    await db.consent.create({ data: { memberId: member.id, purpose: "health", given: false, textVersion: 1, via: "board" } });
    await db.consent.create({ data: { memberId: member.id, purpose: "health", given: true, textVersion: 1, via: "board" } });
    const linked = await db.channelAccount.create({
      data: { channel: "telegram", externalUserId: "501", chatId: "501", memberId: member.id },
    });
    await db.channelAccount.create({ data: { channel: "telegram", externalUserId: "502", chatId: "502" } });
    const expiresAt = new Date("2026-12-15T03:04:05.678Z");
    await db.session.create({ data: { accountId: linked.id, state: "{}", version: 7, expiresAt } });

    const rows = await readUnion(db, [
      sessionPart("telegram", ["501", "502"]),
      ...accountParts({ channel: "telegram", userIds: ["501", "502"] }),
    ]);

    expect([...sessionsOf(rows)]).toEqual([[linked.id, { id: expect.any(String), state: "{}", version: 7, expiresAt }]]);
    const accounts = accountsOf(rows);
    expect(accounts.map((a) => a.externalUserId).sort()).toEqual(["501", "502"]);
    const her = accounts.find((a) => a.externalUserId === "501");
    expect(her?.actor.member).toMatchObject({ id: member.id, clubId: club.id, birthYear: 1950 });
    // The latest answer counts.
    expect(her?.actor.consents).toContain("health");
    expect(accounts.find((a) => a.externalUserId === "502")?.actor.member).toBeUndefined();
  });
});
