// The audit trail: who did what, for whom. Ids only, never names, phones, money or readings.
import type { Tx } from "../../db/client.ts";

export async function audit(
  tx: Tx,
  entry: { actorId?: string; onBehalfOfId?: string; action: string; subject?: string; at: Date },
): Promise<void> {
  await tx.auditLog.create({ data: entry });
}
