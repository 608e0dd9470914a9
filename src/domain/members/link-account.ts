// Attach a chat account to a member, with an audit record.
import type { Tx } from "../../db/client.ts";
import { audit } from "../audit/audit.ts";

export async function linkAccount(tx: Tx, accountId: string, memberId: string, via: string, now: Date): Promise<void> {
  await tx.channelAccount.update({ where: { id: accountId }, data: { memberId, linkedAt: now } });
  await audit(tx, { actorId: memberId, action: `link.${via}`, subject: `account:${accountId}`, at: now });
}
