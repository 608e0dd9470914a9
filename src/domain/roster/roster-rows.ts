// Validate roster rows: every bad row reported by its number with a reason; nothing is written here.
import { normalize } from "../../engine/match.ts";
import { normalizePhone } from "../members/phone.ts";
import { type Problem, problem, type RowError } from "./row-errors.ts";

export const ROSTER_COLUMNS = [
  "province",
  "commune",
  "club_code",
  "club_name",
  "full_name",
  "gender",
  "birth_year",
  "phone",
  "roles",
] as const;
/** Columns a roster may have; files made before them still import. */
export const OPTIONAL_COLUMNS = ["hamlet", "address"] as const;
/** Vietnamese headers people write for them («Thôn», «Địa chỉ», «Hoàn cảnh»), as normalized. */
const COLUMN_ALIASES: Record<string, string> = {
  thon: "hamlet",
  thon_xom: "hamlet",
  dia_chi: "address",
  hoan_canh: "hardship",
  kho_khan: "hardship",
};
export const HARDSHIPS = ["poor", "near_poor", "hardship"] as const;
export type Hardship = (typeof HARDSHIPS)[number];
/** The words boards write in the hardship column, as normalized; empty means none. */
const HARDSHIP_WORDS: Record<string, Hardship | null> = {
  "": null,
  poor: "poor",
  ngheo: "poor",
  ho_ngheo: "poor",
  near_poor: "near_poor",
  can_ngheo: "near_poor",
  ho_can_ngheo: "near_poor",
  hardship: "hardship",
  kho_khan: "hardship",
  hoan_canh_kho_khan: "hardship",
};
const MAX_ADDRESS = 200;
export const CLUB_ROLES = ["member", "volunteer", "board", "treasurer"] as const;
export type ClubRole = (typeof CLUB_ROLES)[number];

export type RosterRow = {
  row: number;
  province: string;
  commune: string;
  clubCode: string;
  clubName: string;
  fullName: string;
  gender: "F" | "M";
  birthYear: number;
  phone: string | null;
  /** undefined when the file has no such column: what is stored stays. */
  hamlet?: string | null;
  address?: string | null;
  hardship?: Hardship | null;
  roles: ClubRole[];
};

const GENDERS: Record<string, "F" | "M"> = { f: "F", nu: "F", female: "F", m: "M", nam: "M", male: "M" };

export function validateRoster(table: string[][], thisYear: number): { rows: RosterRow[]; errors: RowError[] } {
  const [header, ...body] = table;
  const columns = (header ?? []).map((h) => {
    const name = normalize(h).replace(/\s+/g, "_");
    return COLUMN_ALIASES[name] ?? name;
  });
  const missing = ROSTER_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0)
    return { rows: [], errors: [{ row: 1, problems: [problem("missing_columns", { columns: missing.join(", ") })] }] };
  const at = (cells: string[], name: string) => (columns.includes(name) ? (cells[columns.indexOf(name)] ?? "") : "").trim();

  const rows: RosterRow[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  const clubs = new Map<string, { name: string; commune: string; province: string; row: number }>();
  body.forEach((cells, i) => {
    const row = i + 2; // the header is row 1, as in a spreadsheet
    const problems: Problem[] = [];
    const value = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c, at(cells, c)])) as Record<
      (typeof ROSTER_COLUMNS)[number],
      string
    >;
    for (const required of ["province", "commune", "club_code", "club_name", "full_name"] as const) {
      if (value[required] === "") problems.push(problem("empty", { column: required }));
    }
    const gender = GENDERS[normalize(value.gender)];
    if (!gender) problems.push(problem("gender", { value: value.gender }));
    const birthYear = Number(value.birth_year);
    if (!/^\d{4}$/.test(value.birth_year) || birthYear < 1900 || birthYear > thisYear) {
      problems.push(problem("birth_year", { value: value.birth_year, last: thisYear }));
    }
    // Excel drops the leading 0 of a phone typed as a number.
    const rawPhone = /^\d{9}$/.test(value.phone) ? `0${value.phone}` : value.phone;
    const phone = rawPhone === "" ? null : (normalizePhone(rawPhone) ?? undefined);
    if (phone === undefined) problems.push(problem("phone"));
    const [hamlet, address] = OPTIONAL_COLUMNS.map((c) => at(cells, c).replace(/\s+/g, " "));
    for (const [name, text] of [
      ["hamlet", hamlet],
      ["address", address],
    ] as const)
      if ((text ?? "").length > MAX_ADDRESS) problems.push(problem("too_long", { column: name, max: MAX_ADDRESS }));
    const hardshipText = at(cells, "hardship");
    const hardship = HARDSHIP_WORDS[normalize(hardshipText).replace(/[\s-]+/g, "_")];
    if (hardship === undefined) problems.push(problem("hardship", { value: hardshipText }));
    const roleNames = value.roles === "" ? ["member"] : value.roles.split("|").map((r) => r.trim().toLowerCase());
    const badRoles = roleNames.filter((r) => !(CLUB_ROLES as readonly string[]).includes(r));
    if (badRoles.length > 0) problems.push(problem("roles", { roles: badRoles.join(", ") }));
    const club = clubs.get(value.club_code);
    if (club && (club.name !== value.club_name || club.commune !== value.commune || club.province !== value.province)) {
      problems.push(problem("club_place", { club: value.club_code, row: club.row }));
    }
    const identity = `${value.club_code}|${normalize(value.full_name)}|${value.birth_year}`;
    const first = seen.get(identity);
    if (first) problems.push(problem("same_person", { row: first }));
    if (problems.length > 0) {
      errors.push({ row, problems });
      return;
    }
    seen.set(identity, row);
    if (!club) clubs.set(value.club_code, { name: value.club_name, commune: value.commune, province: value.province, row });
    rows.push({
      row,
      province: value.province,
      commune: value.commune,
      clubCode: value.club_code,
      clubName: value.club_name,
      fullName: value.full_name.replace(/\s+/g, " "),
      gender: gender as "F" | "M",
      birthYear,
      phone: phone ?? null,
      hamlet: columns.includes("hamlet") ? hamlet || null : undefined,
      address: columns.includes("address") ? address || null : undefined,
      hardship: columns.includes("hardship") ? hardship : undefined,
      roles: [...new Set(["member", ...roleNames])] as ClubRole[],
    });
  });
  return { rows, errors };
}
