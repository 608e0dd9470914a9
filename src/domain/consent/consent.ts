// Consent, purpose by purpose, as Vietnam's data protection law asks for health and financial data.
// An append-only log: the latest answer per purpose counts, and every answer is kept.
import type { Tx } from "../../db/client.ts";
import { audit } from "../audit/audit.ts";

export const PURPOSES = ["membership", "health", "loans"] as const;
export type Purpose = (typeof PURPOSES)[number];

/** Bump a purpose's version whenever its consent text in locales/ changes meaning. */
export const CONSENT_TEXT_VERSION: Record<Purpose, number> = { membership: 1, health: 1, loans: 1 };

type ConsentRow = { purpose: string; given: boolean };

/** Purposes whose latest answer is yes. Rows must be newest first (highest id). */
export function currentConsents(rows: readonly ConsentRow[]): Purpose[] {
  const latest = new Map<string, boolean>();
  for (const row of rows) if (!latest.has(row.purpose)) latest.set(row.purpose, row.given);
  return PURPOSES.filter((p) => latest.get(p) === true);
}

/** Purposes the member has answered at all (yes or no). */
export async function answeredPurposes(tx: Tx, memberId: string): Promise<Purpose[]> {
  const rows = await tx.consent.findMany({ where: { memberId }, select: { purpose: true }, distinct: ["purpose"] });
  return PURPOSES.filter((p) => rows.some((r) => r.purpose === p));
}

export async function hasConsent(tx: Tx, memberId: string, purpose: Purpose): Promise<boolean> {
  const latest = await tx.consent.findFirst({ where: { memberId, purpose }, orderBy: { id: "desc" } });
  return latest?.given === true;
}

export async function recordConsent(
  tx: Tx,
  entry: { memberId: string; purpose: Purpose; given: boolean; via: string; actorId?: string; at: Date },
): Promise<void> {
  await tx.consent.create({
    data: {
      memberId: entry.memberId,
      purpose: entry.purpose,
      given: entry.given,
      via: entry.via,
      textVersion: CONSENT_TEXT_VERSION[entry.purpose],
      at: entry.at,
    },
  });
  await audit(tx, {
    actorId: entry.actorId ?? entry.memberId,
    onBehalfOfId: entry.actorId && entry.actorId !== entry.memberId ? entry.memberId : undefined,
    action: `consent.${entry.given ? "give" : "withdraw"}.${entry.purpose}`,
    subject: `member:${entry.memberId}`,
    at: entry.at,
  });
}
