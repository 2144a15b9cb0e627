import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../src/platform/security/id-number.ts';
import { describeInBrowser, launchBrowser, newPage, screenshot, signIn } from './support/browser.ts';
import { e2eEngines, startDemoServer, type ServerProcess } from './support/server-process.ts';

type Person = { name: string; idNumber: string; building: string; household: string };

/** An ID number with a correct check digit (born 1980-01-01 in 东城区, Beijing: not among the demo's). */
function idNumber(sequence: number): string {
  const first17 = `11010119800101${String(sequence).padStart(3, '0')}`;
  return `${first17}${idNumberCheckChar(first17)}`;
}

/** The same number with a wrong last character. */
function withWrongCheckDigit(id: string): string {
  const wrong = id.endsWith('0') ? '1' : '0';
  return `${id.slice(0, 17)}${wrong}`;
}

async function saved(download: Download): Promise<Buffer> {
  const file = await download.path();
  return fs.readFileSync(file);
}

async function workbookOf(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** The first sheet's data rows (after the header) as text. */
function dataRows(workbook: ExcelJS.Workbook): string[][] {
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow((row, number) => {
    if (number === 1) return;
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows.push(values.map((value) => (value === null || value === undefined ? '' : String(value))));
  });
  return rows;
}

/** The downloaded template with its example row kept, and our people below it. */
async function fillTemplate(template: Buffer, people: Person[]): Promise<Buffer> {
  const workbook = await workbookOf(template);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('the template has no sheet');
  for (const p of people) sheet.addRow(['百步亭花园社区', '第一网格', p.building, p.household, p.name, p.idNumber, '', '户主', '流动人口', '湖南省长沙市', '']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function upload(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
  await page.getByTestId('import-report').waitFor({ timeout: 30_000 });
}

/**
 * The administrator's journey (issue 4): download the template, upload it with two bad rows (a wrong
 * check digit, an unknown building), read why each is wrong, import the good rows, fix the bad ones
 * in the errors workbook and upload it again, find everyone in 实有人口, and export. On every engine.
 */
describeInBrowser('administrator: registry import with errors, fix and re-import, export', () => {
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

      it('admin imports a workbook with errors, fixes them, commits and exports', async () => {
        const { page, problems } = await newPage(browser);
        await signIn(page, server.url, 'admin');
        await page.getByTestId('nav-registry-import').click();
        await page.getByTestId('registry-import-page').waitFor();
        await expect(page.getByTestId('registry-import-page').innerText()).resolves.toContain('确认之前，不会导入任何数据');

        // 1. The template.
        const [templateDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
        expect(templateDownload.suggestedFilename()).toMatch(/\.xlsx$/);
        const template = await saved(templateDownload);
        const header = (await workbookOf(template)).worksheets[0]?.getRow(1).values;
        expect(Array.isArray(header) ? header.slice(1, 6) : []).toEqual(['社区', '网格', '楼栋', '房号', '姓名']);

        // 2. Three good rows and two bad ones: a wrong check digit, a building that does not exist.
        const tag = engine === 'pglite' ? '甲' : '乙';
        const good: Person[] = [1, 2, 3].map((n) => ({ name: `导入${tag}${n}`, idNumber: idNumber(n), building: '1栋', household: `9单元90${n}室` }));
        const badCheck: Person = { name: `导入${tag}4`, idNumber: withWrongCheckDigit(idNumber(4)), building: '2栋', household: '9单元904室' };
        const badBuilding: Person = { name: `导入${tag}5`, idNumber: idNumber(5), building: '99栋', household: '9单元905室' };
        await upload(page, '百步亭导入.xlsx', await fillTemplate(template, [...good, badCheck, badBuilding]));

        const report = page.getByTestId('import-report');
        await expect(page.getByTestId('import-total').innerText()).resolves.toContain('5');
        await expect(page.getByTestId('import-good').innerText()).resolves.toContain('3');
        await expect(page.getByTestId('import-bad').innerText()).resolves.toContain('2');
        await expect(report.innerText()).resolves.toContain('还没有导入任何数据');
        const errors = page.getByTestId('import-errors-table').locator('tr.ant-table-row');
        await expect(errors.count()).resolves.toBe(2);
        // Row 2 is the template's example; our rows are 3–7, so the bad ones are rows 6 and 7.
        const checkRow = errors.filter({ hasText: '校验位' });
        await expect(checkRow.innerText()).resolves.toMatch(/^6\s+身份证号/);
        const buildingRow = errors.filter({ hasText: '99栋' });
        await expect(buildingRow.innerText()).resolves.toMatch(/^7\s+楼栋/);
        await screenshot(page, `registry-import-report-${engine}`);

        // Nothing is in the registry yet.
        const beforeCommit = (await page.evaluate(async (q) => (await fetch(`/api/residents?q=${encodeURIComponent(q)}`)).json(), `导入${tag}`)) as { total: number };
        expect(beforeCommit.total).toBe(0);

        // 3. The bad rows as a workbook to fix, then the good rows in.
        const [errorsDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-errors-download').click()]);
        const errorsWorkbook = await workbookOf(await saved(errorsDownload));
        const badRows = dataRows(errorsWorkbook);
        expect(badRows).toHaveLength(2);
        expect(badRows.map((row) => row[4])).toEqual([badCheck.name, badBuilding.name]);
        expect(badRows.every((row) => row.some((cell) => cell.includes('校验位') || cell.includes('99栋')))).toBe(true);

        await page.getByTestId('import-commit').click();
        const done = page.getByTestId('import-done');
        await done.waitFor();
        await expect(done.innerText()).resolves.toContain('已导入 3 人');

        // 4. Fix both rows in the errors workbook (its extra 错误原因 column is ignored) and upload it.
        const sheet = errorsWorkbook.worksheets[0];
        if (!sheet) throw new Error('the errors workbook has no sheet');
        sheet.eachRow((row, number) => {
          if (number === 1) return;
          if (row.getCell(5).text === badCheck.name) row.getCell(6).value = idNumber(4);
          if (row.getCell(5).text === badBuilding.name) row.getCell(3).value = '2栋';
        });
        await page.getByRole('button', { name: '继续导入其他文件' }).click();
        await upload(page, '错误行_已改正.xlsx', Buffer.from(await errorsWorkbook.xlsx.writeBuffer()));
        await expect(page.getByTestId('import-good').innerText()).resolves.toContain('2');
        await expect(page.getByTestId('import-bad').innerText()).resolves.toContain('0');
        expect(await page.getByTestId('import-errors-table').count()).toBe(0);
        await page.getByTestId('import-commit').click();
        await page.getByTestId('import-done').waitFor();
        await expect(page.getByTestId('import-done').innerText()).resolves.toContain('已导入 2 人');
        await screenshot(page, `registry-import-done-${engine}`);

        // 5. Everyone is in 实有人口, masked.
        await page.getByTestId('import-to-residents').click();
        const search = page.locator('input[data-testid=residents-search], [data-testid=residents-search] input').first();
        await search.fill(`导入${tag}`);
        await search.press('Enter');
        const residents = page.getByTestId('residents-table');
        await expect.poll(async () => residents.locator('tr.ant-table-row').count(), { timeout: 10_000 }).toBe(5);
        const listed = await residents.innerText();
        for (const p of [...good, badCheck, badBuilding]) expect(listed).toContain(p.name);
        expect(listed).toContain('110101********');
        expect(listed).toContain('1栋 9单元901室');
        await screenshot(page, `registry-import-residents-${engine}`);

        // 6. Export (masked by default) holds them too.
        await page.getByTestId('nav-registry-import').click();
        const [exportDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-export').click()]);
        expect(exportDownload.suggestedFilename()).toMatch(/\.xlsx$/);
        const exported = dataRows(await workbookOf(await saved(exportDownload)));
        const ours = exported.filter((row) => row[4]?.startsWith(`导入${tag}`));
        expect(ours).toHaveLength(5);
        expect(ours.every((row) => /^110101\*+\d{3}[\dX]$/.test(row[5] ?? ''))).toBe(true);

        expect(problems).toEqual([]);
        await page.context().close();
      });
    });
  }
});
