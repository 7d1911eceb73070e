/**
 * The annual report (年度报告) in the back office, in a real browser (Debian's Chromium) against the real server:
 * a report created through the form shows the three tables of the national format with the figures the API
 * gives; a number opens the applications it counts; a figure entered that breaks 一 + 二 = 三 + 四 shows its
 * finding on the highlighted cell and keeps 送审 disabled until it is cleared; 送审 → 定稿 move the status; and
 * the .docx export is served as a Word document.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../helpers/constants.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { launchBrowser, screenshot, type Browser } from './browser.js';

let server: TestServer;
let browser: Browser;
let orgId: string;
let officeId: string;

const shanghai = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
/** Last year: every day of it is in the past, so applications can be registered on any of them. */
const year = Number(shanghai(new Date()).slice(0, 4)) - 1;
/** Applications of natural persons received in that year (not answered: carried forward). */
const APPLICATIONS = [`${year}-03-02`, `${year}-04-08`, `${year}-06-15`];
const CELL = { table: 'table3', row: 'newReceived', column: 'naturalPerson' } as const;
const cellSelector = `td[data-cell="${CELL.table}.${CELL.row}.${CELL.column}"]`;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const create = async (name: string, code: string, kind: string, parentId?: string) =>
    (await server.gqlOk<any>(`mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }`, { i: { name, code, kind, parentId } }))
      .createDepartment.id as string;
  orgId = await create('年报浏览器测试局', 'NBB', 'ORGANIZATION');
  officeId = await create('年报浏览器测试局办公室', 'NBB-BGS', 'OFFICE', orgId);
  for (const [i, receivedOn] of APPLICATIONS.entries()) {
    await server.gqlOk(`mutation($i: RegisterInformationRequestInput!) { registerInformationRequest(input: $i) { id } }`, {
      i: { departmentId: officeId, applicantType: 'NATURAL_PERSON', applicantName: `申请人${i}`, channel: 'ONLINE', receivedOn, content: `浏览器年报申请${i}` },
    });
  }
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signInAsAdmin(page: Page): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill('office.admin');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${server.url}/admin/plans`);
}

async function figureOf(reportId: string): Promise<number> {
  const { annualReport } = await server.gqlOk<any>(`query($id: ID!) { annualReport(id: $id) { figures { table row column value } } }`, { id: reportId });
  return annualReport.figures.find((f: any) => f.table === CELL.table && f.row === CELL.row && f.column === CELL.column).value;
}

describe('annual report in the back office', () => {
  it('creates a report, traces a figure, shows a broken figure as a finding that blocks 送审, moves 送审 → 定稿 and exports Word', async () => {
    const page = await browser.newPage();
    await signInAsAdmin(page);
    await page.getByRole('navigation', { name: '后台管理' }).getByRole('link', { name: '年度报告' }).click();
    await page.waitForURL(`${server.url}/admin/annual-reports`);

    // 新建年度报告 for the organisation and last year.
    const org = page.locator('#ar-org');
    await expect.poll(() => org.locator(`option[value="${orgId}"]`).count(), { timeout: 10_000 }).toBe(1);
    await org.selectOption(orgId);
    await page.locator('#ar-year').fill(String(year));
    await page.getByRole('button', { name: '新建年度报告' }).click();
    await page.waitForURL(/\/admin\/annual-reports\/\d+$/);
    const reportId = page.url().split('/').pop()!;
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 })
      .toBe(`年报浏览器测试局${year}年政府信息公开工作年度报告`);
    const status = page.locator('[data-testid=report-status]');
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('起草');

    // The three tables, with the figure the API gives for the cell.
    for (const table of ['table2', 'table3', 'table4']) await page.locator(`table[data-table=${table}]`).waitFor();
    const expected = await figureOf(reportId);
    expect(expected).toBe(APPLICATIONS.length);
    const cell = page.locator(cellSelector);
    const figure = cell.getByRole('button');
    await expect.poll(() => figure.textContent(), { timeout: 10_000 }).toBe(String(expected));

    // A click lists the applications it counts: as many as the figure.
    await figure.click();
    const panel = page.locator('[data-testid=cell-panel]');
    await expect.poll(() => panel.locator('[data-testid=cell-entries] li').count(), { timeout: 10_000 }).toBe(expected);
    expect(await panel.locator('[data-testid=cell-entries]').textContent()).toContain('浏览器年报申请0');

    // A figure entered that breaks 一 + 二 = 三 + 四: the finding, the cell in red, 送审 disabled.
    const submitForReview = page.getByRole('button', { name: '送审', exact: true });
    expect(await submitForReview.isDisabled()).toBe(false);
    await panel.locator('#cell-value').fill('100');
    await panel.locator('#cell-reason').fill('浏览器测试：故意录错');
    await panel.getByRole('button', { name: '录入', exact: true }).click();
    await expect.poll(() => figure.textContent(), { timeout: 10_000 }).toContain('100');
    const errors = page.locator('[data-testid=findings] li[data-severity=ERROR]');
    await expect.poll(() => errors.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => cell.getAttribute('class'), { timeout: 10_000 }).toContain('flag-error');
    expect(await cell.getAttribute('class')).toContain('entered');
    expect(await figure.getAttribute('title')).toContain(`登记簿统计为 ${expected}`);
    expect(await submitForReview.isDisabled()).toBe(true);
    expect(await page.locator('[data-testid=workflow-blocked]').textContent()).toContain('改正后才能送审');
    // The finding names the cell: clicking it marks the cell.
    const identity = errors.filter({ hasText: 'T3-IDENTITY' }).first();
    await identity.getByRole('button').click();
    await expect.poll(() => cell.getAttribute('class'), { timeout: 10_000 }).toContain('focused');
    expect(await identity.textContent()).toContain('表三“一、本年新收政府信息公开申请数量”行“自然人”列');
    await screenshot(page, 'admin-annual-report-finding');

    // Cleared: the register's count again, no error, 送审 enabled.
    await panel.locator('#cell-reason').fill('撤销测试录入');
    await panel.getByRole('button', { name: /清除录入/ }).click();
    await expect.poll(() => figure.textContent(), { timeout: 10_000 }).toBe(String(expected));
    await expect.poll(() => errors.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => submitForReview.isDisabled(), { timeout: 10_000 }).toBe(false);
    expect(await figureOf(reportId)).toBe(expected);

    // 送审 → 定稿.
    await submitForReview.click();
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('审核中');
    await page.getByRole('button', { name: '定稿', exact: true }).click();
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('已定稿');
    const { annualReport } = await server.gqlOk<any>(`query($id: ID!) { annualReport(id: $id) { status history { to } } }`, { id: reportId });
    expect(annualReport.status).toBe('FINALIZED');
    expect(annualReport.history.map((h: any) => h.to)).toEqual(['DRAFT', 'IN_REVIEW', 'FINALIZED']);
    expect(await page.getByRole('button', { name: '报送', exact: true }).isVisible()).toBe(true);

    // 下载 Word: the export is served as a Word document and saved.
    const [response, download] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/annual-reports/${reportId}/report.docx`)),
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 Word' }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(download.suggestedFilename()).toBe(`年报浏览器测试局${year}年政府信息公开工作年度报告.docx`);
    expect(await page.locator('[role=alert]').allTextContents()).toEqual([]);
    await screenshot(page, 'admin-annual-report-finalized');
    await page.close();
  }, 120_000);
});
