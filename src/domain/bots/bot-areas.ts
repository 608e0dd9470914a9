// A bot's areas as an operator names them (a province, a commune, by name or id) → their ids.
import type { Tx } from "../../db/client.ts";
import { resolveScope } from "../reports/scope.ts";
import type { BotAreas } from "./bots.ts";

export type NamedAreas = { provinces: string[]; communes: string[] };

/** The areas' ids, or the first name that matches no area (or two communes). */
export async function resolveAreas(tx: Tx, named: NamedAreas): Promise<BotAreas | { unknown: string }> {
  const areas: BotAreas = { provinceIds: [], communeIds: [] };
  for (const [level, names, ids] of [
    ["province", named.provinces, areas.provinceIds],
    ["commune", named.communes, areas.communeIds],
  ] as const) {
    for (const name of names) {
      const scope = await resolveScope(tx, `${level}:${name}`);
      if (typeof scope === "string") return { unknown: name };
      ids.push(scope.id);
    }
  }
  return areas;
}
