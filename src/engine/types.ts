// The engine's inputs and outputs: plain data, stored as JSON in Session.state.
import type { Flow, Role } from "./schema.ts";

export type ShownChoice = { id: string; label: string; keywords?: string[]; next?: string };

export type SessionState = {
  flow: string;
  node: string;
  /** True while the node's question waits for an answer. */
  waiting: boolean;
  /** Session version the shown buttons belong to. */
  askVersion?: number;
  /** Choices in the order the member saw them, so "2" means what they saw. */
  shown?: ShownChoice[];
  vars: Record<string, unknown>;
  /** Misunderstood replies in a row. */
  misses: number;
  /** A task left mid-question for a reading typed there; asked again when the reading's flow ends. */
  paused?: { flow: string; vars: Record<string, unknown>; at: string };
};

export type EngineInput =
  | { kind: "text"; text: string }
  | { kind: "choice"; choiceId: string; version?: number }
  | { kind: "contact"; phone: string; own: boolean }
  | { kind: "start"; payload?: string }
  | { kind: "unsupported" };

export type Reply = { text: string; choices?: ShownChoice[]; requestContact?: boolean };

export type PendingCall = { action: string; input: Record<string, unknown> };

export type StepResult = { state: SessionState; replies: Reply[]; call?: PendingCall };

export type Translate = (key: string, params?: Record<string, unknown>) => string;

export type FlowSet = ReadonlyMap<string, Flow>;

export type EngineContext = {
  flows: FlowSet;
  roles: readonly Role[];
  /** Purposes the member has consented to; flows needing others stay closed. */
  consents: readonly string[];
  /** The flow a chat returns to: the main menu, or linking for a guest. */
  home: string;
  /** Session version this step will be saved as. */
  version: number;
  t: Translate;
  /** Values every text may use, e.g. `me.address`. */
  params: Record<string, unknown>;
  /** Today's calendar day in Vietnam, for dates like "mai" or "thứ 7". */
  today: { year: number; month: number; day: number };
};
