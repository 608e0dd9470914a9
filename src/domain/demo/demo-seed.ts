// Demo data: one province and commune, the demo club with realistic members, and a second club in
// the commune where its two officers (the commune's and the province's) are members. Safe to run again.
import { type Db, type Tx, write } from "../../db/client.ts";
import { PURPOSES, recordConsent } from "../consent/consent.ts";
import { hashCode, issueInviteCode } from "../invites/invite-codes.ts";
import { recordEntry } from "../loans/ledger.ts";
import { addMonths } from "../loans/schedule.ts";
import { createClubMeeting, openMeetings } from "../meetings/meetings.ts";

type DemoMember = {
  fullName: string;
  gender: "F" | "M";
  birthYear: number;
  phone: string;
  roles: string[];
  code?: string;
  /** Links in the chat (by code or phone) and answers the consent questions there, not on paper. */
  inChat?: true;
};

const DEMO_HAMLET = "Thôn Bản Ngõ";
const DEMO_PLACE = "Nhà văn hóa thôn Bản Ngõ";
/** A code no real club is given (real codes look like LS-HD-01): demo data is easy to find and remove. */
export const DEMO_CLUB = { code: "DEMO", name: "CLB Liên thế hệ tự giúp nhau thôn Bản Ngõ" };
/**
 * The officers' own club, next door in the same commune: officers are club members too, and keeping
 * them out of the demo club leaves its roll (13 people) as it is.
 */
export const DEMO_OFFICERS_CLUB = { code: "DEMO-2", name: "CLB Liên thế hệ tự giúp nhau thôn Nà Lòa" };
export const DEMO_CLUB_CODES = [DEMO_CLUB.code, DEMO_OFFICERS_CLUB.code];

/** The commune's officer and the province's: the officers' side (area reports, area notices) can be tried. */
export const DEMO_OFFICERS: Array<Omit<DemoMember, "roles"> & { area: "commune" | "province" }> = [
  { fullName: "Hà Thị Liên", gender: "F", birthYear: 1961, phone: "+841000000121", area: "commune" },
  { fullName: "Lương Văn Quý", gender: "M", birthYear: 1957, phone: "+841000000122", area: "province" },
];

/**
 * The members everyone can try in the web chat. Their phones start +84 1…: prefixes Vietnam retired
 * in 2018, so no subscriber holds them and a real member sharing their phone never meets a demo name.
 */
export const DEMO_MEMBERS: DemoMember[] = [
  { fullName: "Nguyễn Văn Tâm", gender: "M", birthYear: 1953, phone: "+841000000101", roles: ["board"] },
  { fullName: "Lê Thị Hoa", gender: "F", birthYear: 1958, phone: "+841000000102", roles: ["board"] },
  { fullName: "Trần Thị Lan", gender: "F", birthYear: 1962, phone: "+841000000103", roles: ["board"], inChat: true },
  { fullName: "Phạm Thị Bình", gender: "F", birthYear: 1966, phone: "+841000000104", roles: ["treasurer"] },
  { fullName: "Hoàng Thị Mận", gender: "F", birthYear: 1952, phone: "+841000000105", roles: [] },
  { fullName: "Vũ Thị Nga", gender: "F", birthYear: 1948, phone: "+841000000106", roles: [], code: "NGA234", inChat: true },
  { fullName: "Đặng Văn Hùng", gender: "M", birthYear: 1955, phone: "+841000000107", roles: [] },
  { fullName: "Bùi Thị Thu", gender: "F", birthYear: 1957, phone: "+841000000108", roles: [], code: "THU234", inChat: true },
  { fullName: "Ngô Thị Hằng", gender: "F", birthYear: 1949, phone: "+841000000109", roles: [] },
  { fullName: "Ngô Văn Dũng", gender: "M", birthYear: 1947, phone: "+841000000109", roles: [] },
  { fullName: "Nguyễn Thị Mai", gender: "F", birthYear: 1999, phone: "+841000000111", roles: ["volunteer"] },
  { fullName: "Lý Văn Minh", gender: "M", birthYear: 2002, phone: "+841000000112", roles: ["volunteer"] },
  { fullName: "Hoàng Thị Yến", gender: "F", birthYear: 1996, phone: "+841000000113", roles: ["volunteer"] },
];

export async function seedDemo(
  db: Db,
  now: Date,
  /** Also a meeting in its check-in window now, so «Điểm danh» can be tried at once. */
  options: { meetingToday?: boolean } = {},
): Promise<{ created: number; codes: Array<{ fullName: string; code: string }> }> {
  return write(db, async (tx) => {
    const province = await tx.province.upsert({ where: { name: "Lạng Sơn" }, create: { name: "Lạng Sơn" }, update: {} });
    const commune = await tx.commune.upsert({
      where: { provinceId_name: { provinceId: province.id, name: "Xã Hoàng Đồng" } },
      create: { provinceId: province.id, name: "Xã Hoàng Đồng" },
      update: {},
    });
    const club = await tx.club.upsert({
      where: { code: DEMO_CLUB.code },
      create: { ...DEMO_CLUB, communeId: commune.id, meetingRule: "day15_lunar" },
      update: {},
    });
    let created = 0;
    const codes: Array<{ fullName: string; code: string }> = [];
    for (const m of DEMO_MEMBERS) {
      let member = await tx.member.findFirst({ where: { clubId: club.id, fullName: m.fullName } });
      if (!member) {
        member = await tx.member.create({
          data: {
            clubId: club.id,
            fullName: m.fullName,
            gender: m.gender,
            birthYear: m.birthYear,
            phone: m.phone,
            hamlet: DEMO_HAMLET,
          },
        });
        created += 1;
        for (const role of m.roles) await tx.role.create({ data: { memberId: member.id, role, clubId: club.id } });
      }
      if (m.code) {
        codes.push({ fullName: m.fullName, code: m.code });
        const exists = await tx.inviteCode.findUnique({ where: { codeHash: hashCode(m.code) } });
        if (!exists) await issueInviteCode(tx, member.id, now, { code: m.code });
      }
    }
    await seedDemoMoney(tx, club.id, now);
    if (options.meetingToday) await seedMeetingNow(tx, club.id, now);
    created += await seedOfficers(tx, { provinceId: province.id, communeId: commune.id }, now);
    return { created, codes };
  });
}

