import { OPEN_CHAT, OPEN_PROXY } from "../outbox/reach.ts";
import { draftAction } from "./draft.ts";
import { noticeAsText, renderNotice } from "./notice.ts";

/** The notice exactly as the first member of the audience will read it, and how many it reaches. */
export const previewBroadcast = draftAction(async (tx, _input, draft, _actor, now, fmt) => {
  // Their own chat, or a relative's linked as proxy (the notice goes there to pass on).
  const reachable = {
    OR: [{ accounts: { some: OPEN_CHAT } }, { proxies: { some: OPEN_PROXY } }],
  };
  const [total, withChat, first, firstReached] = await Promise.all([
    tx.member.count({ where: draft.where }),
    tx.member.count({ where: { AND: [draft.where, reachable] } }),
    tx.member.findFirst({ where: draft.where, orderBy: { fullName: "asc" } }),
    tx.member.findFirst({ where: { AND: [draft.where, reachable] }, orderBy: { fullName: "asc" } }),
  ]);
  // The preview is what someone with a chat will read; with nobody reachable, what volunteers read out.
  const sample = firstReached ?? first;
  if (!sample) return { status: "empty" };
  const notice = renderNotice(fmt.inLanguage(sample.language), sample, draft.content, now.getUTCFullYear());
  return {
    status: "ok",
    intro: fmt.text(firstReached ? "broadcast:preview_intro" : "broadcast:preview_intro_phone", { name: sample.fullName }),
    preview: noticeAsText(notice),
    total,
    withChat,
    noChat: total - withChat,
    when: draft.deferred
      ? fmt.text("broadcast:when_deferred", { when: fmt.when(draft.sendAt) })
      : draft.sendAt.getTime() <= now.getTime()
        ? fmt.text("broadcast:when_now")
        : fmt.when(draft.sendAt),
  };
});
