/**
 * The back office's plan and work point editors in Chromium against the real server: an admin
 * edits a work point (title, due date, responsible units), a refused save shows the server's
 * coded error next to its field, the re-breakdown says what it changed, and the API confirms
 * the edit, the new unit's task and the removed unit's task kept with its progress.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, TEST_ADMIN_PASSWORD } from '../helpers/constants.js';
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

/** A plan with one point led by 局办公室, 局行政审批科 responsible; broken down; 行政审批科 reports 40 %. */
async function pointWithProgress() {
  const { createPlan: plan } = await server.gqlOk<any>(
    `mutation($o: ID!) { createPlan(input: { organizationId: $o, year: 2026, title: "浏览器编辑测试计划" }) { id } }`,
    { o: dept.PDS },
  );
  const { createWorkPoint: point } = await server.gqlOk<any>(`mutation($i: CreateWorkPointInput!) { createWorkPoint(input: $i) { id } }`, {
    i: {
      planId: plan.id,
      number: '三(一)',
      section: '政策解读',
      title: '政策解读材料同步发布',
      duties: '⑴解读材料与文件同步发布；⑵开展多元化解读',
      leadDepartmentIds: [dept['PDS-BGS']],
      responsibleDepartmentIds: [dept['PDS-XZSP']],
      dueDate: '2026-12-31',
    },
  });
  const { breakDownWorkPoint } = await server.gqlOk<any>(`mutation($id: ID!) { breakDownWorkPoint(id: $id) { created { id version department { code } } } }`, {
    id: point.id,
  });
  const xzsp = breakDownWorkPoint.created.find((t: any) => t.department.code === 'PDS-XZSP');
  await server.gqlOk(`mutation($i: UpdateTaskProgressInput!) { updateTaskProgress(input: $i) { id } }`, {
    i: { id: xzsp.id, version: xzsp.version, progress: 40, note: '已起草解读' },
  });
  return { planId: plan.id as string, pointId: point.id as string, xzspTaskId: xzsp.id as string };
}

