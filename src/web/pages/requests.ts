// The club's «Xóa dữ liệu của tôi» requests, each with the button that erases the person (the same
// code as `erase-member`).
import type { Db } from "../../db/client.ts";
import type { ClubPage } from "../areas.ts";
import type { Visit } from "../context.ts";
import { type Html, html } from "../html.ts";
import { dayText } from "./period-choices.ts";

export async function requestsBody(db: Db, visit: Visit, club: ClubPage, erased = false): Promise<Html> {
  const { t } = visit.texts;
  const requests = await db.helpRequest.findMany({
    where: { clubId: club.ref.id, topic: "delete_data", status: { not: "done" }, memberId: { not: null } },
    include: { member: true },
    orderBy: { createdAt: "asc" },
  });
  const waiting = requests.filter((r) => r.member && r.member.status === "active");
  return html`${erased ? html`<p class="notice" role="status">${t("erased")}</p>` : ""}
${waiting.length === 0 ? html`<p>${t("requests_none")}</p>` : ""}
${waiting.map(
  (r) => html`<form class="box" method="post" action="/web/club/${club.ref.id}/requests/${r.memberId ?? ""}/erase">
  <input type="hidden" name="_csrf" value="${visit.viewer.csrf}">
  <p><strong>${r.member?.fullName ?? ""}</strong> — ${dayText(r.createdAt)}</p>
  <p>${t("erase_confirm")}</p>
  <button class="primary" type="submit">${t("erase", { name: r.member?.fullName ?? "" })}</button>
</form>`,
)}`;
}
