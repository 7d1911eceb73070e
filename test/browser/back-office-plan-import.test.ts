/**
 * 导入工作要点 in Chromium against the real server: an admin pastes a 任务分工 table, the preview shows
 * its points and the one unit name no department matches, the import stays disabled until that name is
 * mapped, the import opens the new plan, a point is broken down from its page, and the mapped department's
 * head sees the task on the department view.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../helpers/constants.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { launchBrowser, screenshot, type Browser } from './browser.js';

let server: TestServer;
let browser: Browser;
let dept: Record<string, string>;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const { departments } = await server.gqlOk<{ departments: { id: string; code: string }[] }>(`{ departments { id code } }`);
  dept = Object.fromEntries(departments.map((d) => [d.code, d.id]));
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

const TABLE = [
  '序号\t工作任务\t具体要求\t牵头单位\t责任单位\t完成时限',
  '1\t规范性文件公开\t及时公开本局制发的规范性文件，做好政策解读\t办公室\t政策法规科\t年底前',
  '2\t公园绿地信息公开\t公开公园绿地建设与养护信息\t花卉管理所\t政策法规科\t持续推进',
  '3\t行政处罚公示\t公示行政处罚决定\t政策法规科\t办公室\t6月底前',
].join('\n');

describe('back office: 导入工作要点', () => {
  it('pastes a table, maps the unknown unit, imports, breaks the whole plan down and the mapped department sees its task', async () => {
    const page = await browser.newPage();
    await signIn(page, 'office.admin');
    await page.waitForURL(`${server.url}/admin/plans`);
    await page.getByRole('button', { name: '导入工作要点' }).click();
    await page.waitForURL(`${server.url}/admin/plans/import`);

    const form = page.getByRole('form', { name: '导入文件' });
    await form.getByLabel('所属机关').selectOption({ label: '平顶山市城市管理局' });
    await form.getByLabel('年度（可选）').fill('2026');
    await form.getByLabel('文件类型').selectOption({ label: '任务分工表' });
    const text = form.getByLabel(/文件内容/);
    // A table copied from a web page arrives as its HTML.
    await text.evaluate((el) => {
      // Runs in the page (DOM types are not in the server's tsconfig).
      const { DataTransfer, ClipboardEvent } = globalThis as unknown as {
        DataTransfer: new () => { setData(type: string, value: string): void };
        ClipboardEvent: new (type: string, init: Record<string, unknown>) => Event;
      };
      const data = new DataTransfer();
      data.setData('text/plain', '甲 乙');
      data.setData('text/html', '<table><tr><td>甲</td><td>乙</td></tr></table>');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => text.inputValue()).toBe('<table><tr><td>甲</td><td>乙</td></tr></table>');
    await text.fill(TABLE);
    await form.getByRole('button', { name: '预览' }).click();

    const rows = page.locator('[data-testid=import-points] tbody tr');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
    expect(await rows.nth(0).textContent()).toMatch(/规范性文件公开.*办公室.*政策法规科.*年底前.*2026-12-31/);
    expect(await rows.nth(1).textContent()).toMatch(/公园绿地信息公开.*花卉管理所.*持续推进.*长期\/持续/);
    const units = page.locator('[data-testid=import-units]');
    expect(await units.locator('tr[data-unit="办公室"]').textContent()).toContain('局办公室');
    expect(await units.locator('tr[data-unit="政策法规科"]').textContent()).toContain('局政策法规科');
    const importButton = page.getByRole('button', { name: '导入', exact: true });
    expect(await importButton.isDisabled()).toBe(true);
    // The table has no title: the import waits for one as well.
    await page.getByLabel('标题', { exact: true }).fill('2026年城市管理政务公开任务分工');
    expect(await importButton.isDisabled()).toBe(true);
    const select = page.getByLabel('“花卉管理所”对应的单位');
    await select.selectOption(dept['PDS-YLLH']!);
    await expect.poll(() => importButton.isEnabled()).toBe(true);
    await screenshot(page, 'admin-plan-import-preview');
    await importButton.click();

    await page.waitForURL(/\/admin\/plans\?plan=\d+/, { timeout: 10_000 });
    const planId = new URL(page.url()).searchParams.get('plan')!;
    // The whole plan broken down at once (breakDownPlan), from the plan's page the import lands on.
    await page.getByRole('button', { name: '分解全部条目' }).click();
    await expect.poll(() => page.locator('.notice').textContent(), { timeout: 10_000 }).toMatch(/已分解 3 项条目：新建 \d+ 项任务（涉及 3 项条目）/);

    // Stored with the mapped department, as the API reads it.
    const { plan } = await server.gqlOk<any>(
      `query($id: ID!) { plan(id: $id) { year title organization { code } workPoints { title leadDepartments { code } responsibleDepartments { code } } } }`,
      { id: planId },
    );
    expect(plan).toMatchObject({ year: 2026, title: '2026年城市管理政务公开任务分工', organization: { code: 'PDS' } });
    expect(plan.workPoints.map((w: any) => w.title)).toEqual(['规范性文件公开', '公园绿地信息公开', '行政处罚公示']);
    expect(plan.workPoints[1].leadDepartments.map((d: any) => d.code)).toEqual(['PDS-YLLH']);

    // The 园林绿化中心 head (no demo account: one is created) sees the task on the department view.
    await server.gqlOk(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, {
      i: { username: 'yllh.head', displayName: '园林绿化中心负责人', role: 'DEPARTMENT_HEAD', departmentId: dept['PDS-YLLH'], password: DEMO_PASSWORD },
    });
    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForURL(/\/login/);
    await signIn(page, 'yllh.head');
    await page.waitForURL(`${server.url}/department`);
    const task = page.locator('li.task', { hasText: '公园绿地信息公开' });
    await expect.poll(() => task.textContent(), { timeout: 10_000 }).toMatch(/园林绿化中心.*牵头/);
    await page.close();
  }, 90_000);
});
