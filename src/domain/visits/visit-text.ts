// How a visit reads in a reply: its need and day, the member's note, and where to go.
import type { Formatter } from "../../i18n/format.ts";
import { nameWithPhone } from "../members/phone.ts";
import { vietnamTime } from "../time/vietnam-time.ts";

/** A visit in one line: its number, need and day. */
export function label(fmt: Formatter, v: { id: number; need: string; when: string }, extra = ""): string {
  return `#${v.id} ${fmt.text(`visits:need.${v.need}`)}, ${whenText(fmt, v.when)}${extra}`;
}

/** The member's own words for the volunteer («khám mắt 8 giờ sáng»), on a line of their own; nothing without them. */
export function noteLine(fmt: Pick<Formatter, "text">, note: string | null): string {
  return note ? `\n${fmt.text("visits:note_line", { note })}` : "";
}

/** When the visit is wanted, inside a sentence: «trong tuần này», or the day with its lunar date. */
export function whenText(fmt: Pick<Formatter, "text" | "day">, when: string): string {
  return when === "this_week" ? fmt.text("visits:this_week_in_text") : fmt.day(vietnamTime(when, "09:00"));
}

/** Who and where, for the volunteer who took the visit only: name, phone, hamlet, address. */
export function whereToGo(member: {
  fullName: string;
  phone: string | null;
  hamlet: string | null;
  address: string | null;
}): string {
  return [nameWithPhone(member), member.hamlet, member.address].filter(Boolean).join(", ");
}
