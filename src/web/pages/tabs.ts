// Which of a club's pages the viewer may open: all of them for its board, the ledger for its
// treasurer, the report for an officer over it.
import { access, type ClubRef } from "../../domain/actors/access.ts";
import type { Viewer } from "../../domain/web-access/sessions.ts";

export const BOARD_TABS = ["report", "roster", "invites", "meetings", "ledger", "visits", "requests", "audit"] as const;

export function tabsFor(viewer: Viewer, club: ClubRef): string[] {
  if (access.canManageMembers(viewer.actor, club)) return [...BOARD_TABS];
  const tabs: string[] = [];
  if (access.canSeeClubReport(viewer.actor, club)) tabs.push("report");
  if (access.canSeeClubLedger(viewer.actor, club)) tabs.push("ledger");
  return tabs;
}
