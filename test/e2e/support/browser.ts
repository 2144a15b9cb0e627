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

/**
 * A page that fails the test on any console error or failed request (a missing favicon included). It asks
 * for reduced motion, as a user may, so the console opens its dialogs without animation: under load a click
 * aimed at a dialog's button while the dialog still zoomed in landed beside it (a dialog that never closed,
 * with no request sent and another field focused, in decisions.e2e.ts and demands.e2e.ts).
 */
export async function newPage(browser: Browser, options: { mobile?: boolean } = {}): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: options.mobile ? { width: 390, height: 844 } : { width: 1366, height: 800 }, locale: 'zh-CN', deviceScaleFactor: 1, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of 40[13]/.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 500 || (res.status() === 404 && !res.url().includes('/api/'))) problems.push(`${res.status()} ${res.url()}`);
  });
  keepApiLog(page);
  return { page, problems };
}

/** An API call (outcome: its status or failure, null while it waits) or a console warning (no outcome). */
type Logged = { what: string; started: number; outcome: string | null } | { what: string; console: true };
const pageLogs = new WeakMap<Page, Logged[]>();

/**
 * The page's last API calls (method, path, status or still waiting, time taken, a refusal's message) and
 * console warnings, kept for `shownMessages`: a toast is gone three seconds after it showed, a request that
 * never ended shows nowhere.
 */
function keepApiLog(page: Page): void {
  const log: Logged[] = [];
  const keep = (entry: Logged) => {
    log.push(entry);
    if (log.length > 12) log.shift();
  };
  const byRequest = new WeakMap<object, { started: number; outcome: string | null }>();
  pageLogs.set(page, log);
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!url.pathname.startsWith('/api/')) return;
    const call = { what: `${req.method()} ${url.pathname}${url.search}`, started: Date.now(), outcome: null };
    byRequest.set(req, call);
    keep(call);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') keep({ what: `console ${msg.type()}: ${msg.text().slice(0, 200)}`, console: true });
  });
  page.on('requestfailed', (req) => {
    const call = byRequest.get(req);
    if (call) call.outcome = `failed (${req.failure()?.errorText ?? '?'}) after ${Date.now() - call.started} ms`;
  });
  page.on('response', (res) => {
    const call = byRequest.get(res.request());
    if (!call) return;
    call.outcome = `${res.status()} after ${Date.now() - call.started} ms`;
    if (res.status() >= 400) {
      void res
        .text()
        .then((body) => (call.outcome += ` ${body.slice(0, 160)}`))
        .catch(() => undefined);
    }
  });
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
 * What the page is telling its user right now (antd toasts, notifications, form errors, alerts) and its last
 * API calls, for a test's error when an expected change did not come: a refused command shows its reason
 * there, a slow or lost one in the calls.
 */
export async function shownMessages(page: Page): Promise<string> {
  const texts = await page.locator('.ant-message-notice, .ant-notification-notice, .ant-form-item-explain-error, .ant-alert').allInnerTexts().catch(() => []);
  const shown = texts.map((t) => t.trim()).filter(Boolean).join(' | ') || '(none)';
  const log = (pageLogs.get(page) ?? []).map((e) => ('console' in e ? e.what : `${e.what} → ${e.outcome ?? `no answer yet after ${Date.now() - e.started} ms`}`));
  return `${shown}; its last API calls and console warnings: ${log.join(' ; ') || '(none)'}`;
}

/**
 * `step`, or — when it fails (a wait timing out, say) — its error's first line, what `also` says (e.g. the
 * status the page had instead) and what the page shows, with a screenshot of the page as `failed-<time>.png`.
 */
export async function explained<T>(page: Page, step: Promise<T>, also?: () => Promise<string>): Promise<T> {
  try {
    return await step;
  } catch (error) {
    await screenshot(page, `failed-${Date.now()}`).catch(() => undefined);
    const more = also ? `; ${await also().catch(() => '?')}` : '';
    throw new Error(`${(error as Error).message.split('\n')[0]}${more}; the page shows: ${await shownMessages(page)}`);
  }
}
