// The web workplace in real Chromium, on a phone and on a desktop: an officer signs in from the link
// the bot sent, sorts the commune's clubs, opens one and downloads its spreadsheet (the same figures as
// the page); a board uploads a roster with a bad row, fixes it, and prints the invite sheet.
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { chromiumAvailable, launchChromium } from "../support/chromium.ts";

const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
];
const needsBrowser = chromiumAvailable() || process.env.CI ? describe : describe.skip;

needsBrowser("web workplace in Chromium", () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestApp({ realClock: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** In the web chat as `name`: ask for «trang quản lý» and tap the link the bot sends. */
  async function signInFromChat(page: Page, name: string) {
    await page.goto(`${t.url}/chat`);
    const option = page.locator("#who option", { hasText: name });
    await page.selectOption("#who", { label: (await option.textContent()) ?? name });
    await page.fill("#text", "trang quản lý");
    await page.click("#send");
    const link = page.locator(".msg.bot a", { hasText: "/web/login/" }).last();
    await link.waitFor();
    await link.click();
    await page.waitForURL(/\/web\/(commune|club|province)\//);
  }

  for (const viewport of VIEWPORTS) {
    it(`${viewport.width}×${viewport.height}: an officer sorts the commune's clubs, opens one, and its spreadsheet holds the page's figures`, async () => {
      const page = await browser.newPage({ viewport, acceptDownloads: true });
      await signInFromChat(page, "Hà Thị Liên");
      expect(await page.locator("h1").textContent()).toContain("Xã Hoàng Đồng");
      // Sorted by attendance: a link in the column's header, reachable by keyboard.
      await page.locator("#units th a", { hasText: "Tỷ lệ dự sinh hoạt" }).focus();
      await page.keyboard.press("Enter");
      await page.waitForURL(/sort=attendance/);
      expect(await page.locator("#units th[aria-sort]").textContent()).toContain("Tỷ lệ dự sinh hoạt");
      const names = await page.locator("#units tbody tr td:first-child").allTextContents();
      expect(names).toHaveLength(2);
      // Body text large enough to read on a phone.
      expect(await page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(18);
      // The 12 months drawn as charts in the browser, from the library this server serves.
      await page.locator("a", { hasText: "Xu hướng 12 tháng" }).click();
      await expect.poll(() => page.locator(".chart svg").count(), { timeout: 10_000 }).toBe(7);
      await page.goBack();
      await page.locator("#units a", { hasText: "thôn Bản Ngõ" }).click();
      await page.waitForURL(/\/web\/club\//);
      const members = (await page.locator('#indicators tr[data-indicator="members"] td').nth(2).textContent()) ?? "";
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.locator("a", { hasText: "Tải bảng tính" }).click(),
      ]);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(readFileSync((await download.path()) as string) as unknown as ExcelJS.Buffer);
      let inFile: unknown;
      book.getWorksheet("Tổng hợp")?.eachRow((row) => {
        const values = row.values as unknown[];
        if (String(values[1]).startsWith("Số thành viên")) inFile = values[5];
      });
      expect(String(inFile)).toBe(members.replace(/\./g, ""));
      await page.close();
    }, 60_000);
  }

  it("390×844: a board uploads a roster with a bad row (nothing imported, the row named), fixes it, and it imports", async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS[0] });
    await signInFromChat(page, "Nguyễn Văn Tâm");
    await page.locator("nav.tabs a", { hasText: "Danh sách thành viên" }).click();
    const header = "province,commune,club_code,club_name,full_name,gender,birth_year,phone,roles";
    const row = (name: string, gender: string) =>
      `Lạng Sơn,Xã Hoàng Đồng,DEMO,CLB Liên thế hệ tự giúp nhau thôn Bản Ngõ,${name},${gender},1951,,member`;
    const before = await t.app.db.member.count();
    const upload = async (csv: string) => {
      await page.setInputFiles("#roster-file", { name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
      await page.locator("button", { hasText: "Tải lên" }).click();
      await page.waitForLoadState();
    };
    await upload([header, row("Lục Thị Một", "F"), row("Lục Văn Hai", "?")].join("\n"));
    await expect.poll(() => page.locator("#bad-rows li").allTextContents()).toEqual([expect.stringMatching(/^Dòng 3: /)]);
    expect(await t.app.db.member.count()).toBe(before);
    await upload([header, row("Lục Thị Một", "F"), row("Lục Văn Hai", "M")].join("\n"));
    await expect.poll(() => page.locator(".notice").textContent()).toContain("Đã ghi 2 dòng: 2 người mới");
    expect(await page.locator("#roster tbody tr", { hasText: "Lục Văn Hai" }).count()).toBe(1);
    expect(await t.app.db.member.count()).toBe(before + 2);
    await page.close();
  }, 60_000);

  it("1280×800: the printed invite sheet has every member not yet linked, without the page's menus", async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS[1] });
    await signInFromChat(page, "Nguyễn Văn Tâm");
    await page.locator("nav.tabs a", { hasText: "Mã mời" }).click();
    await page.locator("button", { hasText: "Làm mã mời mới" }).click();
    await page.waitForSelector("#invites");
    await page.emulateMedia({ media: "print" });
    const demo = await t.app.db.club.findUniqueOrThrow({ where: { code: "DEMO" } });
    const unlinked = await t.app.db.member.findMany({
      where: { clubId: demo.id, status: "active", accounts: { none: { linkedAt: { not: null } } } },
    });
    const printed = await page.locator("#invites tbody tr td:first-child").allTextContents();
    expect(printed.sort()).toEqual(unlinked.map((m) => m.fullName).sort());
    expect(printed.length).toBeGreaterThan(5);
    expect(await page.locator("#invites tbody tr td:nth-child(2)").first().textContent()).toMatch(/^[A-Z0-9]{6}$/);
    expect(await page.locator("nav.tabs").isVisible()).toBe(false);
    expect(await page.locator("header").isVisible()).toBe(false);
    await page.close();
  }, 60_000);

  it("under the pages' content security policy the charts draw and the print button prints, with no violation", async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS[0] });
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await signInFromChat(page, "Nguyễn Văn Tâm");
    await page.locator("a.button", { hasText: "Xu hướng" }).first().click();
    await page.waitForSelector("#chart-0 svg");
    await page.goto(page.url().replace(/\/trends$/, "/invites"));
    await page.locator("button", { hasText: "Làm mã mời mới" }).click();
    await page.waitForSelector("#invites");
    await page.evaluate(() => {
      window.print = () => document.body.setAttribute("data-printed", "yes");
    });
    await page.locator("button[data-print]").click();
    expect(await page.locator("body").getAttribute("data-printed")).toBe("yes");
    expect(violations).toEqual([]);
    await page.close();
  }, 60_000);
});
