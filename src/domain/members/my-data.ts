import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { phoneAsDialled } from "./phone.ts";

/** "My data": a plain summary of everything stored about the member. */
export const myData = memberAction({
  input: z.object({}),
  allowed: () => true,
  async run(tx, _input, actor, _now, fmt) {
    const memberId = actor.member.id;
    const member = await tx.member.findUniqueOrThrow({
      where: { id: memberId },
      include: { club: true, roles: true, accounts: { where: { linkedAt: { not: null } } } },
    });
    const where = { memberId };
    const [readings, reminders, loans, visits, entries] = await Promise.all([
      tx.healthReading.count({ where }),
      tx.reminder.count({ where }),
      tx.loan.count({ where }),
      tx.visitRequest.count({ where }),
      tx.ledgerEntry.count({ where }),
    ]);
    return {
      fullName: member.fullName,
      birthYear: member.birthYear,
      phone: member.phone ? phoneAsDialled(member.phone) : "—",
      place: [member.hamlet, member.address].filter(Boolean).join(", ") || "—",
      hardship: member.hardship ? fmt.text(`settings:hardship.${member.hardship}`) : "—",
      club: member.club.name,
      chats: member.accounts.length,
      consents: actor.consents.length,
      readings,
      reminders,
      loans,
      entries,
      visits,
    };
  },
});
