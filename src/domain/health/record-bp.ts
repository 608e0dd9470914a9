import { z } from "zod";
import { insertReturningId } from "../../db/bulk.ts";
import { memberAction } from "../actions/action.ts";
import { withHealth } from "../actors/roles.ts";
import { audit } from "../audit/audit.ts";
import { firstReached } from "../outbox/reach.ts";
import { enqueueJob } from "../scheduling/enqueue-job.ts";
import { bpLevel, parseBp } from "./bp.ts";

/** A reading typed by the member: checked, stored, and sent to a person when high. */
export const recordBp = memberAction({
  input: z.object({ text: z.string().max(40) }),
  allowed: withHealth,
  async run(tx, { text }, actor, now, fmt) {
    const bp = parseBp(text);
    if (!bp.ok) return { status: `invalid_${bp.reason}` };
    const memberId = actor.member.id;
    // Raw: a reading is a member's commonest write, often many at a meeting at once.
    const readingId = await insertReturningId(tx, "HealthReading", {
      memberId,
      systolic: bp.systolic,
      diastolic: bp.diastolic,
      recordedById: memberId,
      at: now,
    });
    await audit(tx, { actorId: memberId, action: "health.reading", subject: `reading:${readingId}`, at: now });
    const level = bpLevel(bp.systolic, bp.diastolic);
    if (level !== "normal")
      await enqueueJob(tx, {
        kind: "health.bp_alert",
        runAt: now,
        payload: { readingId, level },
        dedupeKey: `health.bp_alert:${readingId}`,
      });
    const shown = `${bp.systolic}/${bp.diastolic}`;
    if (level === "normal") return { status: level, reading: shown };
    // Told whom the alert job will reach: never «đã được báo» for nobody.
    const member = { id: memberId, clubId: actor.member.clubId };
    const { whom, told } = await firstReached(tx, member, level === "very_high" ? ["board", "volunteer"] : ["volunteer"]);
    const me = fmt.address(actor.member, now.getUTCFullYear());
    return { status: level, reading: shown, told: fmt.text(`health:told.${whom}`, { told, me }) };
  },
});
