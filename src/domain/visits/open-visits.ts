import { z } from "zod";
import { memberAction } from "../actions/action.ts";
import { access } from "../actors/access.ts";
import { isHelper } from "../actors/roles.ts";
import { openClubVisits } from "./visit-list.ts";
import { label } from "./visit-text.ts";
import { clubOf } from "./volunteer-club.ts";

/** Open requests of the volunteer's own club. Health data is never shown, only the need and the area. */
export const openVisits = memberAction({
  input: z.object({}),
  allowed: isHelper,
  async run(tx, _input, actor, _now, fmt) {
    const club = await clubOf(tx, actor);
    if (!club || !access.canSeeClubVisits(actor, club)) return { status: "none", visits: [] };
    const visits = await openClubVisits(tx, club.id, 6);
    return {
      status: visits.length ? "some" : "none",
      visits: visits.map((v) => ({ id: String(v.id), label: label(fmt, v, ` — ${v.memberName}`) })),
    };
  },
});
