// A person in real headless Chromium: open /chat, type "menu", tap a button, type a number.
import { mkdtempSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { write } from "../../src/db/client.ts";
import { PHONE_CHART_WIDTH } from "../../src/domain/reports/charts.ts";
import { deliver, memberId, startTestApp, type TestApp } from "../support/app.ts";
import { chromiumAvailable, launchChromium } from "../support/chromium.ts";
import { TMP } from "../support/global-setup.ts";

const PHONE = { width: 390, height: 844 };

// CI installs chromium (.ci/run); a developer machine without it says so instead of passing quietly.
const needsBrowser = chromiumAvailable() || process.env.CI ? describe : describe.skip;

needsBrowser("web chat in Chromium", () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: PHONE });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function say(text: string) {
    await page.fill("#text", text);
    await page.click("#send");
  }

  /** The element's box lies wholly inside the phone's screen. */
  async function fullyVisible(selector: string): Promise<boolean> {
    const box = await page.locator(selector).last().boundingBox();
    return (
      box !== null &&
      box.y >= 0 &&
      box.y + box.height <= PHONE.height + 0.5 &&
      box.x >= 0 &&
      box.x + box.width <= PHONE.width + 0.5
    );
  }

  it("a demo member types menu, taps a button, and types a number", async () => {
    await page.goto(`${t.url}/chat`);
    await page.selectOption("#who", { label: "Hoàng Thị Mận" });
    await say("menu");
    const menu = page.locator(".msg.bot").last();
    await expect.poll(() => menu.textContent()).toContain("Bà Mận cần gì ạ");
    // Điểm danh, Khoản vay, Nhờ thăm nhà, Cài đặt, Sức khỏe, Hướng dẫn, and «0. Menu chính».
    await expect.poll(() => page.locator(".choices button").count()).toBe(7);
    expect(await page.locator(".choices button").last().textContent()).toBe("0. Menu chính");
    await page.screenshot({ path: path.join(mkdtempSync(path.join(TMP, "shot-")), "menu.png") });

    await page.locator(".choices button", { hasText: "Hướng dẫn" }).last().click();
    await expect.poll(() => page.locator(".msg.bot").nth(-2).textContent()).toContain("Tương Trợ giúp Bà");
    await expect.poll(() => page.locator(".msg.bot").last().textContent()).toContain("Ban Chủ nhiệm gọi lại");

    await say("1");
    await expect.poll(() => page.locator(".msg.bot").last().textContent()).toContain("Khi có người nhận gọi");
  });

  it("a new person links with an invite code", async () => {
    await page.goto(`${t.url}/chat`);
    await say("xin chào");
    await expect.poll(() => page.locator(".msg.bot").last().textContent()).toContain("mã mời");
    await say("THU234");
    await expect.poll(() => page.locator(".msg.bot").last().textContent()).toContain("lưu tên, năm sinh");
    for (let i = 0; i < 3; i++) await page.locator(".choices button", { hasText: "Có" }).last().click();
    await expect.poll(() => page.locator(".msg.bot").last().textContent()).toContain("Bà Thu cần gì ạ");
    // Linked: the picker names her, no longer «Người mới».
    expect(await page.locator("#who option:checked").textContent()).toBe("Bùi Thị Thu");
  });

  it("roles in Vietnamese; a long word stays inside its bubble; a reopened chat shows the person's own messages", async () => {
    await page.goto(`${t.url}/chat`);
    const labels = await page.locator("#who option").allTextContents();
    expect(labels).toContain("Phạm Thị Bình (Thủ quỹ)");
    expect(labels.join("\n")).not.toMatch(/\((board|treasurer|volunteer)/);
    await page.selectOption("#who", { label: "Đặng Văn Hùng" });
    await say("menu");
    await expect.poll(() => page.locator(".msg.bot").last().textContent()).toContain("Ông Hùng cần gì ạ");
    const long = "Khôngbiếtbấmnútnàochođúngđâycháuơi".repeat(3);
    await say(long);
    await expect.poll(() => page.locator(".msg.bot").count()).toBeGreaterThan(1);
    const inside = await page
      .locator(".msg.me")
      .last()
      .evaluate((e) => e.scrollWidth <= e.clientWidth && e.getBoundingClientRect().right <= window.innerWidth);
    expect(inside).toBe(true);
    // Away and back: his own words are where he typed them, after the reply they answered.
    await page.selectOption("#who", { label: "Hoàng Thị Mận" });
    await page.selectOption("#who", { label: "Đặng Văn Hùng" });
    await expect.poll(() => page.locator(".msg.me").allTextContents()).toEqual(["menu", long]);
    const order = await page
      .locator(".msg")
      .evaluateAll((all) => all.map((e) => `${e.classList.contains("me") ? "me" : "bot"}: ${e.textContent}`));
    const menuAt = order.indexOf("me: menu");
    expect(order[menuAt + 1]).toMatch(/^bot: Ông Hùng cần gì ạ/); // «menu», then the menu
    expect(order.indexOf(`me: ${long}`)).toBeGreaterThan(menuAt + 1);
  });

  it("a person picked while the one before is still loading: only the last one's chat is drawn", async () => {
    await page.goto(`${t.url}/chat`);
    await page.selectOption("#who", { label: "Hoàng Thị Mận" });
    await say("menu");
    await expect.poll(() => page.locator(".msg.bot").last().textContent()).toContain("Bà Mận cần gì ạ");
    // Her chat answers slowly; Ông Hùng is picked before it arrives.
    const slow = `**/chat/api/messages?user=member-${await memberId(t.app, "Hoàng Thị Mận")}&last=*`;
    let arrived!: () => void;
    const late = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    await page.route(slow, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
      arrived();
    });
    await page.selectOption("#who", { label: "Đặng Văn Hùng" });
    await page.selectOption("#who", { label: "Hoàng Thị Mận" });
    await page.selectOption("#who", { label: "Đặng Văn Hùng" });
    await late;
    await page.waitForTimeout(300);
    await page.unroute(slow);
    const shown = await page.locator(".msg.bot").allTextContents();
    expect(shown.join("\n")).not.toContain("Bà Mận");
  });

  it("after each send the newest reply is wholly on screen, with the input box", async () => {
    await page.goto(`${t.url}/chat`);
    await page.selectOption("#who", { label: "Đặng Văn Hùng" });
    for (const text of ["menu", "huong dan", "menu", "cai dat", "menu"]) {
      const before = await page.locator(".msg.bot").count();
      await say(text);
      await expect.poll(() => page.locator(".msg.bot").count()).toBeGreaterThan(before);
      await expect
        .poll(() => fullyVisible(".msg.bot"), {
          message: `${text}: ${JSON.stringify(await page.locator(".msg.bot").last().boundingBox())}`,
        })
        .toBe(true);
      expect(await fullyVisible("#text")).toBe(true);
    }
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  });

  it("a chat with 200 messages opens on the newest one, input in view; older ones load on demand", async () => {
    const id = await memberId(t.app, "Ngô Thị Hằng");
    await write(t.app.db, (tx) =>
      tx.outboxMessage.createMany({
        data: Array.from({ length: 200 }, (_, i) => ({
          channel: "webchat",
          chatId: `member-${id}`,
          payload: JSON.stringify({ text: `Tin số ${i + 1}\nDòng thứ hai của tin này` }),
          status: "sent",
          dedupeKey: `history:${id}:${i}`,
        })),
      }),
    );
    await page.goto(`${t.url}/chat`);
    await page.selectOption("#who", { label: "Ngô Thị Hằng" });
    await expect.poll(() => page.locator(".msg.bot").last().textContent()).toContain("Tin số 200");
    expect(await page.locator(".msg.bot").count()).toBe(50);
    expect(await fullyVisible(".msg.bot")).toBe(true);
    expect(await fullyVisible("#text")).toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);

    await page.click("#older");
    await expect.poll(() => page.locator(".msg.bot").count()).toBe(100);
    expect(await page.locator(".msg.bot").first().textContent()).toContain("Tin số 101");
    // The reader stays where they were: «Tin số 151» (the first before) is still on screen.
    const kept = await page.locator(".msg.bot", { hasText: "Tin số 151\n" }).boundingBox();
    expect(kept && kept.y >= 0 && kept.y < PHONE.height).toBe(true);
  });

  it("a board member's report: the chart picture shows in the chat, fitting the phone's width", async () => {
    await page.goto(`${t.url}/chat`);
    await page.selectOption("#who", { label: "Nguyễn Văn Tâm (Ban Chủ nhiệm)" });
    await say("báo cáo");
    await expect.poll(() => page.locator(".msg.bot").last().textContent()).toContain("muốn xem báo cáo tháng nào");
    await page.locator(".choices button", { hasText: "Tháng này" }).last().click();
    await expect.poll(() => page.locator(".msg.bot", { hasText: "Đang làm báo cáo" }).count()).toBeGreaterThan(0);
    await deliver(t.app);
    const img = page.locator(".msg.bot img").last();
    await expect
      .poll(() => img.evaluate((e: HTMLImageElement) => e.complete && e.naturalWidth), { timeout: 10_000 })
      .toBe(PHONE_CHART_WIDTH);
    const box = await img.boundingBox();
    expect(box && box.width <= PHONE.width).toBe(true);
    // The chart's letters (22 px in the picture) stay at least 14 px on the phone's screen.
    expect(box && (22 * box.width) / PHONE_CHART_WIDTH).toBeGreaterThanOrEqual(14);
    // Once the chart is there, the spreadsheet's offer is the newest message, on screen, and its button works.
    const newest = page.locator(".msg.bot").last();
    await expect.poll(() => newest.textContent()).toContain("Cần bảng tính để lưu hoặc in");
    await expect.poll(() => fullyVisible(".msg.bot")).toBe(true);
    await page.locator(".choices button", { hasText: "Nhận file Excel" }).last().click();
    await expect.poll(() => page.locator(".msg.bot").last().textContent()).toMatch(/file|File/);
    await page.screenshot({ path: path.join(mkdtempSync(path.join(TMP, "shot-")), "report.png") });
  });
});
