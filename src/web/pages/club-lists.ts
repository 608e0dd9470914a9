// A club's lists for its board (and its ledger for the treasurer): meetings with attendance and
// activities, the ledger with reversals and totals, visits and call-backs, the audit trail.
import type { Db } from "../../db/client.ts";
import { clubFundTotals } from "../../domain/loans/fund-totals.ts";
import { formatMoney } from "../../i18n/format.ts";
import type { I18n } from "../../i18n/index.ts";
import type { ClubPage } from "../areas.ts";
import type { Visit } from "../context.ts";
import { type Html, html } from "../html.ts";
import type { LedgerOutcome } from "./ledger-upload.ts";
import { dayText } from "./period-choices.ts";
import { uploadForm, uploadNotice } from "./roster.ts";

const SHOWN = 200;

export async function meetingsBody(db: Db, visit: Visit, club: ClubPage): Promise<Html> {
  const { t } = visit.texts;
  const meetings = await db.meeting.findMany({
    where: { clubId: club.ref.id },
    include: { attendances: { where: { status: "present" }, select: { via: true } } },
    orderBy: { startsAt: "desc" },
    take: SHOWN,
  });
  return table(
    visit,
    "meetings",
    ["col.date", "col.place", "col.checkin_code", "col.present", "col.activities"],
    meetings.map((m) => [
      html`<a href="/web/club/${club.ref.id}/meetings/${m.id}">${dayText(m.startsAt)}</a>`,
      m.place,
      m.code,
      t("present_count", { count: m.attendances.length, proxy: m.attendances.filter((a) => a.via === "proxy").length }),
      m.activities ?? "",
    ]),
  );
}

export async function ledgerBody(db: Db, i18n: I18n, visit: Visit, club: ClubPage, outcome?: LedgerOutcome): Promise<Html> {
  const { lang, t } = visit.texts;
  const money = (vnd: bigint) => formatMoney(i18n, lang, vnd);
  const entries = await db.ledgerEntry.findMany({
    where: { clubId: club.ref.id },
    include: { loan: true, reversedBy: { select: { id: true } } },
    orderBy: { id: "desc" },
    take: SHOWN,
  });
  const names = new Map(
    (
      await db.member.findMany({
        where: { id: { in: entries.flatMap((e) => (e.memberId ? [e.memberId] : [])) } },
        select: { id: true, fullName: true },
      })
    ).map((m) => [m.id, m.fullName]),
  );
  const { income, activity, out } = await clubFundTotals(db, club.ref.id, new Date());
  const loans = await db.loan.findMany({ where: { clubId: club.ref.id }, orderBy: { ref: "asc" } });
  const owed = new Map(
    (
      await db.ledgerEntry.groupBy({
        by: ["loanId"],
        where: { clubId: club.ref.id, loanId: { not: null } },
        _sum: { amount: true },
      })
    ).map((r) => [r.loanId ?? "", r._sum.amount ?? 0n]),
  );
  const borrowers = new Map(
    (await db.member.findMany({ where: { id: { in: loans.map((l) => l.memberId) } }, select: { id: true, fullName: true } })).map(
      (m) => [m.id, m.fullName],
    ),
  );
  return html`${uploadNotice(visit, outcome, "ledger_done")}
<p class="notice">${t("ledger_totals", { income: money(income), out: money(out), activity: money(activity) })}</p>
${uploadForm(visit, `/web/club/${club.ref.id}/ledger`, "ledger")}
<h2>${t("loans_title")}</h2>
${table(
  visit,
  "loans",
  ["col.code", "col.member", "col.date", "col.amount", "loan_left"],
  loans.map((l) => [
    l.ref,
    borrowers.get(l.memberId) ?? "",
    dayText(l.disbursedAt),
    money(l.principal),
    money(owed.get(l.id) ?? 0n),
  ]),
)}
<h2>${t("entries_title")}</h2>
${table(
  visit,
  "ledger",
  ["col.date", "col.member", "col.kind", "col.what", "col.amount"],
  entries.map((e) => [
    `#${e.id} ${dayText(e.at)}`,
    e.memberId ? (names.get(e.memberId) ?? "") : "",
    `${visit.texts.t(`kind.${e.kind}`)}${e.reversedBy ? ` (${visit.texts.t("reversed")})` : ""}`,
    e.loan?.ref ?? (e.fund ? i18n.t(lang, `ledger:fund.${e.fund}`) : ""),
    money(e.amount),
  ]),
)}`;
}

export async function visitsBody(db: Db, i18n: I18n, visit: Visit, club: ClubPage): Promise<Html> {
  const { t } = visit.texts;
  const visits = await db.visitRequest.findMany({ where: { clubId: club.ref.id }, orderBy: { id: "desc" }, take: SHOWN });
  const calls = await db.helpRequest.findMany({
    where: { clubId: club.ref.id, topic: "call_back" },
    orderBy: { createdAt: "desc" },
    take: SHOWN,
  });
  const ids = [
    ...visits.flatMap((v) => [v.memberId, v.claimedById ?? ""]),
    ...calls.flatMap((c) => [c.memberId ?? "", c.claimedById ?? ""]),
  ];
  const names = new Map(
    (await db.member.findMany({ where: { id: { in: ids } }, select: { id: true, fullName: true } })).map((m) => [
      m.id,
      m.fullName,
    ]),
  );
  return html`${table(
    visit,
    "visits",
    ["col.date", "col.member", "col.what", "col.status", "col.who"],
    visits.map((v) => [
      `#${v.id} ${dayText(v.createdAt)}`,
      names.get(v.memberId) ?? "",
      i18n.t(visit.texts.lang, `visits:need.${v.need}`),
      `${t(`visit_status.${v.status}`)}${v.escalatedAt ? ` (${t("escalated")})` : ""}`,
      v.claimedById ? (names.get(v.claimedById) ?? "") : "",
    ]),
  )}
<h2>${t("callbacks_title")}</h2>
${table(
  visit,
  "callbacks",
  ["col.date", "col.member", "col.status", "col.who"],
  calls.map((c) => [
    dayText(c.createdAt),
    names.get(c.memberId ?? "") ?? "",
    t(`callback_status.${c.status}`),
    c.claimedById ? (names.get(c.claimedById) ?? "") : "",
  ]),
)}`;
}

export async function auditBody(db: Db, visit: Visit, club: ClubPage): Promise<Html> {
  const members = await db.member.findMany({ where: { clubId: club.ref.id }, select: { id: true, fullName: true } });
  const names = new Map(members.map((m) => [m.id, m.fullName]));
  const rows = await db.auditLog.findMany({
    where: {
      OR: [
        { subject: `club:${club.ref.id}` },
        { actorId: { in: members.map((m) => m.id) } },
        { onBehalfOfId: { in: members.map((m) => m.id) } },
      ],
    },
    orderBy: { at: "desc" },
    take: SHOWN,
  });
  return html`<p>${visit.texts.t("audit_intro")}</p>${table(
    visit,
    "audit",
    ["col.date", "col.by", "col.action"],
    rows.map((r) => [dayText(r.at), names.get(r.actorId ?? "") ?? r.actorId ?? "", r.action]),
  )}`;
}

function table(visit: Visit, id: string, headers: string[], rows: Array<Array<string | Html>>): Html {
  const { t } = visit.texts;
  if (rows.length === 0) return html`<p>${t("empty")}</p>`;
  return html`<div class="scroll"><table id="${id}"><thead><tr>${headers.map((h) => html`<th>${t(h)}</th>`)}</tr></thead>
<tbody>${rows.map((r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody></table></div>`;
}
