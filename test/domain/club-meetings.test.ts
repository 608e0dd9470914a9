// A burst brings a club's members in one batch: the club's meetings and who is present are read
// once per transaction, and what the transaction writes to them is never missed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statementsSent, type Tx, write } from "../../src/db/client.ts";
import { meetingsNow, recordAttendance } from "../../src/domain/meetings/meetings.ts";
import { memberId, startTestApp, type TestApp } from "../support/app.ts";

let t: TestApp;
const NOW = new Date("2026-12-15T01:05:00Z");
let clubId = "";
let meetingId = "";
let lan = "";
let thu = "";

beforeAll(async () => {
  t = await startTestApp({ now: NOW });
  clubId = (await t.app.db.club.findUniqueOrThrow({ where: { code: "DEMO" } })).id;
  lan = await memberId(t.app, "Trần Thị Lan");
  thu = await memberId(t.app, "Bùi Thị Thu");
  const meeting = await write(t.app.db, (tx) =>
    tx.meeting.create({ data: { clubId, startsAt: new Date("2026-12-15T01:00:00Z"), place: "Nhà văn hóa", code: "K7P2QX" } }),
  );
  meetingId = meeting.id;
});
afterAll(() => t.close());

/** Statements the client sends while `work` runs. */
async function counted<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const before = statementsSent(t.app.db).statements;
  const result = await work();
  return { result, statements: statementsSent(t.app.db).statements - before };
}

const presentAt = async (tx: Tx, member: string) =>
  (await meetingsNow(tx, clubId, member, NOW)).open.find((m) => m.meeting.id === meetingId)?.presentAt;

describe("a club's meetings in one transaction", () => {
  it("are read once for all its members; a check-in in the transaction is seen without reading again", async () => {
    await write(t.app.db, async (tx) => {
      const first = await counted(async () => [await presentAt(tx, lan), await presentAt(tx, thu)]);
      expect(first.result).toEqual([undefined, undefined]);
      expect(first.statements).toBe(1);
      const checkIn = await counted(() => recordAttendance(tx, { meetingId, memberId: lan, via: "menu", at: NOW }));
      expect(checkIn.result.status).toBe("checked_in");
      const after = await counted(async () => [await presentAt(tx, lan), await presentAt(tx, thu)]);
      expect(after.result).toEqual([NOW, undefined]);
      expect(after.statements).toBe(0);
      throw new Error("roll back");
    }).catch((error: Error) => expect(error.message).toBe("roll back"));
  });

  it("are read again after the transaction writes meetings or attendance any other way", async () => {
    await write(t.app.db, async (tx) => {
      const openBefore = (await meetingsNow(tx, clubId, thu, NOW)).open.length;
      await tx.attendance.create({ data: { meetingId, memberId: thu, status: "present", via: "rollcall", at: NOW } });
      // A check-in of its own after that write does not make the copy current again.
      await recordAttendance(tx, { meetingId, memberId: lan, via: "menu", at: NOW });
      const seen = await counted(async () => [await presentAt(tx, thu), await presentAt(tx, lan)]);
      expect(seen.result).toEqual([NOW, NOW]);
      expect(seen.statements).toBe(1);
      await tx.meeting.create({
        data: { clubId, startsAt: new Date("2026-12-15T02:00:00Z"), place: "Sân đình", code: "K7P2QY" },
      });
      expect((await meetingsNow(tx, clubId, thu, NOW)).open).toHaveLength(openBefore + 1);
      throw new Error("roll back");
    }).catch((error: Error) => expect(error.message).toBe("roll back"));
  });

  it("are read again by the next transaction: what others committed since is seen", async () => {
    await write(t.app.db, async (tx) => expect(await presentAt(tx, thu)).toBeUndefined());
    await write(t.app.db, (tx) =>
      tx.attendance.create({ data: { meetingId, memberId: thu, status: "present", via: "rollcall", at: NOW } }),
    );
    await write(t.app.db, async (tx) => expect(await presentAt(tx, thu)).toEqual(NOW));
  });
});
