/**
 * 督办单 end to end in Chromium against the real server: the office issues a 督办单 to 局办公室 about one of its
 * tasks from the 督办 page (a missing reason is refused next to its field); the department's liaison, in a
 * second browser, sees it arrive live on the department view and on the bell, follows the notification,
 * 签收s and replies with an evidence link; the office's page shows the reply live and 办结s it; the audit log
 * holds every step. The wall screen counts the open and overdue ones and lists the overdue, live.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_SCREEN_TOKEN } from '../helpers/constants.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { launchBrowser, screenshot, type Browser } from './browser.js';

let server: TestServer;
// Two browsers: a signed-in session lives in localStorage, shared by the pages of one browser.
let officeBrowser: Browser;
let liaisonBrowser: Browser;
let dept: Record<string, string>;

beforeAll(async () => {
  [server, officeBrowser, liaisonBrowser] = await Promise.all([startTestServer(), launchBrowser(), launchBrowser()]);
  const { departments } = await server.gqlOk<{ departments: { id: string; code: string }[] }>(`{ departments { id code } }`);
  dept = Object.fromEntries(departments.map((d) => [d.code, d.id]));
}, 90_000);

afterAll(async () => {
  await officeBrowser?.close();
  await liaisonBrowser?.close();
  await server?.close();
});

async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** The unread count the bell shows (its data attribute mirrors the live count). */
async function unreadOnBell(page: Page): Promise<number> {
  return Number(await page.getByTestId('notification-bell').getAttribute('data-unread'));
}

