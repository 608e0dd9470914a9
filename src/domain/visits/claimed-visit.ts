import { z } from "zod";
import { Prisma } from "../../../generated/prisma/client.ts";
import { query } from "../../db/direct.ts";
import { memberAction } from "../actions/action.ts";
import { isHelper } from "../actors/roles.ts";
import { label, noteLine, whereToGo } from "./visit-text.ts";

type Row = {
  id: number | bigint;
  need: string;
  when: string;
  note: string | null;
  fullName: string;
  phone: string | null;
  hamlet: string | null;
  address: string | null;
};

/** One of the volunteer's own visits in full: who, where, what, when. One raw statement: opened on every visit taken. */
export const claimedVisit = memberAction({
  input: z.object({ visitId: z.coerce.number().int() }),
  allowed: isHelper,
  async run(tx, { visitId }, actor, _now, fmt) {
    const [visit] = await query<Row>(
      tx,
      Prisma.sql`SELECT v."id", v."need", v."when", v."note", m."fullName", m."phone", m."hamlet", m."address"
        FROM "VisitRequest" v JOIN "Member" m ON m."id" = v."memberId"
        WHERE v."id" = ${visitId} AND v."claimedById" = ${actor.member.id} AND v."status" = 'claimed'`,
    );
    if (!visit) return { status: "not_yours" };
    const id = Number(visit.id);
    return {
      status: "mine",
      ref: id,
      where: whereToGo(visit),
      what: `${label(fmt, { ...visit, id })}${noteLine(fmt, visit.note)}`,
    };
  },
});
