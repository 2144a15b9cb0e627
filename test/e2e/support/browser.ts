import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describe } from 'vitest';

/**
 * Debian's chromium driven by playwright-core (never a downloaded browser). Without /usr/bin/chromium
 * the browser suites skip with a message, unless GZ_REQUIRE_BROWSER=1 (as CI sets), where they fail.
 */
export const CHROMIUM = process.env.GZ_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve('test-results/screenshots');

export function describeInBrowser(name: string, body: () => void): void {
  if (fs.existsSync(CHROMIUM)) {
    describe(name, body);
    return;
  }
  if (process.env.GZ_REQUIRE_BROWSER === '1') {
    describe(name, () => {
      throw new Error(`GZ_REQUIRE_BROWSER=1 but ${CHROMIUM} is missing (apt-get install -y chromium fonts-noto-cjk)`);
    });
    return;
  }
  console.warn(`[gongzhi] ${CHROMIUM} not found: browser suite "${name}" skipped (apt-get install -y chromium fonts-noto-cjk).`);
  describe.skip(name, body);
}

export async function launchBrowser(): Promise<Browser> {
  // playwright-core gives every launch a fresh temporary profile of its own.
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    headless: true,
  });
}

/** A page that fails the test on any console error or failed request (a missing favicon included). */
export async function newPage(browser: Browser, options: { mobile?: boolean } = {}): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: options.mobile ? { width: 390, height: 844 } : { width: 1366, height: 800 }, locale: 'zh-CN', deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of 40[13]/.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 500 || (res.status() === 404 && !res.url().includes('/api/'))) problems.push(`${res.status()} ${res.url()}`);
  });
  return { page, problems };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

export async function signIn(page: Page, baseUrl: string, username: string, password = 'Gongzhi@2026'): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor({ timeout: 15_000 });
}

/**
 * What the page is telling its user right now (antd toasts, notifications, form errors, alerts), for a
 * test's error when an expected change did not come: a refused command shows its reason there.
 */
export async function shownMessages(page: Page): Promise<string> {
  const texts = await page.locator('.ant-message-notice, .ant-notification-notice, .ant-form-item-explain-error, .ant-alert').allInnerTexts().catch(() => []);
  return texts.map((t) => t.trim()).filter(Boolean).join(' | ') || '(none)';
}
