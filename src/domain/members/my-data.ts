import { z } from "zod";
import { Prisma } from "../../../generated/prisma/client.ts";
import { query } from "../../db/direct.ts";
import { memberAction } from "../actions/action.ts";
import { phoneAsDialled } from "./phone.ts";

type Row = {
  fullName: string;
  birthYear: number | bigint | null;
  phone: string | null;
  hamlet: string | null;
  address: string | null;
  hardship: string | null;
  club: string;
  chats: number | bigint;
  readings: number | bigint;
  reminders: number | bigint;
  loans: number | bigint;
  visits: number | bigint;
  entries: number | bigint;
};

/** Rows of a table about the member, counted inside the one statement. */
const countOf = (table: string) => Prisma.sql`(SELECT COUNT(*) FROM ${Prisma.raw(`"${table}"`)} x WHERE x."memberId" = m."id")`;

/** "My data": a plain summary of everything stored about the member (one raw statement: a reply on the chat's path). */
export const myData = memberAction({
  input: z.object({}),
  allowed: () => true,
  async run(tx, _input, actor, _now, fmt) {
    const [member] = await query<Row>(
      tx,
      Prisma.sql`
      SELECT m."fullName", m."birthYear", m."phone", m."hamlet", m."address", m."hardship", c."name" AS "club",
             (SELECT COUNT(*) FROM "ChannelAccount" a WHERE a."memberId" = m."id" AND a."linkedAt" IS NOT NULL) AS "chats",
             ${countOf("HealthReading")} AS "readings", ${countOf("Reminder")} AS "reminders", ${countOf("Loan")} AS "loans",
             ${countOf("VisitRequest")} AS "visits", ${countOf("LedgerEntry")} AS "entries"
      FROM "Member" m JOIN "Club" c ON c."id" = m."clubId"
      WHERE m."id" = ${actor.member.id}`,
    );
    if (!member) throw new Error("a linked member vanished");
    return {
      fullName: member.fullName,
      birthYear: member.birthYear === null ? null : Number(member.birthYear),
      phone: member.phone ? phoneAsDialled(member.phone) : "—",
      place: [member.hamlet, member.address].filter(Boolean).join(", ") || "—",
      hardship: member.hardship ? fmt.text(`settings:hardship.${member.hardship}`) : "—",
      club: member.club,
      chats: Number(member.chats),
      consents: actor.consents.length,
      readings: Number(member.readings),
      reminders: Number(member.reminders),
      loans: Number(member.loans),
      entries: Number(member.entries),
      visits: Number(member.visits),
    };
  },
});
