import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeInBrowser, launchBrowser, newPage, screenshot, signIn } from './support/browser.ts';
import { e2eEngines, startDemoServer, type ServerProcess } from './support/server-process.ts';

/** Today in China (UTC+8) plus `days`, as YYYY-MM-DD: the server counts the judicial window in China dates. */
function chinaDatePlus(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** Records one mediation attempt in the open 记录调解 dialog, the signed-in account as mediator. */
async function recordAttempt(page: Page, options: { record: string; outcome: RegExp }): Promise<void> {
  await page.getByTestId('attempt-record-button').click();
  const form = page.getByTestId('attempt-form');
  await form.waitFor();
  await page.getByTestId('attempt-add-me').click();
  // The method's help text (五心调解法: 热心问、耐心听…) is shown under the choice.
  await expect(page.getByTestId('attempt-method-help').innerText()).resolves.toContain('耐心听');
  await page.getByTestId('attempt-record').fill(options.record);
  await page.getByTestId('attempt-outcome').locator('label').filter({ hasText: options.outcome }).click();
  await page.getByTestId('attempt-ok').click();
  await form.waitFor({ state: 'detached' });
}

/**
 * 矛盾纠纷 (issue 5): a grid worker files the week's zero report; a dispute climbs the 三三制 ladder —
 * three failed grid attempts move it to the community's 综治办, where the mediator settles it — and ends
 * in a printed 调解协议书 with its judicial-confirmation deadline; the community sees which grids have
 * not reported. On every engine the run has.
 */
describeInBrowser('disputes: zero report, the 三三制 ladder, the printed agreement, missing reports', () => {
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

      it('a dispute climbs the 三三制 ladder and ends in a printed agreement', async () => {
        // 1. wangge files this week's zero report for 第一网格.
        const grid = await newPage(browser);
        const page = grid.page;
        await signIn(page, server.url, 'wangge');
        await page.getByTestId('nav-screening').click();
        await page.getByTestId('screening-mine').waitFor();
        await page.getByTestId('screen-zero-button').click();
        await expect.poll(async () => page.getByTestId('screen-done').innerText().catch(() => ''), { timeout: 15_000 }).toMatch(/本周已零报告/);
        // The last weeks of the grid are listed below (the demo has reports for them).
        await expect.poll(async () => page.getByTestId('screen-history').locator('tr.ant-table-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
        await screenshot(page, `disputes-zero-report-${engine}`);

        // 2. wangge registers a dispute in 第一网格 on the 三三制 ladder.
        await page.getByTestId('nav-disputes').click();
        await page.getByTestId('disputes-page').waitFor();
        await page.getByTestId('dispute-register').click();
        const form = page.getByTestId('dispute-register-form');
        await form.waitFor();
        await page.getByTestId('dispute-place').locator('.ant-select').click();
        const gridNode = page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: '第一网格' }).first();
        await gridNode.waitFor();
        await gridNode.click();
        await expect.poll(async () => page.getByTestId('dispute-place').innerText(), { timeout: 10_000 }).toContain('第一网格');
        await page.getByTestId('dispute-party-name-0').fill('张桂兰');
        await page.getByTestId('dispute-party-name-1').fill('李建国');
        await page.getByTestId('dispute-type').click();
        const neighbour = page.locator('.ant-select-item-option').filter({ hasText: '邻里' }).first();
        await neighbour.waitFor();
        await neighbour.click();
        await expect.poll(async () => page.getByTestId('dispute-register-form').innerText(), { timeout: 10_000 }).toContain('邻里纠纷');
        const summary = `楼上卫生间漏水致楼下天花板受损，维修费用争执（${engine}）`;
        await page.getByTestId('dispute-summary').fill(summary);
        await page.getByTestId('dispute-risk').locator('label').filter({ hasText: '中' }).click();
        // The ladder's levels are spelt out under the choice.
        const explain = await page.getByTestId('dispute-ladder-explain').innerText();
        expect(explain).toContain('网格调解');
        expect(explain).toContain('人民调解委员会');
        await screenshot(page, `disputes-register-${engine}`);
        await page.getByTestId('dispute-register-ok').click();

        await page.getByTestId('dispute-page').waitFor();
        await expect(page.getByTestId('dispute-summary-title').innerText()).resolves.toBe(summary);
        const current = page.getByTestId('ladder-level-current');
        await expect(current.innerText()).resolves.toContain('网格调解');
        await expect(current.innerText()).resolves.toContain('第 1/3 次');
        const disputeUrl = page.url();

        // 3. Three failed attempts at the grid: the ladder moves up to 社区综治办.
        for (let n = 1; n <= 3; n++) {
          await recordAttempt(page, { record: `第${n}次上门调解：双方各执一词，未达成一致。`, outcome: /^调解不成功$/ });
          if (n < 3) await expect.poll(async () => current.innerText(), { timeout: 10_000 }).toContain(`第 ${n + 1}/3 次`);
        }
        await expect.poll(async () => current.innerText(), { timeout: 10_000 }).toContain('综治办');
        await expect(current.innerText()).resolves.toContain('第 1/3 次');
        await expect(page.getByTestId('attempt-item').count()).resolves.toBe(3);
        await screenshot(page, `disputes-ladder-moved-up-${engine}`);
        expect(grid.problems).toEqual([]);
        await page.context().close();

        // 4. The community's mediator settles it at 综治办, draws up the agreement and prints it.
        const mediator = await newPage(browser);
        const m = mediator.page;
        await signIn(m, server.url, 'tiaojie');
        await m.goto(disputeUrl);
        await m.getByTestId('dispute-page').waitFor();
        await expect(m.getByTestId('ladder-level-current').innerText()).resolves.toContain('综治办');
        // The server refuses an attempt dated before the last one; its message sits under 调解日期.
        await m.getByTestId('attempt-record-button').click();
        const attemptForm = m.getByTestId('attempt-form');
        await attemptForm.waitFor();
        const date = attemptForm.locator('.ant-picker input').first();
        await date.click();
        await date.fill(chinaDatePlus(-1));
        await date.press('Enter');
        await m.getByTestId('attempt-record').fill('综治办组织双方和物业现场查看，楼上承担维修费用 1800 元，双方同意。');
        await m.getByTestId('attempt-outcome').locator('label').filter({ hasText: /^调解成功/ }).click();
        await m.getByTestId('attempt-ok').click();
        const dateError = attemptForm.locator('.ant-form-item').filter({ hasText: '调解日期' }).first().locator('.ant-form-item-explain-error');
        await expect.poll(async () => dateError.innerText().catch(() => ''), { timeout: 15_000 }).toContain('早于上一次调解');
        await screenshot(m, `disputes-attempt-error-${engine}`);
        await date.click();
        await date.fill(chinaDatePlus(0));
        await date.press('Enter');
        await m.getByTestId('attempt-ok').click();
        await attemptForm.waitFor({ state: 'detached' });
        await expect.poll(async () => m.getByTestId('dispute-next-step').innerText(), { timeout: 10_000 }).toContain('协议');

        await m.getByTestId('agreement-fill').click();
        await m.getByTestId('agreement-form').waitFor();
        await m.getByTestId('agreement-issues').fill('楼下天花板维修费用由谁承担。');
        await m.getByTestId('agreement-responsibilities').fill('楼上住户卫生间防水层老化，对漏水负主要责任。');
        await m.getByTestId('agreement-terms').fill('楼上住户张桂兰一次性支付李建国维修费用人民币 1800 元，并于 7 日内修复自家卫生间防水。');
        await m.getByTestId('agreement-performance').fill('签字当日现金支付；防水维修 7 日内完成，网格员回访。');
        await screenshot(m, `disputes-agreement-form-${engine}`);
        await m.getByTestId('agreement-ok').click();
        await m.getByTestId('agreement-form').waitFor({ state: 'detached' });
        await expect(m.getByTestId('agreement-content').innerText()).resolves.toContain('1800 元');

        const href = await m.getByTestId('agreement-print').getAttribute('href');
        expect(href).toMatch(/\/agreement\.pdf$/);
        const pdf = await m.context().request.get(`${server.url}${href ?? ''}`);
        expect(pdf.status()).toBe(200);
        expect(pdf.headers()['content-type']).toContain('application/pdf');
        expect((await pdf.body()).subarray(0, 4).toString()).toBe('%PDF');

        // 5. Signed today: the judicial-confirmation window runs 30 days.
        await m.getByTestId('agreement-sign-button').click();
        const deadline = m.getByTestId('judicial-deadline');
        await deadline.waitFor();
        await expect(deadline.innerText()).resolves.toContain(chinaDatePlus(30));
        await expect(deadline.innerText()).resolves.toContain('还剩 30 天');
        await m.getByTestId('follow-ups').waitFor();
        await m.getByTestId('judicial-box').scrollIntoViewIfNeeded();
        await screenshot(m, `disputes-agreement-signed-${engine}`);

        // 6. 一卡通: the whole history on one card, with the body at each step.
        await m.getByTestId('tab-card').click();
        const steps = m.getByTestId('card-step');
        await steps.first().waitFor();
        await expect(steps.count()).resolves.toBeGreaterThanOrEqual(7);
        const card = await m.getByTestId('dispute-card').innerText();
        expect(card).toContain('网格调解');
        expect(card).toContain('综治办');
        await screenshot(m, `disputes-card-${engine}`);
        // The one refusal above (409) is expected; nothing else may have failed.
        expect(mediator.problems.filter((problem) => !/status of 409/.test(problem))).toEqual([]);
        await m.context().close();

        // 7. A committee member with dispute.read sees the card but not the records.
        const member = await newPage(browser);
        await signIn(member.page, server.url, 'liangwei');
        await member.page.goto(disputeUrl);
        await member.page.getByTestId('dispute-page').waitFor();
        await expect(member.page.getByTestId('attempts-confidential').innerText()).resolves.toContain('调解记录保密，仅调解员、负责人和当事人可见');
        await expect(member.page.getByTestId('dispute-mediation').innerText()).resolves.not.toContain('1800 元');
        await screenshot(member.page, `disputes-confidential-${engine}`);
        expect(member.problems).toEqual([]);
        await member.page.context().close();
      }, 240_000);

      it('the community (shuji) sees which grids have not reported this week, and the ten-day report', async () => {
        const { page, problems } = await newPage(browser);
        await signIn(page, server.url, 'shuji');
        await page.getByTestId('nav-screening').click();
        await page.getByTestId('screening-overview').waitFor();
        const rows = page.getByTestId('screen-week-table').locator('tr.ant-table-row');
        await rows.first().waitFor();
        await expect(page.getByTestId('screen-week-counts').innerText()).resolves.toMatch(/未上报 [1-9]\d*/);
        // Missing grids come first, in red.
        await expect(rows.first().getByTestId('screen-missing').isVisible()).resolves.toBe(true);
        await screenshot(page, `disputes-screening-community-${engine}`);

        await page.getByTestId('screen-tabs').getByText('旬报').click();
        await page.getByTestId('screen-summary-title').waitFor();
        await expect(page.getByTestId('screen-summary-title').innerText()).resolves.toMatch(/旬/);
        await expect(page.getByTestId('screen-summary-table').locator('tr.ant-table-row').count()).resolves.toBeGreaterThan(0);
        await screenshot(page, `disputes-screening-ten-day-${engine}`);
        expect(problems).toEqual([]);
        await page.context().close();
      });
    });
  }
});
