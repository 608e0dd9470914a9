// Which clubs a report covers: a club by its code, a commune or a province by id or by name
// ("Lạng Sơn", "lang-son"; a commune named in two provinces as "Lạng Sơn/Hữu Lũng").
import type { Tx } from "../../db/client.ts";
import { normalize } from "../../engine/match.ts";
import type { ClubPlace } from "./facts.ts";
import type { Level } from "./targets.ts";

export type Scope = { level: Level; id: string; name: string; provinceName: string };
export type ScopeError = "bad_form" | "not_found" | "ambiguous";

const FORM = /^(club|commune|province):(.+)$/;

const sameName = (a: string, b: string) => normalize(a.replace(/[-_]/g, " ")) === normalize(b.replace(/[-_]/g, " "));

/** `club:<code>`, `commune:<id or name>`, `province:<id or name>` → the area, or why not. */
export async function resolveScope(tx: Tx, text: string): Promise<Scope | ScopeError> {
  const match = FORM.exec(text.trim());
  if (!match) return "bad_form";
  const [, level, key] = match as unknown as [string, Level, string];
  if (level === "club") {
    const club = await tx.club.findUnique({ where: { code: key }, include: { commune: { include: { province: true } } } });
    return club ? { level, id: club.id, name: club.name, provinceName: club.commune.province.name } : "not_found";
  }
  if (level === "province") {
    const provinces = (await tx.province.findMany()).filter((p) => p.id === key || sameName(p.name, key));
    const [province] = provinces;
    return province ? { level, id: province.id, name: province.name, provinceName: province.name } : "not_found";
  }
  const [provinceName, communeName] = key.includes("/") ? key.split("/", 2) : [undefined, key];
  const communes = (await tx.commune.findMany({ include: { province: true } })).filter(
    (c) =>
      c.id === key ||
      (sameName(c.name, communeName ?? "") && (provinceName === undefined || sameName(c.province.name, provinceName))),
  );
  if (communes.length > 1) return "ambiguous";
  const [commune] = communes;
  return commune ? { level, id: commune.id, name: commune.name, provinceName: commune.province.name } : "not_found";
}

/** The area a report of `level` and `id` covers, as the clubs in it with their places, by name. */
export async function clubsIn(tx: Tx, scope: Pick<Scope, "level" | "id">): Promise<ClubPlace[]> {
  const where =
    scope.level === "club"
      ? { id: scope.id }
      : scope.level === "commune"
        ? { communeId: scope.id }
        : { commune: { provinceId: scope.id } };
  const clubs = await tx.club.findMany({ where, include: { commune: { include: { province: true } } } });
  return clubs
    .map((c) => ({
      clubId: c.id,
      code: c.code,
      name: c.name,
      communeId: c.communeId,
      communeName: c.commune.name,
      provinceId: c.commune.provinceId,
      provinceName: c.commune.province.name,
    }))
    .sort((a, b) => a.communeName.localeCompare(b.communeName, "vi") || a.code.localeCompare(b.code));
}
