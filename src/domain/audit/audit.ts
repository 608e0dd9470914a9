// The audit trail: who did what, for whom. Ids only, never names, phones, money or readings.
// Inside an inbox batch the lines wait for the batch's end and go in one statement (src/db/deferred-rows.ts).
import type { Prisma } from "../../../generated/prisma/client.ts";
import { insertStatements, newId } from "../../db/bulk.ts";
import type { Tx } from "../../db/client.ts";
import { deferRow } from "../../db/deferred-rows.ts";
import { writeTogether } from "../../db/together.ts";

type AuditEntry = { actorId?: string; onBehalfOfId?: string; action: string; subject?: string; at: Date };

function auditStatements(entries: AuditEntry[]): Prisma.Sql[] {
  return insertStatements(
    "AuditLog",
    entries.map((e) => ({
      id: newId(),
      actorId: e.actorId ?? null,
      onBehalfOfId: e.onBehalfOfId ?? null,
      action: e.action,
      subject: e.subject ?? null,
      at: e.at,
    })),
  );
}

export async function audit(tx: Tx, entry: AuditEntry): Promise<void> {
  if (!deferRow(tx, auditStatements, entry)) await writeTogether(tx, auditStatements([entry]));
}
