// A person in real headless Chromium: open /chat, type "menu", tap a button, type a number.
import { mkdtempSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { chromiumAvailable, launchChromium } from "../support/chromium.ts";
import { TMP } from "../support/global-setup.ts";

// CI installs chromium (.ci/run); a developer machine without it says so instead of passing quietly.
const needsBrowser = chromiumAvailable() || process.env.CI ? describe : describe.skip;

needsBrowser("web chat in Chromium", () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 390, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function say(text: string) {
    await page.fill("#text", text);
    await page.click("#send");
  }

  it("a demo member types menu, taps a button, and types a number", async () => {
    await page.goto(`${t.url}/chat`);
    await page.selectOption("#who", { label: "Hoàng Thị Mận" });
    await say("menu");
    const menu = page.locator(".msg.bot").last();
    await expect.poll(() => menu.textContent()).toContain("Bà Mận cần gì ạ");
    await expect.poll(() => page.locator(".choices button").count()).toBe(6); // Điểm danh, Khoản vay, Nhờ thăm nhà, Cài đặt, Sức khỏe, Hướng dẫn
    await page.screenshot({ path: path.join(mkdtempSync(path.join(TMP, "shot-")), "menu.png") });

    await page.locator(".choices button", { hasText: "Hướng dẫn" }).last().click();
    await expect.poll(() => page.locator(".msg.bot").nth(-2).textContent()).toContain("Tương Trợ giúp Bà");
    await expect.poll(() => page.locator(".msg.bot").last().textContent()).toContain("Ban Chủ nhiệm gọi lại");

    await say("1");
    await expect.poll(() => page.locator(".msg.bot").last().textContent()).toContain("Đã báo Ban Chủ nhiệm");
  });

  it("a new person links with an invite code", async () => {
    await page.goto(`${t.url}/chat`);
    await say("xin chào");
    await expect.poll(() => page.locator(".msg.bot").last().textContent()).toContain("mã mời");
    await say("THU234");
    await expect.poll(() => page.locator(".msg.bot").last().textContent()).toContain("lưu tên, năm sinh");
    for (let i = 0; i < 3; i++) await page.locator(".choices button", { hasText: "Có" }).last().click();
    await expect.poll(() => page.locator(".msg.bot").last().textContent()).toContain("Bà Thu cần gì ạ");
  });
});