describe('back office: plans and work points', () => {
  it('edits a work point: a refused save shows its coded error, the saved edit persists, the new unit gets its task and the removed unit keeps its progress', async () => {
    const { planId, pointId, xzspTaskId } = await pointWithProgress();
    const page = await browser.newPage();
    await signIn(page, 'office.admin');
    await page.waitForURL(`${server.url}/admin/plans`);

    // The plan is listed; its point is reached from the plan's table.
    await page.locator(`tr[data-plan-id="${planId}"] button`).click();
    await page.getByRole('link', { name: '政策解读材料同步发布' }).click();
    await page.waitForURL(`${server.url}/admin/plans/${planId}/points/${pointId}`);
    await page.getByRole('button', { name: '编辑条目' }).click();

    const form = page.getByRole('form', { name: '编辑工作要点条目' });
    // An empty title is refused by the server: its message appears next to the field, nothing saved.
    await form.getByLabel('要点标题').fill('');
    await form.getByRole('button', { name: '保存条目' }).click();
    await expect.poll(() => form.locator('.field-error').first().textContent(), { timeout: 10_000 }).toContain('标题不能为空');
    expect(await form.getByLabel('要点标题').getAttribute('aria-invalid')).toBe('true');

    await form.getByLabel('要点标题').fill('政策解读材料与文件同步发布（修订）');
    await form.getByLabel('截止日期').fill('2026-10-15');
    const responsible = form.locator(`[data-testid="wp-edit-${pointId}-responsible"]`);
    await responsible.locator('label.option', { hasText: '局政策法规科' }).locator('input').check();
    await responsible.locator('label.option', { hasText: '局行政审批科' }).locator('input').uncheck();
    expect(await form.getByLabel(/保存后重新分解任务/).isChecked()).toBe(true);
    await form.getByRole('button', { name: '保存条目' }).click();

    const notice = page.locator('.notice');
    await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toMatch(/已保存。已分解：新建 1 项任务（局政策法规科）.*不再分配 1 项（局行政审批科/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('三(一) 政策解读材料与文件同步发布（修订）');
    const gone = page.locator(`[data-testid=work-point-tasks] tr[data-department-id="${dept['PDS-XZSP']}"]`);
    await expect.poll(() => gone.textContent()).toMatch(/不再分配.*40%/);
    await screenshot(page, 'admin-work-point-edit');

    // Persisted, as the API reads it.
    const { workPoint } = await server.gqlOk<any>(
      `query($id: ID!) { workPoint(id: $id) { title dueDate version responsibleDepartments { code } tasks(includeRetired: true) { id role progress dueDate retiredAt department { code } updates { note } } } }`,
      { id: pointId },
    );
    expect(workPoint).toMatchObject({ title: '政策解读材料与文件同步发布（修订）', dueDate: '2026-10-15', version: 2 });
    expect(workPoint.responsibleDepartments.map((d: any) => d.code)).toEqual(['PDS-ZCFG']);
    const byCode = Object.fromEntries(workPoint.tasks.map((t: any) => [t.department.code, t]));
    expect(byCode['PDS-ZCFG']).toMatchObject({ role: 'COOPERATING', progress: 0, dueDate: '2026-10-15', retiredAt: null });
    expect(byCode['PDS-BGS']).toMatchObject({ role: 'LEAD', dueDate: '2026-10-15', retiredAt: null });
    expect(byCode['PDS-XZSP']).toMatchObject({ id: xzspTaskId, progress: 40 });
    expect(byCode['PDS-XZSP'].retiredAt).toBeTruthy();
    expect(byCode['PDS-XZSP'].updates.map((u: any) => u.note)).toEqual(['已起草解读']);
    await page.close();
  }, 60_000);

  it('retires a plan from the list and restores it', async () => {
    const { planId } = await pointWithProgress();
    const page = await browser.newPage();
    await signIn(page, 'office.admin');
    await page.waitForURL(`${server.url}/admin/plans`);
    await page.locator(`tr[data-plan-id="${planId}"] button`).click();
    await page.getByRole('button', { name: '停用计划' }).click();
    await page.getByLabel(/停用原因/).fill('测试停用');
    await page.getByRole('button', { name: '确认停用' }).click();
    await expect.poll(() => page.locator('.notice').textContent(), { timeout: 10_000 }).toContain('计划已停用');
    expect(await page.locator(`tr[data-plan-id="${planId}"]`).count()).toBe(0);
    const retired = await server.gqlOk<any>(`query($id: ID!) { plan(id: $id) { retiredAt retiredReason version } plans { id } }`, { id: planId });
    expect(retired.plan).toMatchObject({ retiredReason: '测试停用', version: 2 });
    expect(retired.plans.map((p: any) => p.id)).not.toContain(planId);

    await page.getByLabel('显示已停用').check();
    await page.locator(`tr[data-plan-id="${planId}"] button`).click();
    await page.getByRole('button', { name: '恢复计划' }).click();
    await expect.poll(() => page.locator('.notice').textContent(), { timeout: 10_000 }).toContain('计划已恢复');
    const restored = await server.gqlOk<any>(`query($id: ID!) { plan(id: $id) { retiredAt version } }`, { id: planId });
    expect(restored.plan).toEqual({ retiredAt: null, version: 3 });
    await page.close();
  }, 60_000);

  it('the department view lists tasks beyond the first 100 with “加载更多任务”', async () => {
    const page = await browser.newPage();
    // The bootstrap admin has no department: its view lists every task (the demo has more than 200).
    await signIn(page, 'admin', TEST_ADMIN_PASSWORD);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${server.url}/department`);
    const { tasks } = await server.gqlOk<any>(`{ tasks { totalCount } }`);
    expect(tasks.totalCount).toBeGreaterThan(200);
    const count = page.locator('[data-testid=task-count]');
    await expect.poll(() => count.textContent(), { timeout: 15_000 }).toBe(`已显示 100 / ${tasks.totalCount} 项`);
    await page.getByRole('button', { name: '加载更多任务' }).click();
    await expect.poll(() => count.textContent(), { timeout: 10_000 }).toBe(`已显示 200 / ${tasks.totalCount} 项`);
    await page.getByRole('button', { name: '加载更多任务' }).click();
    await expect.poll(() => count.textContent(), { timeout: 10_000 }).toBe(`已显示 ${tasks.totalCount} / ${tasks.totalCount} 项`);
    expect(await page.getByRole('button', { name: '加载更多任务' }).count()).toBe(0);
    const ids = await page.locator('li.task').evaluateAll((items) => items.map((li) => li.getAttribute('data-task-id')));
    expect(ids).toHaveLength(tasks.totalCount);
    expect(new Set(ids).size).toBe(tasks.totalCount);
    await page.close();
  }, 60_000);
});
