// The web workplace over real HTTP: sign-in links from the chat, sessions, the access of every role to
// every page and download (404 when not theirs), forgery refused, roster upload all-or-nothing, and
// the erasure from the page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { write } from "../../src/db/client.ts";
import { recordConsent } from "../../src/domain/consent/consent.ts";
import { chatOf, memberId, startTestApp, type TestApp } from "../support/app.ts";
import { cli } from "../support/cli.ts";
import { rowsHolding } from "../support/rows-holding.ts";
import { say, WebchatUser } from "../support/webchat.ts";

let t: TestApp;
let club: { id: string; communeId: string; provinceId: string };
let other: { id: string; communeId: string; provinceId: string };

beforeAll(async () => {
  t = await startTestApp();
  const demo = await t.app.db.club.findUniqueOrThrow({ where: { code: "DEMO" }, include: { commune: true } });
  club = { id: demo.id, communeId: demo.communeId, provinceId: demo.commune.provinceId };
  // Another province, commune and club nobody here may see.
  const far = await write(t.app.db, async (tx) => {
    const province = await tx.province.create({ data: { name: "Cao Bằng" } });
    const commune = await tx.commune.create({ data: { name: "Xã Xa", provinceId: province.id } });
    const c = await tx.club.create({ data: { code: "CB-01", name: "CLB xa", communeId: commune.id } });
    return { id: c.id, communeId: commune.id, provinceId: province.id };
  });
  other = far;
  for (const name of ["Trần Thị Lan", "Vũ Thị Nga"]) {
    const id = await memberId(t.app, name);
    await write(t.app.db, (tx) =>
      recordConsent(tx, { memberId: id, purpose: "membership", given: true, via: "chat", at: t.now() }),
    );
  }
});
afterAll(() => t.close());

type Browser = {
  cookie?: string;
  get(path: string): Promise<Response>;
  post(path: string, form: Record<string, string>): Promise<Response>;
};

