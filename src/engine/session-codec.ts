// A chat's session state as it is stored (JSON text), and the states a job leaves a chat in: waiting
// at the question of a notice it sent. Jobs name the places below instead of building state by hand;
// test/engine/parked-places.test.ts checks that each is a question of the loaded flows.
import type { SessionState, ShownChoice } from "./types.ts";

export function encodeState(state: SessionState): string {
  return JSON.stringify(state);
}

export function decodeState(stored: string): SessionState {
  return JSON.parse(stored) as SessionState;
}

/** Where a job leaves a chat waiting: a flow and its question node. */
export type ParkedPlace = { flow: string; node: string };

export const PARKED: Record<"rsvp" | "reminder" | "reportOffer", ParkedPlace> = {
  /** A meeting notice's answers (the broadcast job). */
  rsvp: { flow: "rsvp", node: "answer" },
  /** A health reminder's answers (the reminder job). */
  reminder: { flow: "reminder_answer", node: "answer" },
  /** The spreadsheet offered after a report's chart (the report job). */
  reportOffer: { flow: "report", node: "offer_file" },
};

/** A chat waiting at `place`, having been shown `shown`; left without `askVersion`, any of its buttons counts. */
export function waitingAt(place: ParkedPlace, shown: ShownChoice[], vars: Record<string, unknown> = {}): SessionState {
  return { flow: place.flow, node: place.node, waiting: true, shown, vars, misses: 0 };
}

/** Whether a chat waiting at this state may be moved to a notice's question: the main menu and other notices' answers. */
export function idleForNotices(state: SessionState): boolean {
  return !state.waiting || state.flow === "main" || state.flow === PARKED.rsvp.flow || state.flow === PARKED.reminder.flow;
}
