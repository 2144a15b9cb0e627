import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, launchBrowser, newPage, screenshot, signIn } from './support/browser.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';

/**
 * The foundation's journeys in a real browser, against the real `gongzhi serve` started on a fresh
 * embedded data folder, exactly as a new user's first start.
 */
describeInBrowser('first start, role consoles, org tree, scope, resident portal', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-e2e-'));
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServerProcess({ DATA_DIR: dataDir, DATABASE_URL: '' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('the first start seeds the demo district and prints the address and demo accounts', () => {
    const out = server.output();
    expect(out).toContain('首次启动');
    expect(out).toContain(`工作台 (console):        http://127.0.0.1:`);
    for (const login of ['admin', 'jiedao', 'shuji', 'wangge', 'jiandu', 'louzhang', 'chuangkou', 'tiaojie', 'liangwei', '13800000001']) expect(out).toContain(login);
  });

  it('three roles each see a console laid out for them', async () => {
    const expectations: { username: string; visible: string[]; hidden: string[] }[] = [
      { username: 'admin', visible: ['org', 'residents', 'accounts', 'audit', 'outbox'], hidden: [] },
      { username: 'wangge', visible: ['org', 'residents'], hidden: ['accounts', 'audit', 'outbox'] },
      { username: 'jiandu', visible: ['org', 'residents', 'audit'], hidden: ['accounts', 'outbox'] },
    ];
    for (const e of expectations) {
      const { page, problems } = await newPage(browser);
      await signIn(page, server.url, e.username);
      for (const key of e.visible) await expect(page.getByTestId(`nav-${key}`).isVisible()).resolves.toBe(true);
      for (const key of e.hidden) expect(await page.getByTestId(`nav-${key}`).count()).toBe(0);
      await expect(page.getByTestId('header-roles').innerText()).resolves.toMatch(/管理员|网格员|居务监督委员/);
      await screenshot(page, `console-${e.username}`);
      expect(problems).toEqual([]);
      await page.context().close();
    }
  });

  it('a grid worker browses the org tree of their grid down to households and residents', async () => {
    const { page, problems } = await newPage(browser);
    await signIn(page, server.url, 'wangge');
    await page.getByTestId('nav-org').click();
    const tree = page.getByTestId('org-tree');
    await tree.getByText('第一网格').first().waitFor();
    await tree.getByText('第一网格').first().click();
    await expect.poll(() => page.getByTestId('node-detail').innerText(), { timeout: 10_000 }).toContain('第一网格');
    const gridSwitcher = tree.locator('.ant-tree-treenode').filter({ hasText: '第一网格' }).first().locator('.ant-tree-switcher');
    if (await gridSwitcher.evaluate((el) => el.classList.contains('ant-tree-switcher_close'))) await gridSwitcher.click();
    await screenshot(page, 'org-tree-expanding');
    const building = tree.locator('.ant-tree-node-content-wrapper').filter({ hasText: /^1栋/ }).first();
    await building.waitFor();
    await building.click();
    await expect.poll(() => page.getByTestId('node-detail').innerText(), { timeout: 10_000 }).toContain('1栋');
    await screenshot(page, 'org-tree-wangge');
    await page.getByTestId('nav-residents').click();
    const table = page.getByTestId('residents-table');
    await table.locator('tr.ant-table-row').first().waitFor();
    const text = await table.innerText();
    expect(text).toMatch(/\d{6}\*{8}[\dX]{4}/); // masked ID numbers
    await screenshot(page, 'residents-wangge');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a staff member opening another community is told it is outside their scope', async () => {
    const admin = await newPage(browser);
    await signIn(admin.page, server.url, 'admin');
    const search = await admin.page.evaluate(async () => (await fetch(`/api/org/search?q=${encodeURIComponent('江滩社区')}`)).json());
    const foreignId = (search as { id: string; kind: string }[]).find((n) => n.kind === 'community')?.id;
    expect(foreignId).toBeTruthy();
    await admin.page.context().close();

    const { page } = await newPage(browser);
    await signIn(page, server.url, 'wangge');
    await page.goto(`${server.url}/org/${foreignId}`);
    const result = page.getByTestId('forbidden-result');
    await result.waitFor();
    await expect(result.innerText()).resolves.toContain('无权');
    await screenshot(page, 'scope-denied-wangge');
    await page.context().close();
  });

  it('a resident signs in on the portal with a one-time code from the outbox', async () => {
    const { page, problems } = await newPage(browser, { mobile: true });
    await page.goto(`${server.url}/portal/`);
    await page.getByTestId('portal-phone').fill('13800000004');
    await page.getByTestId('portal-get-code').click();
    await expect.poll(async () => page.getByTestId('portal-get-code').innerText(), { timeout: 10_000 }).toMatch(/\d+/);

    const admin = await newPage(browser);
    await signIn(admin.page, server.url, 'admin');
    await admin.page.getByTestId('nav-outbox').click();
    const outbox = admin.page.getByTestId('outbox-table');
    await outbox.locator('tr.ant-table-row').first().waitFor();
    const code = /验证码为 (\d{6})/.exec(await outbox.innerText())?.[1];
    expect(code).toMatch(/^\d{6}$/);
    await screenshot(admin.page, 'outbox-admin');
    await admin.page.context().close();

    await page.getByTestId('portal-code').fill(code ?? '');
    await page.getByTestId('portal-login').click();
    const home = page.getByTestId('portal-home');
    await home.waitFor();
    await expect(home.innerText()).resolves.toContain('党员');
    await screenshot(page, 'portal-home-party-member');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a second start keeps the data and seeds nothing', async () => {
    const before = await (await fetch(`${server.url}/api/meta`)).json();
    await server.stop();
    server = await startServerProcess({ DATA_DIR: dataDir, DATABASE_URL: '' });
    expect(server.output()).not.toContain('首次启动');
    const { page } = await newPage(browser);
    await signIn(page, server.url, 'admin');
    const residents = (await page.evaluate(async () => (await fetch('/api/residents?pageSize=1')).json())) as { total: number };
    expect(residents.total).toBeGreaterThan(4000);
    const districts = (await page.evaluate(async () => (await fetch('/api/org/roots')).json())) as unknown[];
    expect(districts).toHaveLength(1);
    expect(await (await fetch(`${server.url}/api/meta`)).json()).toEqual(before);
    await page.context().close();
  });
});
