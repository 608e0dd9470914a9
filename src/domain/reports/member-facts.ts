// The members' facts of a chunk of clubs, each in one grouped statement: the roster's counts, and the
// reminders and readings (which have no club of their own: joined through their member).
import { Prisma } from "../../../generated/prisma/client.ts";
import { query } from "../../db/direct.ts";
import { sqlDate } from "../../db/raw.ts";
import { vietnamDay } from "../time/vietnam-time.ts";
import type { Scope } from "./fact-types.ts";

type Count = number | bigint | null;

/** Active members, women, aged 55+ in the period's last year, in hardship. */
export async function addMembers({ tx, clubIds, period, club }: Scope): Promise<void> {
  const born55 = vietnamDay(new Date(period.end.getTime() - 1)).year - 55;
  const rows = await query<{ clubId: string; members: Count; women: Count; aged55: Count; inHardship: Count }>(
    tx,
    Prisma.sql`
    SELECT "clubId", COUNT(*) AS "members",
           SUM(CASE WHEN "gender" = 'F' THEN 1 ELSE 0 END) AS "women",
           SUM(CASE WHEN "birthYear" <= ${born55} THEN 1 ELSE 0 END) AS "aged55",
           SUM(CASE WHEN "hardship" IS NOT NULL THEN 1 ELSE 0 END) AS "inHardship"
    FROM "Member" WHERE "clubId" IN (${Prisma.join(clubIds)}) AND "status" = 'active'
    GROUP BY "clubId"`,
  );
  for (const row of rows) {
    const f = club(row.clubId);
    f.members = Number(row.members ?? 0);
    f.women = Number(row.women ?? 0);
    f.aged55 = Number(row.aged55 ?? 0);
    f.inHardship = Number(row.inHardship ?? 0);
  }
}

/** Health reminders sent in the period, and those the member answered (done, later or skip): not missed. */
export async function addReminders({ tx, clubIds, period, club }: Scope): Promise<void> {
  const rows = await query<{ clubId: string; due: Count; acknowledged: Count }>(
    tx,
    Prisma.sql`
    SELECT m."clubId", COUNT(*) AS "due",
           SUM(CASE WHEN e."status" IN ('sent', 'missed') THEN 0 ELSE 1 END) AS "acknowledged"
    FROM "ReminderEvent" e JOIN "Reminder" r ON r."id" = e."reminderId" JOIN "Member" m ON m."id" = r."memberId"
    WHERE m."clubId" IN (${Prisma.join(clubIds)}) AND e."dueAt" >= ${sqlDate(period.start)} AND e."dueAt" < ${sqlDate(period.end)}
    GROUP BY m."clubId"`,
  );
  for (const row of rows) {
    const f = club(row.clubId);
    f.remindersDue += Number(row.due ?? 0);
    f.remindersAcknowledged += Number(row.acknowledged ?? 0);
  }
}

/** Readings members typed themselves in the period: blood-pressure checks too, beside the meetings'. */
export async function addOwnReadings({ tx, clubIds, period, club }: Scope): Promise<void> {
  const rows = await query<{ clubId: string; readings: Count }>(
    tx,
    Prisma.sql`
    SELECT m."clubId", COUNT(*) AS "readings"
    FROM "HealthReading" h JOIN "Member" m ON m."id" = h."memberId"
    WHERE m."clubId" IN (${Prisma.join(clubIds)}) AND h."at" >= ${sqlDate(period.start)} AND h."at" < ${sqlDate(period.end)}
    GROUP BY m."clubId"`,
  );
  for (const row of rows) club(row.clubId).bpChecks += Number(row.readings ?? 0);
}
