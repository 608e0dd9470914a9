// A broadcast as one member reads it: their language, their form of address; meeting notices also
// carry the date with its lunar date, the place, and the two RSVP answers.
import type { OutboundChoice } from "../../channels/types.ts";
import type { Formatter } from "../../i18n/format.ts";

export const TEMPLATES = ["meeting", "general", "urgent"] as const;
export type Template = (typeof TEMPLATES)[number];
const RSVP_ANSWERS = ["yes", "no"] as const;

export type NoticeContent = {
  template: string;
  /** Who it is from: the club's name, or the name of the officer's commune or province (`area`). */
  from: { name: string; area: boolean };
  text: string | null;
  meeting: { startsAt: Date; place: string } | null;
};

type Person = { fullName: string; gender: string; birthYear: number; addressForm?: string | null };

/**
 * `fmt` is in the reader's language. Meeting notices are answered by `digits` (1/2, the chat waits
 * for them), by `words` when the chat is busy with another question, or not in the bot (`none`: a
 * relative passes the notice on).
 */
export function renderNotice(
  fmt: Formatter,
  person: Person,
  content: NoticeContent,
  year: number,
  answerBy: "digits" | "words" | "none" = "digits",
): { text: string; choices?: OutboundChoice[] } {
  const me = fmt.address(person, year);
  const from = content.from.area ? fmt.text("broadcast:from_area", { name: content.from.name }) : content.from.name;
  if (content.template === "meeting" && content.meeting) {
    return {
      text: fmt
        .text("broadcast:notice.meeting", {
          me,
          from,
          when: fmt.when(content.meeting.startsAt),
          place: content.meeting.place,
          answer: answerBy === "none" ? "" : fmt.text(`broadcast:answer_by.${answerBy}`, { me }),
        })
        .trimEnd(),
      ...(answerBy === "digits" ? { choices: rsvpChoices(fmt) } : {}),
    };
  }
  return { text: fmt.text(`broadcast:notice.${content.template}`, { me, from, text: content.text ?? "" }) };
}

export function rsvpChoices(fmt: Formatter): OutboundChoice[] {
  return RSVP_ANSWERS.map((id, i) => ({ n: i + 1, id, label: fmt.text(`broadcast:rsvp.${id}`) }));
}

/** The notice with its answer lines, as a preview shows it. */
export function noticeAsText(notice: { text: string; choices?: OutboundChoice[] }): string {
  return [notice.text, ...(notice.choices ?? []).map((c) => `${c.n}. ${c.label}`)].join("\n");
}
