import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeInBrowser, launchBrowser, newPage, screenshot, signIn } from './support/browser.ts';
import { e2eEngines, startDemoServer, type ServerProcess } from './support/server-process.ts';

/** "rgb(207, 19, 34)" → true for a red: strong red, weak green and blue. */
function isRed(color: string): boolean {
  const [r = 0, g = 255, b = 255] = (color.match(/\d+/g) ?? []).map(Number);
  return r >= 150 && g <= 100 && b <= 100;
}

/**
 * The grid worker's day (issue 4): open the due list, see what is overdue (in red), visit a household,
 * log whom they met and what they found with a photo, raise a follow-up (待办) — and the visit leaves
 * the due list and appears in the visit log (民情日记). On every engine the run has.
 */
describeInBrowser('grid worker: due visits, logging a visit with a follow-up, the visit log', () => {
  for (const engine of e2eEngines()) {
    describe(engine, () => {
      let server: ServerProcess;
      let browser: Browser;

      beforeAll(async () => {
        server = await startDemoServer(engine);
        browser = await launchBrowser();
      });
      afterAll(async () => {
        await browser?.close();
        await server?.stop();
      });

      it('wangge sees due visits with the overdue ones in red, logs a visit with a follow-up, and finds it in 民情日记', async () => {
        const { page, problems } = await newPage(browser);
        await signIn(page, server.url, 'wangge');
        await page.getByTestId('nav-visits').click();

        const due = page.getByTestId('due-table');
        const rows = due.locator('tr.ant-table-row');
        await rows.first().waitFor();
        const before = await rows.count();
        expect(before).toBeGreaterThan(0);

        const overdueRow = rows.filter({ has: page.getByTestId('due-overdue') }).first();
        const overdueTag = overdueRow.getByTestId('due-overdue');
        await expect(overdueTag.innerText()).resolves.toMatch(/逾期 \d+ 天/);
        // Runs in the browser (the test's own types have no DOM, hence the narrow cast).
        const color = await overdueTag.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(el).color);
        expect(isRed(color)).toBe(true);
        await expect(page.getByTestId('due-summary').innerText()).resolves.toMatch(/其中逾期 \d+ 项/);
        await screenshot(page, `grid-worker-due-${engine}`);

        const person = (await overdueRow.locator('.gz-due-person').innerText()).trim();
        expect(person.length).toBeGreaterThan(0);
        await overdueRow.getByTestId('due-visit').click();

        const form = page.getByTestId('visit-form');
        await form.waitFor();
        // The person of the row is ticked already: the visit is to them.
        const met = page.getByTestId('visit-people').locator('label').filter({ hasText: person });
        await met.waitFor();
        await expect(met.locator('input[type=checkbox]').isChecked()).resolves.toBe(true);

        const findings = `${person}近况：在家休养，想找一份社区附近的工作（${engine}）`;
        await page.getByTestId('visit-findings').fill(findings);
        // A "phone photo" larger than 1280 px, drawn by the browser itself; the form scales it down before sending.
        const photo = String(
          await page.evaluate(`(() => {
            const canvas = document.createElement('canvas');
            canvas.width = 2000;
            canvas.height = 1500;
            const context = canvas.getContext('2d');
            context.fillStyle = '#c0392b';
            context.fillRect(0, 0, 2000, 1500);
            return canvas.toDataURL('image/png').split(',')[1];
          })()`),
        );
        await page.getByTestId('visit-photos').locator('input[type=file]').setInputFiles({ name: 'door.png', mimeType: 'image/png', buffer: Buffer.from(photo, 'base64') });
        await page.getByTestId('visit-photos').locator('.ant-upload-list-item').first().waitFor();

        await page.getByTestId('visit-followup-switch').click();
        await page.getByTestId('visit-followup-kind').getByText('诉求').click();
        const followUp = '希望社区推荐就业岗位';
        await page.getByTestId('visit-followup-summary').fill(followUp);
        await screenshot(page, `grid-worker-visit-form-${engine}`);
        await page.getByTestId('visit-submit').click();

        // The drawer closes and the visited person's item leaves the list.
        await form.waitFor({ state: 'detached' });
        await expect.poll(async () => due.locator('tr.ant-table-row').filter({ hasText: person }).count(), { timeout: 10_000 }).toBe(0);
        await expect.poll(async () => due.locator('tr.ant-table-row').count(), { timeout: 10_000 }).toBe(before - 1);

        await page.getByTestId('tab-log').click();
        const log = page.getByTestId('visit-log-table');
        const entry = log.locator('tr.ant-table-row').filter({ hasText: findings });
        await entry.waitFor();
        const text = await entry.innerText();
        expect(text).toContain(person);
        expect(text).toContain('诉求');
        expect(text).toContain(followUp);
        expect(text).toContain('张丽');
        await screenshot(page, `grid-worker-visit-log-${engine}`);

        expect(problems).toEqual([]);
        await page.context().close();
      });

      it('wangge checks 五个百分百 for the grid: five figures, the buildings compared, who is missing, the map', async () => {
        const { page, problems } = await newPage(browser);
        await signIn(page, server.url, 'wangge');
        await page.getByTestId('nav-coverage').click();

        const cards = page.getByTestId('coverage-cards');
        await cards.waitFor();
        await expect(page.getByTestId('coverage-title').innerText()).resolves.toContain('第一网格');
        for (const name of ['基础信息核实率', '骨干力量掌握率', '困难群体关爱率', '重点人员稳控率', '政策宣传覆盖率']) await expect(cards.innerText()).resolves.toContain(name);
        await expect(page.getByTestId('coverage-card-basic_info').innerText()).resolves.toMatch(/\d+\.\d%/);
        await page.getByTestId('coverage-chart').locator('canvas').first().waitFor();
        await expect(page.getByTestId('coverage-children-table').locator('tr.ant-table-row').count()).resolves.toBeGreaterThan(0);
        await screenshot(page, `grid-worker-coverage-${engine}`);

        // Drill down: the people of 困难群体关爱率 not visited within their interval.
        await page.getByTestId('coverage-missing-vulnerable_care').click();
        const missing = page.getByTestId('coverage-missing-table').locator('tr.ant-table-row');
        await missing.first().waitFor();
        await expect(missing.first().innerText()).resolves.toMatch(/\d{6}\*{8}[\dX]{4}/);

        await page.getByTestId('coverage-tab-map').click();
        await page.getByTestId('coverage-map').locator('canvas').first().waitFor();
        await screenshot(page, `grid-worker-coverage-map-${engine}`);

        expect(problems).toEqual([]);
        await page.context().close();
      });

      it('on a phone the due list reads as cards, overdue first, each with its 登记走访 button', async () => {
        const { page, problems } = await newPage(browser, { mobile: true });
        await signIn(page, server.url, 'wangge');
        await page.goto(`${server.url}/visits?all=1`);
        const rows = page.getByTestId('due-table').locator('tr.ant-table-row');
        await rows.first().waitFor();
        await expect(rows.first().getByTestId('due-overdue').isVisible()).resolves.toBe(true);
        await expect(rows.first().getByTestId('due-visit').isVisible()).resolves.toBe(true);
        const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
        expect(overflow).toBeLessThanOrEqual(0);
        await screenshot(page, `grid-worker-due-phone-${engine}`);
        expect(problems).toEqual([]);
        await page.context().close();
      });
    });
  }
});
