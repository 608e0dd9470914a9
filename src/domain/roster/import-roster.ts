// Apply a validated roster in one transaction: places and clubs created as needed, members created
// or updated, club roles synced. Re-importing the same file changes nothing.
import { randomUUID } from "node:crypto";
import { type Db, type Tx, write } from "../../db/client.ts";
import { audit } from "../audit/audit.ts";
import type { ClubRole, RosterRow } from "./roster-rows.ts";

export type ImportResult = { created: number; updated: number; unchanged: number };

export async function importRoster(
  db: Db,
  rows: RosterRow[],
  now: Date,
  progress?: (done: number) => void,
): Promise<ImportResult> {
  return write(db, async (tx) => {
    const clubIds = await ensureClubs(tx, rows);
    const existing = await tx.member.findMany({
      where: { clubId: { in: [...new Set(clubIds.values())] } },
      include: { roles: true },
    });
    const byIdentity = new Map(existing.map((m) => [`${m.clubId}|${m.fullName}|${m.birthYear}`, m]));
    const result: ImportResult = { created: 0, updated: 0, unchanged: 0 };
    const newMembers: Array<{
      id: string;
      clubId: string;
      fullName: string;
      gender: string;
      birthYear: number;
      phone: string | null;
      hamlet: string | null;
      address: string | null;
      hardship: string | null;
    }> = [];
    const newRoles: Array<{ memberId: string; role: string; clubId: string }> = [];
    for (const [i, row] of rows.entries()) {
      const clubId = clubIds.get(row.clubCode) as string;
      const member = byIdentity.get(`${clubId}|${row.fullName}|${row.birthYear}`);
      if (!member) {
        const id = randomUUID();
        const { fullName, gender, birthYear, phone, hamlet = null, address = null, hardship = null } = row;
        newMembers.push({ id, clubId, fullName, gender, birthYear, phone, hamlet, address, hardship });
        newRoles.push(...clubRoles(row.roles).map((role) => ({ memberId: id, role, clubId })));
        result.created += 1;
      } else {
        const changed = await syncMember(tx, member, row, clubId);
        result[changed ? "updated" : "unchanged"] += 1;
        if (changed) await audit(tx, { action: "roster.update", subject: `member:${member.id}`, at: now });
      }
      if ((i + 1) % 1000 === 0) progress?.(i + 1);
    }
    await tx.member.createMany({ data: newMembers });
    await tx.role.createMany({ data: newRoles });
    if (newMembers.length > 0) await audit(tx, { action: "roster.import", subject: `members:${newMembers.length}`, at: now });
    return result;
  });
}

/** "member" is implied by membership; only the other club roles are stored. */
function clubRoles(roles: ClubRole[]): ClubRole[] {
  return roles.filter((r) => r !== "member");
}

async function ensureClubs(tx: Tx, rows: RosterRow[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const row of rows) {
    if (ids.has(row.clubCode)) continue;
    const province = await tx.province.upsert({ where: { name: row.province }, create: { name: row.province }, update: {} });
    const commune = await tx.commune.upsert({
      where: { provinceId_name: { provinceId: province.id, name: row.commune } },
      create: { provinceId: province.id, name: row.commune },
      update: {},
    });
    const club = await tx.club.upsert({
      where: { code: row.clubCode },
      create: { code: row.clubCode, name: row.clubName, communeId: commune.id },
      update: { name: row.clubName, communeId: commune.id },
    });
    ids.set(row.clubCode, club.id);
  }
  return ids;
}

type ExistingMember = {
  id: string;
  gender: string;
  phone: string | null;
  hamlet: string | null;
  address: string | null;
  hardship: string | null;
  status: string;
  roles: Array<{ id: string; role: string }>;
};

/** Bring a member in line with their row; true when anything changed. */
async function syncMember(tx: Tx, member: ExistingMember, row: RosterRow, clubId: string): Promise<boolean> {
  let changed = false;
  const same = (["gender", "phone", "hamlet", "address", "hardship"] as const).every(
    (k) => row[k] === undefined || member[k] === row[k],
  );
  if (!same || member.status !== "active") {
    const { gender, phone, hamlet, address, hardship } = row;
    await tx.member.update({
      where: { id: member.id },
      data: { gender, phone, hamlet, address, hardship, status: "active" },
    });
    changed = true;
  }
  const wanted = new Set<string>(clubRoles(row.roles));
  const clubScoped = member.roles.filter((r) => r.role !== "officer");
  const stale = clubScoped.filter((r) => !wanted.has(r.role));
  const missing = [...wanted].filter((role) => !clubScoped.some((r) => r.role === role));
  if (stale.length > 0) await tx.role.deleteMany({ where: { id: { in: stale.map((r) => r.id) } } });
  if (missing.length > 0) await tx.role.createMany({ data: missing.map((role) => ({ memberId: member.id, role, clubId })) });
  return changed || stale.length > 0 || missing.length > 0;
}
