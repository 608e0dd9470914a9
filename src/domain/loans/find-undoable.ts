import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { isTreasurer } from "../actors/roles.ts";
import { entryWhat, lastUndoable } from "./payment-entry.ts";

/** Which entry «Hủy phiếu» would cancel: its number, member, amount and what it was for. */
export const findUndoable = memberAction({
  input: z.object({}),
  allowed: isTreasurer,
  async run(tx, _input, actor, now, fmt) {
    const last = await lastUndoable(tx, actor, now);
    if (!last) return { status: "nothing" };
    const member = last.memberId ? await tx.member.findUnique({ where: { id: last.memberId } }) : null;
    return {
      status: "found",
      number: last.id,
      amount: fmt.money(last.amount < 0n ? -last.amount : last.amount),
      name: member?.fullName ?? "",
      what: entryWhat(fmt, last.loan, last.fund ?? "dues"),
    };
  },
});