async function seedOfficers(tx: Tx, area: { provinceId: string; communeId: string }, now: Date): Promise<number> {
  const club = await tx.club.upsert({
    where: { code: DEMO_OFFICERS_CLUB.code },
    create: { ...DEMO_OFFICERS_CLUB, communeId: area.communeId },
    update: {},
  });
  let created = 0;
  for (const { area: level, ...o } of DEMO_OFFICERS) {
    if (await tx.member.findFirst({ where: { clubId: club.id, fullName: o.fullName } })) continue;
    const member = await tx.member.create({ data: { clubId: club.id, ...o } });
    const where = level === "commune" ? { communeId: area.communeId } : { provinceId: area.provinceId };
    await tx.role.create({ data: { memberId: member.id, role: "officer", ...where } });
    await recordConsent(tx, { memberId: member.id, purpose: "membership", given: true, via: "paper", at: now });
    created += 1;
  }
  return created;
}

/** A meeting starting within the half hour (its check-in already open), unless the club has one open. */
async function seedMeetingNow(tx: Tx, clubId: string, now: Date): Promise<void> {
  const club = await tx.club.findUniqueOrThrow({ where: { id: clubId } });
  if ((await openMeetings(tx, clubId, now)).length > 0) return;
  const startsAt = new Date(Math.ceil((now.getTime() + 15 * 60_000) / (5 * 60_000)) * 5 * 60_000);
  await createClubMeeting(tx, { clubId, startsAt, place: club.meetingPlace ?? DEMO_PLACE }, now);
}

/**
 * Paper consent forms already collected, and two loans from the treasurer's book, so the demo shows
 * "Khoản vay của tôi" with an installment due and one overdue.
 */
async function seedDemoMoney(tx: Tx, clubId: string, now: Date): Promise<void> {
  const member = (fullName: string) => tx.member.findFirstOrThrow({ where: { clubId, fullName } });
  const everything = ["Hoàng Thị Mận", "Đặng Văn Hùng", "Nguyễn Văn Tâm"];
  for (const m of await tx.member.findMany({ where: { clubId }, orderBy: { fullName: "asc" } })) {
    if ((await tx.consent.count({ where: { memberId: m.id } })) > 0) continue;
    // The others signed the club's paper form.
    if (DEMO_MEMBERS.find((d) => d.fullName === m.fullName)?.inChat) continue;
    const purposes = everything.includes(m.fullName) ? PURPOSES : (["membership"] as const);
    for (const purpose of purposes) await recordConsent(tx, { memberId: m.id, purpose, given: true, via: "paper", at: now });
  }
  const treasurer = await member("Phạm Thị Bình");
  const loans = [
    {
      who: "Hoàng Thị Mận",
      ref: "V-2026-07",
      principal: 3_000_000n,
      rateBp: 0,
      termMonths: 10,
      method: "equal_principal",
      disbursedAt: "2026-07-23T02:00:00Z",
      repayments: 4,
      each: 300_000n,
    },
    {
      who: "Đặng Văn Hùng",
      ref: "V-2026-09",
      principal: 2_000_000n,
      rateBp: 100,
      termMonths: 6,
      method: "interest_only",
      disbursedAt: "2026-09-10T02:00:00Z",
      repayments: 1,
      each: 20_000n,
    },
  ];
  for (const l of loans) {
    if (await tx.loan.findUnique({ where: { clubId_ref: { clubId, ref: l.ref } } })) continue;
    const m = await member(l.who);
    const disbursedAt = new Date(l.disbursedAt);
    const loan = await tx.loan.create({
      data: {
        clubId,
        memberId: m.id,
        ref: l.ref,
        principal: l.principal,
        rateBp: l.rateBp,
        termMonths: l.termMonths,
        method: l.method,
        disbursedAt,
      },
    });
    const base = { clubId, loanId: loan.id, memberId: m.id, recordedById: treasurer.id };
    await recordEntry(tx, {
      ...base,
      kind: "disbursement",
      amount: l.principal,
      idempotencyKey: `demo:${l.ref}:out`,
      at: disbursedAt,
    });
    for (let k = 1; k <= l.repayments; k++) {
      await recordEntry(tx, {
        ...base,
        kind: "repayment",
        amount: l.each,
        idempotencyKey: `demo:${l.ref}:${k}`,
        at: addMonths(disbursedAt, k),
      });
    }
  }
  const dues = await member("Hoàng Thị Mận");
  await recordEntry(tx, {
    clubId,
    memberId: dues.id,
    fund: "dues",
    kind: "contribution",
    amount: 60_000n,
    idempotencyKey: "demo:dues:man",
    recordedById: treasurer.id,
    at: now,
  });
}

export async function isEmpty(db: Db): Promise<boolean> {
  return (await db.club.count()) === 0;
}
