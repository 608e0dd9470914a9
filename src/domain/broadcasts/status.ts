// Where a broadcast stands: delivered to the Bot API, waiting, failed, members with no chat (with
// their phone, for volunteers to call), and on meeting notices who will come and who won't.
import type { Broadcast } from "../../../generated/prisma/client.ts";
import type { Tx } from "../../db/client.ts";
import type { Formatter } from "../../i18n/format.ts";
import { nameWithPhone } from "../members/phone.ts";

const NAMES_SHOWN = 15;

export async function broadcastStatus(tx: Tx, broadcast: Broadcast, fmt: Formatter) {
  const rows = await tx.outboxMessage.groupBy({ by: ["status"], where: { broadcastId: broadcast.id }, _count: true });
  const count = (status: string) => rows.find((r) => r.status === status)?._count ?? 0;
  const recipients = await tx.broadcastRecipient.findMany({
    where: { broadcastId: broadcast.id, OR: [{ accountId: null }, { rsvp: { not: null } }] },
    select: { accountId: true, rsvp: true, memberId: true },
  });
  const people = new Map(
    (
      await tx.member.findMany({
        where: { id: { in: recipients.map((r) => r.memberId) } },
        select: { id: true, fullName: true, phone: true },
      })
    ).map((m) => [m.id, m]),
  );
  const names = (list: typeof recipients, withPhone = false) => {
    const shown = list.slice(0, NAMES_SHOWN).map((r) => {
      const m = people.get(r.memberId);
      if (!m) return "";
      return withPhone ? nameWithPhone(m) : m.fullName;
    });
    const more = list.length - shown.length;
    return [...shown, ...(more > 0 ? [fmt.text("broadcast:and_more", { count: more })] : [])].join(", ");
  };
  const total = await tx.broadcastRecipient.count({ where: { broadcastId: broadcast.id } });
  const noChat = recipients.filter((r) => r.accountId === null);
  const yes = recipients.filter((r) => r.rsvp === "yes");
  const no = recipients.filter((r) => r.rsvp === "no");
  const withChat = total - noChat.length;
  return {
    id: broadcast.id,
    template: fmt.text(`broadcast:template.${broadcast.template}`),
    when: fmt.when(broadcast.sendAt),
    state: broadcast.status,
    total,
    sent: count("sent"),
    pending: count("pending"),
    failed: count("failed"),
    withChat,
    noChat: noChat.length,
    noChatNames: names(noChat, true),
    meeting: broadcast.template === "meeting" ? "yes" : "no",
    yes: yes.length,
    no: no.length,
    unanswered: withChat - yes.length - no.length,
    yesNames: names(yes),
    noNames: names(no),
  };
}