function browser(): Browser {
  const b: Browser = {
    async get(path) {
      const res = await fetch(`${t.url}${path}`, { headers: b.cookie ? { cookie: b.cookie } : {}, redirect: "manual" });
      const set = res.headers.get("set-cookie");
      if (set) b.cookie = set.split(";")[0];
      return res;
    },
    async post(path, form) {
      return fetch(`${t.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...(b.cookie ? { cookie: b.cookie } : {}) },
        body: new URLSearchParams(form).toString(),
        redirect: "manual",
      });
    },
  };
  return b;
}

/** The link the bot sends to this member for «trang quản lý». */
async function linkFor(name: string): Promise<string> {
  const chat = await chatOf(t, name);
  const reply = await say(chat, "trang quản lý");
  const url = reply.match(/https?:\/\/\S+\/web\/login\/\S+/)?.[0];
  if (!url) throw new Error(`no link in: ${reply}`);
  return url.replace(/^https?:\/\/[^/]+/, "");
}

async function signIn(name: string): Promise<Browser> {
  const b = browser();
  const res = await b.get(await linkFor(name));
  expect(res.status).toBe(303);
  expect(res.headers.get("location")).toBe("/web");
  expect(res.headers.get("set-cookie")).toMatch(/HttpOnly/i);
  expect(res.headers.get("set-cookie")).toMatch(/SameSite=Lax/i);
  return b;
}

const csrfOf = async (b: Browser, path: string) =>
  (await (await b.get(path)).text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? "";

describe("sign-in links", () => {
  it("members and volunteers get a kind refusal, never a link", async () => {
    for (const name of ["Hoàng Thị Mận", "Nguyễn Thị Mai"]) {
      const reply = await say(await chatOf(t, name), "trang quan ly");
      expect(reply).toMatch(/Trang quản lý dành cho Ban Chủ nhiệm/);
      expect(reply).not.toMatch(/web\/login/);
    }
  });

  it("a link works once; the second time it is refused with a kind page and no cookie", async () => {
    const link = await linkFor("Nguyễn Văn Tâm");
    expect((await browser().get(link)).status).toBe(303);
    const again = await browser().get(link);
    expect(again.status).toBe(410);
    expect(again.headers.get("set-cookie")).toBeNull();
    expect(await again.text()).toMatch(/đã dùng rồi hoặc đã hết hạn/);
    expect((await browser().get("/web/login/not-a-token")).status).toBe(404);
  });

  it("web-link prints a link for an operator to hand over; never for a member", async () => {
    const env = { DATABASE_URL: t.app.config.databaseUrl };
    const printed = await cli(["web-link", "--member", await memberId(t.app, "Hà Thị Liên")], env);
    expect(printed.code).toBe(0);
    const url = printed.stdout.trim().split("\n").at(-1) ?? "";
    expect(url).toMatch(/^http:\/\/localhost:\d+\/web\/login\/[A-Za-z0-9_-]{32}$/);
    const b = browser();
    // The command's clock is the real one; the server's is the test's: open the link at the real time.
    await t.at(new Date(), async () => {
      expect((await b.get(url.replace(/^http:\/\/[^/]+/, ""))).status).toBe(303);
      expect((await b.get("/web")).headers.get("location")).toBe(`/web/commune/${club.communeId}`);
    });
    const refused = await cli(["web-link", "--member", await memberId(t.app, "Hoàng Thị Mận")], env);
    expect(refused.code).not.toBe(0);
  });

  it("a link older than 15 minutes is refused", async () => {
    const link = await linkFor("Nguyễn Văn Tâm");
    await t.at(new Date(t.now().getTime() + 16 * 60_000), async () => {
      expect((await browser().get(link)).status).toBe(410);
    });
  });

  it("without a session /web says how to get a link; signing out ends the session", async () => {
    const anon = browser();
    const res = await anon.get("/web");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/web/signin");
    expect(await (await anon.get("/web/signin")).text()).toMatch(/Nhắn «trang quản lý» cho Tương Trợ/);
    const b = await signIn("Nguyễn Văn Tâm");
    expect((await b.get("/web")).headers.get("location")).toBe(`/web/club/${club.id}`);
    const token = await csrfOf(b, `/web/club/${club.id}`);
    expect((await b.post("/web/logout", { _csrf: token })).status).toBe(303);
    expect((await b.get(`/web/club/${club.id}`)).status).toBe(303);
  });
});

describe("who sees which page", () => {
  const clubPages = [
    "",
    "/trends",
    "/roster",
    "/invites",
    "/meetings",
    "/ledger",
    "/visits",
    "/requests",
    "/audit",
    "/report.xlsx",
  ];
  it("each role × each page and download: allowed, or 404", async () => {
    const board = await signIn("Nguyễn Văn Tâm");
    const treasurer = await signIn("Phạm Thị Bình");
    const communeOfficer = await signIn("Hà Thị Liên");
    const provinceOfficer = await signIn("Lương Văn Quý");
    const expected: Array<[Browser, string, number]> = [];
    for (const p of clubPages) {
      expected.push([board, `/web/club/${club.id}${p}`, 200]);
      expected.push([treasurer, `/web/club/${club.id}${p}`, p === "/ledger" ? 200 : 404]);
      const officerSees = p === "" || p === "/trends" || p === "/report.xlsx";
      expected.push([communeOfficer, `/web/club/${club.id}${p}`, officerSees ? 200 : 404]);
      expected.push([provinceOfficer, `/web/club/${club.id}${p}`, officerSees ? 200 : 404]);
      for (const who of [board, treasurer, communeOfficer, provinceOfficer])
        expected.push([who, `/web/club/${other.id}${p}`, 404]);
    }
    for (const p of ["", "/trends", "/report.xlsx"]) {
      expected.push([board, `/web/commune/${club.communeId}${p}`, 404]);
      expected.push([treasurer, `/web/commune/${club.communeId}${p}`, 404]);
      expected.push([communeOfficer, `/web/commune/${club.communeId}${p}`, 200]);
      expected.push([provinceOfficer, `/web/commune/${club.communeId}${p}`, 200]);
      expected.push([communeOfficer, `/web/province/${club.provinceId}${p}`, 404]);
      expected.push([provinceOfficer, `/web/province/${club.provinceId}${p}`, 200]);
      expected.push([provinceOfficer, `/web/province/${other.provinceId}${p}`, 404]);
      expected.push([communeOfficer, `/web/commune/${other.communeId}${p}`, 404]);
    }
    const got = await Promise.all(expected.map(async ([who, path]) => ({ path, status: (await who.get(path)).status })));
    expect(got).toEqual(expected.map(([, path, status]) => ({ path, status })));
  }, 60_000);

  it("a role removed takes effect on the next request", async () => {
    const b = await signIn("Lê Thị Hoa");
    expect((await b.get(`/web/club/${club.id}/roster`)).status).toBe(200);
    const hoa = await memberId(t.app, "Lê Thị Hoa");
    const role = await t.app.db.role.findFirstOrThrow({ where: { memberId: hoa, role: "board" } });
    await t.app.db.role.delete({ where: { id: role.id } });
    expect((await b.get(`/web/club/${club.id}/roster`)).status).toBe(303);
    await t.app.db.role.create({ data: { memberId: hoa, role: "board", clubId: club.id } });
  });

  it("a forged cross-site POST (no or a wrong anti-forgery token) is refused", async () => {
    const b = await signIn("Nguyễn Văn Tâm");
    expect((await b.post(`/web/club/${club.id}/invites`, {})).status).toBe(403);
    expect((await b.post(`/web/club/${club.id}/invites`, { _csrf: "forged" })).status).toBe(403);
    expect((await b.post("/web/logout", {})).status).toBe(403);
    const token = await csrfOf(b, `/web/club/${club.id}/invites`);
    expect((await b.post(`/web/club/${club.id}/invites`, { _csrf: token })).status).toBe(200);
  });
});

describe("trends", () => {
  it("the commune's last 12 months, month by month, with the chart library served here", async () => {
    const b = await signIn("Hà Thị Liên");
    const page = await (await b.get(`/web/commune/${club.communeId}/trends`)).text();
    const rows = page.match(/<tbody>[\s\S]*?<\/tbody>/)?.[0].match(/<tr>/g) ?? [];
    expect(rows).toHaveLength(12);
    expect(page).toMatch(/<td>12\/2026<\/td>/);
    expect(page).toContain('<script src="/web/assets/echarts.min.js">');
    const lib = await b.get("/web/assets/echarts.min.js");
    expect(lib.status).toBe(200);
    expect((await lib.text()).length).toBeGreaterThan(100_000);
  });
});

describe("a board's club pages", () => {
  it("the roster upload: one bad row imports nothing and names the row; fixed, it imports", async () => {
    const b = await signIn("Nguyễn Văn Tâm");
    const token = await csrfOf(b, `/web/club/${club.id}/roster`);
    const header = "province,commune,club_code,club_name,full_name,gender,birth_year,phone,roles";
    const good = `Lạng Sơn,Xã Hoàng Đồng,DEMO,CLB Liên thế hệ tự giúp nhau thôn Bản Ngõ,Lò Thị Mới,F,1950,0912000201,member`;
    const bad = `Lạng Sơn,Xã Hoàng Đồng,DEMO,CLB Liên thế hệ tự giúp nhau thôn Bản Ngõ,Nông Văn Sai,X,1950,0912000202,member`;
    const upload = async (csv: string) => {
      const form = new FormData();
      form.append("_csrf", token);
      form.append("file", new Blob([csv], { type: "text/csv" }), "roster.csv");
      return fetch(`${t.url}/web/club/${club.id}/roster`, { method: "POST", body: form, headers: { cookie: b.cookie ?? "" } });
    };
    const before = await t.app.db.member.count();
    const refused = await upload([header, good, bad].join("\n"));
    expect(refused.status).toBe(422);
    // The reason in the board's language.
    expect(await refused.text()).toMatch(/Chưa ghi gì: 1 dòng chưa đúng[\s\S]*Dòng 3: giới tính «X» phải là Nữ hoặc Nam/);
    expect(await t.app.db.member.count()).toBe(before);
    const fixed = await upload([header, good, bad.replace(",X,", ",M,")].join("\n"));
    expect(fixed.status).toBe(200);
    expect(await fixed.text()).toMatch(/Đã ghi 2 dòng: 2 người mới/);
    expect(await t.app.db.member.count()).toBe(before + 2);
    // Another club's row is a bad row too: a board writes only its own club.
    const elsewhere = await upload([header, good.replace(",DEMO,", ",CB-01,")].join("\n"));
    expect(await elsewhere.text()).toMatch(/Dòng 2: dòng này của câu lạc bộ khác/);
    expect(await t.app.db.auditLog.count({ where: { action: "web.roster_import", subject: `club:${club.id}` } })).toBe(1);
  });

  it("one member added by the form, then corrected (roles set); a bad birth year writes nothing", async () => {
    const b = await signIn("Nguyễn Văn Tâm");
    const token = await csrfOf(b, `/web/club/${club.id}/roster`);
    const form = { _csrf: token, full_name: "Đinh Thị Mới", gender: "F", birth_year: "1958", phone: "", hamlet: "Thôn Bản Ngõ" };
    const bad = await b.post(`/web/club/${club.id}/members`, { ...form, birth_year: "58" });
    expect(bad.status).toBe(422);
    expect(await t.app.db.member.count({ where: { fullName: "Đinh Thị Mới" } })).toBe(0);
    expect((await b.post(`/web/club/${club.id}/members`, form)).status).toBe(200);
    const body = new URLSearchParams({ ...form, phone: "0912000301" });
    body.append("roles", "volunteer");
    body.append("roles", "board");
    const corrected = await fetch(`${t.url}/web/club/${club.id}/members`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: b.cookie ?? "" },
      body: body.toString(),
    });
    expect(corrected.status).toBe(200);
    const member = await t.app.db.member.findFirstOrThrow({ where: { fullName: "Đinh Thị Mới" }, include: { roles: true } });
    expect(member.phone).toBe("+84912000301");
    expect(member.roles.map((r) => r.role).sort()).toEqual(["board", "volunteer"]); // "member" is every member
  });

  it("visits and call-backs: a «gặp người» shows with its state; meetings show their check-in code", async () => {
    const man = await chatOf(t, "Hoàng Thị Mận");
    await say(man, "gặp người");
    await say(man, "1");
    const b = await signIn("Nguyễn Văn Tâm");
    const visits = await (await b.get(`/web/club/${club.id}/visits`)).text();
    expect(visits).toMatch(/<table id="callbacks">[\s\S]*Hoàng Thị Mận<\/td><td>Chờ người gọi/);
    const meeting = await t.app.db.meeting.create({
      data: { clubId: club.id, startsAt: new Date("2026-12-20T01:00:00Z"), place: "Nhà văn hóa", code: "W3BMTG" },
    });
    expect(await (await b.get(`/web/club/${club.id}/meetings`)).text()).toContain(`<td>${meeting.code}</td>`);
  });

  it("a proxy code for a relative, from the invite page", async () => {
    const b = await signIn("Nguyễn Văn Tâm");
    const token = await csrfOf(b, `/web/club/${club.id}/invites`);
    const hang = await memberId(t.app, "Ngô Thị Hằng");
    const res = await b.post(`/web/club/${club.id}/proxy-code`, { _csrf: token, member: hang });
    const code = (await res.text()).match(/Mã cho người nhà của Ngô Thị Hằng: ([A-Z0-9]{6})/)?.[1];
    expect(code).toBeDefined();
    expect(await say(new WebchatUser(t.url, "guest-relative"), code ?? "")).toMatch(/giúp người thân/);
  });

  it("the treasurer uploads the paper book: a bad row writes nothing; fixed, it is recorded", async () => {
    const b = await signIn("Phạm Thị Bình");
    const token = await csrfOf(b, `/web/club/${club.id}/ledger`);
    const header = "club_code,phone,loan_ref,kind,amount_vnd,date,note";
    const good = "DEMO,01000000107,V-2026-W1,disbursement,2000000,01/11/2026,";
    const bad = "DEMO,01000000107,V-2026-W1,repayment,abc,20/11/2026,";
    const upload = async (csv: string) => {
      const form = new FormData();
      form.append("_csrf", token);
      form.append("file", new Blob([csv], { type: "text/csv" }), "book.csv");
      return fetch(`${t.url}/web/club/${club.id}/ledger`, { method: "POST", body: form, headers: { cookie: b.cookie ?? "" } });
    };
    const before = await t.app.db.ledgerEntry.count();
    const refused = await upload([header, good, bad].join("\n"));
    expect(refused.status).toBe(422);
    expect(await refused.text()).toMatch(/Dòng 3: số tiền «abc» chưa đúng/);
    expect(await t.app.db.ledgerEntry.count()).toBe(before);
    // A repayment past the loan: refused by its row, with what is left in Vietnamese figures.
    const past = await upload([header, good, bad.replace("abc", "2500000")].join("\n"));
    expect(await past.text()).toMatch(/Dòng 3: số trả nhiều hơn 2\.000\.000 đồng còn nợ của khoản vay V-2026-W1/);
    expect(await t.app.db.ledgerEntry.count()).toBe(before);
    const fixed = await upload([header, good, bad.replace("abc", "500000")].join("\n"));
    expect(fixed.status).toBe(200);
    expect(await fixed.text()).toMatch(/Đã ghi 2 phiếu/);
    expect(await t.app.db.ledgerEntry.count()).toBe(before + 2);
  });

  it("the erasure from the page leaves no trace of the person and writes the audit row", async () => {
    const nga = await memberId(t.app, "Vũ Thị Nga");
    const chat = await chatOf(t, "Vũ Thị Nga");
    await say(chat, "cai dat");
    await say(chat, "xoa du lieu cua toi");
    await say(chat, "1");
    const b = await signIn("Nguyễn Văn Tâm");
    const page = await (await b.get(`/web/club/${club.id}/requests`)).text();
    expect(page).toMatch(/Vũ Thị Nga/);
    const token = page.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? "";
    const res = await b.post(`/web/club/${club.id}/requests/${nga}/erase`, { _csrf: token });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/Đã xóa dữ liệu của người này/);
    const member = await t.app.db.member.findUniqueOrThrow({ where: { id: nga } });
    expect(member.fullName).not.toMatch(/Nga/);
    expect(
      await t.app.db.auditLog.count({ where: { action: "web.erase_member", actorId: await memberId(t.app, "Nguyễn Văn Tâm") } }),
    ).toBe(1);
    // Nothing is left that names her: the same whole-database check as erase-member's test.
    expect(await rowsHolding(t.app.db, ["Vũ Thị Nga", "+841000000106", "01000000106", "NGA234"])).toEqual([]);
  });
});