describe('督办单', () => {
  it('is issued by the office, signed for and answered live by the department, and closed by the office', async () => {
    const liaisonToken = await server.login('bgs.liaison', DEMO_PASSWORD);
    const unreadBefore = (await server.gqlOk<{ unreadNotificationCount: number }>(`{ unreadNotificationCount }`, undefined, { token: liaisonToken }))
      .unreadNotificationCount;

    // The liaison has the department view open (and its bell) before the notice exists.
    const liaison = await liaisonBrowser.newPage();
    await signIn(liaison, 'bgs.liaison');
    await liaison.waitForURL(`${server.url}/department`);
    const panel = liaison.getByTestId('supervision-panel');
    await expect.poll(() => panel.getByRole('heading', { level: 2 }).textContent(), { timeout: 10_000 }).toMatch(/^督办单（\d+）$/);
    await expect.poll(() => unreadOnBell(liaison), { timeout: 10_000 }).toBe(unreadBefore);

    // The office issues it from the 督办 page.
    const office = await officeBrowser.newPage();
    await signIn(office, 'office.admin');
    await office.waitForURL(`${server.url}/admin/plans`);
    await office.getByRole('navigation', { name: '后台管理' }).getByRole('link', { name: '督办' }).click();
    await office.waitForURL(`${server.url}/admin/supervision`);
    await office.getByRole('button', { name: '签发督办单' }).click();
    const form = office.getByRole('form', { name: '签发督办单' });
    await form.getByLabel('被督办单位').selectOption(dept['PDS-BGS']!);
    const taskSelect = form.getByLabel('督办任务（可选）');
    await expect.poll(() => taskSelect.locator('option').count(), { timeout: 10_000 }).toBeGreaterThan(1);
    const taskOption = taskSelect.locator('option').nth(1);
    const taskId = (await taskOption.getAttribute('value'))!;
    const taskText = (await taskOption.textContent())!.trim().replace(/（[^（]*）$/, '');
    await taskSelect.selectOption(taskId);
    expect(await form.getByLabel('回复时限（工作日）').inputValue()).toBe('5');

    // No reason: the server's coded error shows next to the field.
    await form.getByRole('button', { name: '签发' }).click();
    await expect.poll(() => form.locator('#sv-reason-err').textContent(), { timeout: 10_000 }).toBe('请填写督办事由');
    expect(await form.getByLabel('督办事由').getAttribute('aria-invalid')).toBe('true');

    await form.getByLabel('督办事由').fill('该项任务进度滞后，请加快推进');
    await form.getByLabel('办理要求（可选）').fill('请于期限内完成并报送佐证材料');
    await form.getByRole('button', { name: '签发' }).click();
    await expect.poll(() => office.locator('.notice').textContent(), { timeout: 10_000 }).toMatch(/已签发 督〔\d{4}〕\d+号，已通知 局办公室/);
    await office.waitForURL(/\/admin\/supervision\?notice=\d+/);
    const noticeId = new URL(office.url()).searchParams.get('notice')!;
    const row = office.locator(`[data-testid=notices] tr[data-notice-id="${noticeId}"]`);
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toMatch(/督〔\d{4}〕\d+号.*局办公室.*待签收/);
    expect(await row.textContent()).toContain(taskText);
    await screenshot(office, 'admin-supervision-issued');

    // Live on the department view, without a reload, and on the bell.
    const item = liaison.locator(`li.notice-item[data-notice-id="${noticeId}"]`);
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(1);
    expect(await item.textContent()).toContain('该项任务进度滞后，请加快推进');
    expect(await item.getAttribute('data-state')).toBe('PENDING');
    await expect.poll(() => unreadOnBell(liaison), { timeout: 10_000 }).toBeGreaterThan(unreadBefore);
    const unreadWithNotice = await unreadOnBell(liaison);

    // The notification leads to the notice (highlighted) and is read.
    await liaison.getByTestId('notification-bell').click();
    const entry = liaison.locator('#notification-panel li.unread', { hasText: `【督办】${taskText}` });
    await expect.poll(() => entry.count(), { timeout: 10_000 }).toBe(1);
    await screenshot(liaison, 'department-notification-bell');
    await entry.getByRole('button').click();
    await liaison.waitForURL(`${server.url}/department?notice=${noticeId}`);
    await expect.poll(() => item.getAttribute('class')).toContain('highlight');
    await expect.poll(() => unreadOnBell(liaison), { timeout: 10_000 }).toBe(unreadWithNotice - 1);

    // 签收, then the reply with an evidence link.
    await item.getByRole('button', { name: '签收' }).click();
    await expect.poll(() => item.getAttribute('data-state'), { timeout: 10_000 }).toBe('ACKNOWLEDGED');
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toMatch(/已签收.*签收：bgs\.liaison/);
    await item.getByRole('button', { name: '回复办理情况' }).click();
    await item.getByLabel('办理情况').fill('已完成相关信息发布，进度已补齐');
    await item.getByLabel('佐证材料链接（每行一个，可选）').fill('https://www.example.gov.cn/zwgk/supervision-evidence-1.html\n');
    await screenshot(liaison, 'department-supervision-reply');
    await item.getByRole('button', { name: '提交回复' }).click();
    await expect.poll(() => item.getAttribute('data-state'), { timeout: 10_000 }).toBe('REPLIED');
    expect(await item.textContent()).toContain('https://www.example.gov.cn/zwgk/supervision-evidence-1.html');

    // The office's page shows it 已回复 live, with the reply and the evidence in the detail; 办结.
    await expect.poll(() => row.getByTestId('notice-state').textContent(), { timeout: 10_000 }).toBe('已回复');
    const detail = office.getByTestId('notice-detail');
    await expect.poll(() => detail.getByTestId('notice-reply').textContent(), { timeout: 10_000 }).toContain('已完成相关信息发布，进度已补齐');
    expect(await detail.getByRole('link', { name: 'https://www.example.gov.cn/zwgk/supervision-evidence-1.html' }).count()).toBe(1);
    await screenshot(office, 'admin-supervision-replied');
    await detail.getByRole('button', { name: '办结', exact: true }).click();
    await expect.poll(() => detail.locator('.badge.state').textContent(), { timeout: 10_000 }).toBe('已办结');
    await expect.poll(() => office.locator('.notice').textContent()).toMatch(/已办结/);
    // Gone from the open list (the default filter) on both pages.
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => item.getAttribute('data-state'), { timeout: 10_000 }).toBe('CLOSED');

    const { supervisionNotice } = await server.gqlOk<any>(`query($id: ID!) { supervisionNotice(id: $id) { state task { id } evidenceUrls closedBy } }`, {
      id: noticeId,
    });
    expect(supervisionNotice).toMatchObject({
      state: 'CLOSED',
      task: { id: taskId },
      evidenceUrls: ['https://www.example.gov.cn/zwgk/supervision-evidence-1.html'],
      closedBy: 'office.admin',
    });
    const { auditLog } = await server.gqlOk<any>(`query($f: AuditLogFilter) { auditLog(filter: $f, first: 100) { nodes { operation actorName } } }`, {
      f: { targetType: 'SupervisionNotice', targetId: noticeId },
    });
    const steps = auditLog.nodes.map((e: any) => `${e.operation}:${e.actorName}`);
    for (const step of [
      'issueSupervisionNotice:office.admin',
      'acknowledgeSupervisionNotice:bgs.liaison',
      'replySupervisionNotice:bgs.liaison',
      'closeSupervisionNotice:office.admin',
    ]) {
      expect(steps).toContain(step);
    }
    await office.close();
    await liaison.close();
  }, 120_000);

  it('sets a channel, sends a test message, shows it in 发送记录 and edits a reminder rule', async () => {
    const page = await officeBrowser.newPage();
    await page.goto(`${server.url}/admin/supervision`);
    await page.getByRole('tab', { name: '通知渠道' }).click();
    await page.getByRole('button', { name: '设置渠道' }).click();
    const form = page.getByRole('form', { name: '设置通知渠道' });
    await form.getByLabel('单位').selectOption(dept['PDS-BGS']!);
    // The 钉钉 secret is a password field, empty (never prefilled).
    await form.getByLabel('渠道类型').selectOption('DINGTALK_ROBOT');
    const secret = form.getByLabel(/加签密钥/);
    expect(await secret.getAttribute('type')).toBe('password');
    expect(await secret.inputValue()).toBe('');
    await form.getByLabel('渠道类型').selectOption('EMAIL');
    expect(await form.getByLabel(/加签密钥/).count()).toBe(0);
    await form.getByLabel(/邮箱地址/).fill('bgs-test@example.gov.cn');
    await form.getByLabel(/每日汇总/).check();
    await form.getByRole('button', { name: '保存渠道' }).click();
    const channelRow = page.locator('[data-testid=channels] tbody tr', { hasText: 'bgs-test@example.gov.cn' });
    await expect.poll(() => channelRow.textContent(), { timeout: 10_000 }).toMatch(/局办公室.*电子邮件.*bgs-test@example\.gov\.cn.*是/);
    await channelRow.getByRole('button', { name: '发送测试' }).click();
    await expect.poll(() => page.locator('.notice').textContent(), { timeout: 10_000 }).toMatch(/测试消息已加入发送队列/);
    await screenshot(page, 'admin-supervision-channels');

    await page.getByRole('tab', { name: '发送记录' }).click();
    const delivery = page.locator('[data-testid=deliveries] tbody tr', { hasText: '通知渠道测试' });
    await expect.poll(() => delivery.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await delivery.first().textContent()).toMatch(/局办公室 · 电子邮件/);

    await page.getByRole('tab', { name: '提醒规则' }).click();
    const days = page.getByLabel('督办单：提前提醒（工作日）');
    await expect.poll(() => days.count(), { timeout: 10_000 }).toBe(1);
    await days.fill('两天');
    const rule = page.locator('[data-testid=reminder-rules] tr[data-rule-kind="SUPERVISION"]');
    await rule.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.locator('.row-error').textContent()).toContain('“两天”不是整数');
    await days.fill('3，1');
    await rule.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.locator('.notice').textContent(), { timeout: 10_000 }).toContain('已保存“督办单”的提醒规则');
    expect(await days.inputValue()).toBe('3,1');
    await screenshot(page, 'admin-supervision-rules');
    const { reminderRules } = await server.gqlOk<{ reminderRules: { deadlineKind: string; daysBefore: number[] }[] }>(
      `{ reminderRules { deadlineKind daysBefore } }`,
    );
    expect(reminderRules.find((r) => r.deadlineKind === 'SUPERVISION')?.daysBefore).toEqual([3, 1]);
    await page.close();
  }, 60_000);

  it('shows the open and overdue counts and the overdue notices on the wall screen, live', async () => {
    const issue = (reason: string) =>
      server.gqlOk<{ issueSupervisionNotice: { id: string; number: string; dueDate: string } }>(
        `mutation($i: IssueSupervisionNoticeInput!) { issueSupervisionNotice(input: $i) { id number dueDate } }`,
        { i: { departmentId: dept['PDS-BGS'], reason, replyWithinWorkingDays: 3 } },
      );
    // The demo holds overdue notices of its own: counted first (the demo screen token sees every department).
    const { supervisionCounts } = await server.gqlOk<{ supervisionCounts: { overdue: number } }>(`{ supervisionCounts { overdue } }`);
    const overdue = supervisionCounts.overdue + 1;
    const late = (await issue('大屏测试：逾期未回复的督办单')).issueSupervisionNotice;
    // Past its reply-by date (a year earlier): 逾期 is derived from the date when read.
    await server.sql(`update supervision_notice set due_date = $1 where id = $2`, [`${Number(late.dueDate.slice(0, 4)) - 1}${late.dueDate.slice(4)}`, late.id]);

    const screen = await officeBrowser.newPage({ width: 1920, height: 1080 });
    await screen.goto(`${server.url}/screen?token=${DEMO_SCREEN_TOKEN}`);
    const table = screen.getByTestId('supervision-table');
    await expect.poll(() => table.locator('caption').textContent(), { timeout: 15_000 }).toMatch(new RegExp(`督办单：未办结 \\d+ 件，逾期 ${overdue} 件`));
    const openBefore = Number(/未办结 (\d+) 件/.exec((await table.locator('caption').textContent())!)![1]);
    expect(await table.locator(`tr[data-notice-id="${late.id}"]`).textContent()).toMatch(new RegExp(`${late.number}.*局办公室.*大屏测试：逾期未回复的督办单`));
    expect(await screen.getByTestId('supervision-cell').textContent()).toContain('大屏测试：逾期未回复的督办单');

    // A new notice raises the open count without a reload.
    await issue('大屏测试：新签发的督办单');
    await expect.poll(() => table.locator('caption').textContent(), { timeout: 10_000 }).toContain(`未办结 ${openBefore + 1} 件，逾期 ${overdue} 件`);
    await screen.waitForTimeout(500); // charts finish their first animation
    await screenshot(screen, 'wall-screen-supervision');
    await screen.close();
  }, 60_000);
});
