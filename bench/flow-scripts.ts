// What each chat of `FLOWS=all` types: every flow a member, volunteer, treasurer and board member can
// start from the main menu, with its common branches (nothing open, already done, bad input then good,
// `0` in the middle). A script is named `<flow>:<branch>`; figures are printed per flow. Each chat
// picks one of its role's scripts per round from a seeded random sequence, so a run can be repeated.
import { type BenchRole, nameOf } from "./flows-roster.ts";

export type FlowScript = { name: string; texts: (index: number) => string[] };
const s = (name: string, texts: string[] | ((index: number) => string[])): FlowScript => ({
  name,
  texts: typeof texts === "function" ? texts : () => texts,
});

/** A member of another chat in the same club, for the treasurer's search. */
const clubmate = (index: number) => nameOf(index >= 4 ? index - 4 : index + 4).slice(-5);

const MEMBER: FlowScript[] = [
  s("checkin:menu", ["menu", "điểm danh", "1"]),
  s("checkin:bad-then-good", ["điểm danh", "abc", "1"]),
  s("checkin:zero-midway", ["điểm danh", "0", "điểm danh", "1"]),
  s("loans:words", ["khoản vay"]),
  s("loans:menu", ["menu", "2"]),
  s("visit:request", ["nhờ thăm", "1", "mai", "nhờ đi chợ giúp"]),
  s("visit:bad-then-zero", ["nhờ thăm", "9", "2", "0"]),
  s("visit:mine", ["nhờ thăm", "6"]),
  s("health:reading", ["huyết áp 130/85"]),
  s("health:bad-then-good", ["sức khỏe", "3", "abc", "135/80"]),
  s("health:readings", ["sức khỏe", "4"]),
  s("health:reminders", ["sức khỏe", "2"]),
  s("rsvp:yes", ["sẽ đến", "1"]),
  s("help:no", ["trợ giúp", "2"]),
  s("settings:my-data", ["cài đặt", "4"]),
];

const VOLUNTEER: FlowScript[] = [
  s("volunteer:open-visits", ["việc tình nguyện", "1", "0"]),
  s("volunteer:claimed", ["việc tình nguyện", "2"]),
  s("volunteer:callbacks", ["việc tình nguyện", "4"]),
];

const TREASURER: FlowScript[] = [
  s("ledger:totals", ["ghi sổ", "3"]),
  s("ledger:record", (i) => ["ghi sổ", "1", clubmate(i), "1", "1", "abc", "10k", "1"]),
  s("ledger:zero-at-amount", (i) => ["ghi sổ", "1", clubmate(i), "1", "1", "0"]),
];

const BOARD: FlowScript[] = [
  s("board:fund-summary", ["việc của Ban", "3", "1"]),
  s("board:meetings", ["việc của Ban", "1", "0"]),
  s("board:visits", ["việc của Ban", "4", "0"]),
  s("broadcast:draft-cancel", ["thông báo", "1", "0"]),
];

export const SCRIPTS: Record<BenchRole, FlowScript[]> = {
  member: MEMBER,
  // Volunteers, treasurers and board members are members too: half their rounds are a member's.
  volunteer: [...VOLUNTEER, ...MEMBER.filter((_, i) => i % 2 === 0)],
  treasurer: [...TREASURER, ...MEMBER.filter((_, i) => i % 2 === 0)],
  board: [...BOARD, ...MEMBER.filter((_, i) => i % 2 === 0)],
};

/** Every script once, for the per-flow passes. */
export const ALL_SCRIPTS: Array<{ role: BenchRole; script: FlowScript }> = (
  ["member", "volunteer", "treasurer", "board"] as const
).flatMap((role) =>
  (role === "member" ? MEMBER : role === "volunteer" ? VOLUNTEER : role === "treasurer" ? TREASURER : BOARD).map((script) => ({
    role,
    script,
  })),
);

/** A small seeded generator (mulberry32): the same SEED picks the same scripts. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
