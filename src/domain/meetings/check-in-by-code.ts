import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { audit } from "../audit/audit.ts";
import { checkIn } from "./check-in.ts";

const WRONG_CODES_PER_HOUR = 5;

/** A code read out at the meeting (typed, or from a deep link). Wrong codes are limited per chat. */
export const checkInByCode = memberAction({
  input: z.object({ code: z.string().max(20), via: z.enum(["code", "link"]).default("code") }),
  allowed: () => true,
  async run(tx, { code, via }, actor, now, fmt) {
    const subject = `account:${actor.accountId}`;
    const wrong = await tx.auditLog.count({
      where: { action: "checkin.code_wrong", subject, at: { gte: new Date(now.getTime() - 3_600_000) } },
    });
    if (wrong >= WRONG_CODES_PER_HOUR) return { status: "rate_limited" };
    const meeting = await tx.meeting.findUnique({ where: { code: code.toUpperCase() }, include: { club: true } });
    if (!meeting || meeting.clubId !== actor.member.clubId || meeting.status !== "scheduled") {
      await audit(tx, { action: "checkin.code_wrong", subject, at: now });
      return { status: "wrong_code" };
    }
    return checkIn.run(tx, { meetingId: meeting.id, via }, actor, now, fmt);
  },
});
