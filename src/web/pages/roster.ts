// The board's roster page: every member (name, gender, age, hamlet, roles, linked, consents) and the
// upload of a roster file, all rows or none, each bad row named with its line and reason.
import type { Db } from "../../db/client.ts";
import { importRoster } from "../../domain/roster/import-roster.ts";
import { FileFormatError, readTableBytes } from "../../domain/roster/read-table.ts";
import { CLUB_ROLES, ROSTER_COLUMNS, validateRoster } from "../../domain/roster/roster-rows.ts";
import { problem, problemsText, type RowError } from "../../domain/roster/row-errors.ts";
import { vietnamDay } from "../../domain/time/vietnam-time.ts";
import type { ClubPage } from "../areas.ts";
import type { Visit } from "../context.ts";
import { type Html, html } from "../html.ts";

export type UploadOutcome =
  | { status: "imported"; rows: number; created: number; updated: number; unchanged: number }
  | { status: "bad_rows"; errors: RowError[] }
  | { status: "bad_file" };

/** An uploaded CSV or XLSX as rows, or none when it is neither. */
export async function uploadedTable(name: string, bytes: Buffer): Promise<string[][] | undefined> {
  try {
    return await readTableBytes(name, bytes);
  } catch (error) {
    if (error instanceof FileFormatError) return undefined;
    throw error;
  }
}

/** A roster file for this club only: a row of another club is a bad row like any other. */
export async function uploadRoster(db: Db, club: ClubPage, name: string, bytes: Buffer, now: Date): Promise<UploadOutcome> {
  const table = await uploadedTable(name, bytes);
  if (!table) return { status: "bad_file" };
  const { rows, errors } = validateRoster(table, vietnamDay(now).year);
  const elsewhere = rows.filter((r) => r.clubCode !== club.code).map((r) => ({ row: r.row, problems: [problem("other_club")] }));
  const all = [...errors, ...elsewhere].sort((a, b) => a.row - b.row);
  if (all.length > 0) return { status: "bad_rows", errors: all };
  const result = await importRoster(db, rows, now);
  return { status: "imported", rows: rows.length, ...result };
}

/** One member added or corrected by the form: a roster of one row, through the same checks and import. */
export async function saveMember(
  db: Db,
  club: ClubPage,
  form: Record<string, string | string[]>,
  now: Date,
): Promise<UploadOutcome> {
  const one = (key: string) =>
    String((Array.isArray(form[key]) ? form[key][0] : form[key]) ?? "")
      .replace(/[\r\n,]/g, " ")
      .trim();
  const roles = [form.roles ?? []].flat().filter((r) => (CLUB_ROLES as readonly string[]).includes(r));
  const header = [...ROSTER_COLUMNS, "hamlet"];
  const row = [
    club.provinceName,
    club.communeName,
    club.code,
    club.name,
    one("full_name"),
    one("gender"),
    one("birth_year"),
    one("phone"),
    roles.join("|"),
    one("hamlet"),
  ];
  const { rows, errors } = validateRoster([header, row], vietnamDay(now).year);
  if (errors.length > 0) return { status: "bad_rows", errors };
  const result = await importRoster(db, rows, now);
  return { status: "imported", rows: 1, ...result };
}

export async function rosterBody(db: Db, visit: Visit, club: ClubPage, outcome?: UploadOutcome): Promise<Html> {
  const { t } = visit.texts;
  const members = await db.member.findMany({
    where: { clubId: club.ref.id, status: "active" },
    include: { roles: true, accounts: { where: { linkedAt: { not: null } }, select: { id: true } } },
    orderBy: { fullName: "asc" },
  });
  const consents = await db.consent.findMany({
    where: { memberId: { in: members.map((m) => m.id) } },
    orderBy: { id: "desc" },
  });
  const given = (memberId: string) => {
    const latest = new Map<string, boolean>();
    for (const c of consents) if (c.memberId === memberId && !latest.has(c.purpose)) latest.set(c.purpose, Boolean(c.given));
    return [...latest].filter(([, yes]) => yes).length;
  };
  const year = vietnamDay(visit.now).year;
  return html`
${uploadNotice(visit, outcome, "roster_done")}
${uploadForm(visit, `/web/club/${club.ref.id}/roster`, "roster")}
<form class="box" method="post" action="/web/club/${club.ref.id}/members">
  <input type="hidden" name="_csrf" value="${visit.viewer.csrf}">
  <h2>${t("member_add")}</h2>
  <p>${t("member_add_hint")}</p>
  <p><label>${t("field.full_name")}<br><input name="full_name" required maxlength="80"></label></p>
  <p><label>${t("field.gender")}<br><select name="gender"><option value="F">${t("gender.F")}</option><option value="M">${t("gender.M")}</option></select></label></p>
  <p><label>${t("field.birth_year")}<br><input name="birth_year" inputmode="numeric" required maxlength="4"></label></p>
  <p><label>${t("field.phone")}<br><input name="phone" inputmode="tel" maxlength="15"></label></p>
  <p><label>${t("field.hamlet")}<br><input name="hamlet" maxlength="80"></label></p>
  <fieldset><legend>${t("field.roles")}</legend>${CLUB_ROLES.filter((r) => r !== "member").map(
    (r) => html`<label style="margin-right:16px"><input type="checkbox" name="roles" value="${r}"> ${t(`role.${r}`)}</label>`,
  )}</fieldset>
  <p><button class="primary" type="submit">${t("save")}</button></p>
</form>
<div class="scroll"><table id="roster">
<thead><tr><th>${t("col.name")}</th><th>${t("col.gender")}</th><th class="n">${t("col.age")}</th><th>${t("col.hamlet")}</th><th>${t("col.roles")}</th><th>${t("col.linked")}</th><th class="n">${t("col.consents")}</th></tr></thead>
<tbody>${members.map(
    (m) =>
      html`<tr><td>${m.fullName}</td><td>${t(`gender.${m.gender}`)}</td><td class="n">${year - m.birthYear}</td><td>${m.hamlet ?? ""}</td><td>${m.roles.map((r) => t(`role.${r.role}`)).join(", ")}</td><td>${m.accounts.length > 0 ? t("yes") : t("no")}</td><td class="n">${given(m.id)}/3</td></tr>`,
  )}</tbody></table></div>`;
}

/** A file upload form (`name`: roster or ledger, for its field id and texts). */
export function uploadForm(visit: Visit, action: string, name: string): Html {
  const { t } = visit.texts;
  return html`<form class="box" method="post" enctype="multipart/form-data" action="${action}">
  <input type="hidden" name="_csrf" value="${visit.viewer.csrf}">
  <label for="${name}-file">${t(`${name}_upload`)}</label><br>
  <input id="${name}-file" name="file" type="file" accept=".csv,.xlsx" required>
  <button class="primary" type="submit">${t("upload")}</button>
  <p>${t(`${name}_upload_hint`)}</p>
</form>`;
}

/** What an upload did: written (`doneKey` says how much), or nothing and why. */
export function uploadNotice(
  visit: Visit,
  outcome: { status: string; errors?: RowError[] } | undefined,
  doneKey: string,
): Html | string {
  const { t } = visit.texts;
  if (!outcome) return "";
  if (outcome.status === "bad_file") return html`<p class="problem" role="alert">${t("file_bad")}</p>`;
  if (outcome.errors) return badRowsNotice(visit, outcome.errors);
  return html`<p class="notice" role="status">${t(doneKey, outcome)}</p>`;
}

/** Nothing written, and each bad row by its line and reason. */
export function badRowsNotice(visit: Visit, errors: RowError[]): Html {
  const { t } = visit.texts;
  return html`<div class="problem" role="alert"><p>${t("roster_bad", { count: errors.length })}</p><ul id="bad-rows">${errors.map(
    (e) => html`<li>${t("row_error", { row: e.row, reason: problemsText(e, t, visit.texts.money) })}</li>`,
  )}</ul></div>`;
}
