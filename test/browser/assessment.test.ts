/**
 * 考核 end to end in Chromium against the real server (the demo's indicator set for the current year):
 * the wall screen's 考核排名 moves live when a unit records a publication (and when it answers an 依申请公开
 * request late); the office opens a unit's score sheet on /admin/assessment, a 复核 without a reason is refused
 * with the server's message beside the form, with one the total changes; a department head scores an item of
 * their own unit (自评), sees the rank and downloads the 自查报告.
 * Expected totals are read from `assessmentScores` after each change, never written here.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_SCREEN_TOKEN } from '../helpers/constants.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { launchBrowser, screenshot, type Browser } from './browser.js';

interface Score {
  department: { id: string; name: string };
  total: number;
  rank: number;
  selfTotal: number;
  state: string;
  items: { code: string; title: string; points: number; maxPoints: number; rule: string }[];
}

let server: TestServer;
let officeBrowser: Browser;
let headBrowser: Browser;
let organizationId: string;
let dept: Record<string, string>;
let categoryId: string;
let channelId: string;
let urlSeq = 0;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const year = today.slice(0, 4);

beforeAll(async () => {
  [server, officeBrowser, headBrowser] = await Promise.all([startTestServer(), launchBrowser(), launchBrowser()]);
  const data = await server.gqlOk<{ departments: { id: string; code: string }[]; categories: { id: string; name: string }[] }>(
    `{ departments { id code } categories { id name } }`,
  );
  dept = Object.fromEntries(data.departments.map((d) => [d.code, d.id]));
  organizationId = dept['PDS']!;
  categoryId = data.categories.find((c) => c.name === '工作动态')!.id;
  const { channels } = await server.gqlOk<{ channels: { id: string; kind: string }[] }>(
    `query($id: ID!) { channels(filter: { usableById: $id }) { id kind } }`,
    {
      id: dept['PDS-BGS'],
    },
  );
  channelId = channels.find((c) => c.kind === 'PORTAL_COLUMN')!.id;
}, 90_000);

afterAll(async () => {
  await officeBrowser?.close();
  await headBrowser?.close();
  await server?.close();
});

async function scores(): Promise<Score[]> {
  const { assessmentScores } = await server.gqlOk<{ assessmentScores: Score[] }>(
    `query($o: ID!, $p: String!) { assessmentScores(organizationId: $o, period: $p) {
      department { id name } total rank selfTotal state items { code title points maxPoints rule } } }`,
    { o: organizationId, p: year },
  );
  return assessmentScores;
}
const scoreOf = async (departmentId: string): Promise<Score> => (await scores()).find((s) => s.department.id === departmentId)!;
/** Points as the dashboard writes them (at most two decimals). */
const shown = (n: number) => String(Math.round(n * 100) / 100);

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}

async function recordPublication(departmentId: string): Promise<void> {
  await server.gqlOk(`mutation($input: RecordPublicationInput!) { recordPublication(input: $input) { id } }`, {
    input: {
      departmentId,
      title: `考核浏览器测试信息 ${++urlSeq}`,
      categoryId,
      channelId,
      publishedOn: today,
      url: `https://example.gov.cn/assessment-browser-test/${Date.now()}-${urlSeq}`,
    },
  });
}

const workingDayDue = async (from: string, days: number): Promise<string> =>
  (await server.gqlOk<any>(`query($s: LocalDate!, $n: Int!) { workingDayDeadline(from: $s, workingDays: $n) { dueDate } }`, { s: from, n: days }))
    .workingDayDeadline.dueDate;

/** The total the wall screen's text alternative gives a unit. */
async function totalOnScreen(row: Locator): Promise<number> {
  if (!(await row.count())) return NaN;
  return Number(await row.getByTestId('assessment-total').textContent());
}

describe('考核排名 on the wall screen', () => {
  it('shows the units by total and moves a unit live when it publishes (and answers late)', async () => {
    // A unit short of its publication figures (item 16): one more publication raises its score.
    const before = await scores();
    const unit = before
      .map((s) => ({ s, quota: s.items.find((i) => i.rule === 'PUBLICATION_QUOTA')! }))
      .filter(({ quota }) => quota.points < quota.maxPoints)
      .sort((a, b) => a.quota.points / a.quota.maxPoints - b.quota.points / b.quota.maxPoints)[0]?.s;
    expect(unit, 'a unit below its publication figures in the demo').toBeDefined();

    const screen = await officeBrowser.newPage({ width: 1920, height: 1080 });
    await screen.goto(`${server.url}/screen?token=${DEMO_SCREEN_TOKEN}`);
    const cell = screen.getByTestId('assessment-cell');
    const row = screen.locator(`[data-testid=assessment-table] tr[data-department-id="${unit!.department.id}"]`);
    await expect.poll(() => totalOnScreen(row), { timeout: 15_000 }).toBe(unit!.total);
    expect(await cell.isVisible()).toBe(true);
    expect(await cell.getByRole('heading', { level: 2 }).textContent()).toMatch(new RegExp(`考核排名\\s*${year}年 · 共${before.length}个单位`));
    // The visible list: the top units in rank order, each with its total.
    const leader = before.reduce((a, b) => (b.rank < a.rank ? b : a));
    expect(await cell.locator('ol.ranking li').first().textContent()).toMatch(new RegExp(`^1\\s*${leader.department.name}\\s*${shown(leader.total)}$`));
    expect(await cell.locator('ol.ranking li').count()).toBe(Math.min(5, before.length));
    // The other panels are still there.
    expect(await screen.getByTestId('quota-table').count()).toBe(1);
    expect(await screen.getByTestId('supervision-cell').isVisible()).toBe(true);

    await recordPublication(unit!.department.id);
    const afterPublication = await scoreOf(unit!.department.id);
    expect(afterPublication.total).toBeGreaterThan(unit!.total);
    await expect.poll(() => totalOnScreen(row), { timeout: 10_000 }).toBe(afterPublication.total);
    await screen.waitForTimeout(500); // charts finish their first animation
    await screenshot(screen, 'wall-screen-assessment');

    // An 依申请公开 request of January answered 3 working days late: the unit's 答复情况 rate falls.
    const received = `${year}-01-05`;
    const due = await workingDayDue(received, 20);
    if (due < today) {
      const late = await workingDayDue(due, 3);
      const { registerInformationRequest: r } = await server.gqlOk<any>(
        `mutation($i: RegisterInformationRequestInput!) { registerInformationRequest(input: $i) { id version } }`,
        {
          i: {
            departmentId: unit!.department.id,
            applicantType: 'NATURAL_PERSON',
            applicantName: '张三',
            channel: 'ONLINE',
            receivedOn: received,
            content: '申请公开考核测试文件',
          },
        },
      );
      await server.gqlOk(`mutation($i: ReplyToRequestInput!) { replyToInformationRequest(input: $i) { id } }`, {
        i: { id: r.id, on: late < today ? late : today, outcome: 'GRANTED', version: r.version },
      });
      const afterLate = await scoreOf(unit!.department.id);
      expect(afterLate.total).toBeLessThan(afterPublication.total);
      await expect.poll(() => totalOnScreen(row), { timeout: 10_000 }).toBe(afterLate.total);
    }
    await screen.close();
  }, 90_000);
});

describe('考核 in the back office', () => {
  it('opens a unit’s score sheet; a 复核 needs a reason, and with one the total changes', async () => {
    // A unit with item 2 (权责清单, 人工评分) not reviewed yet: full points until the office scores it.
    const unit = (await scores()).find((s) => s.state !== 'FINAL' && s.items.find((i) => i.code === '2')!.points === 4)!;
    expect(unit).toBeDefined();
    const item = unit.items.find((i) => i.code === '2')!;

    const page = await officeBrowser.newPage();
    await signIn(page, 'office.admin');
    await page.waitForURL(`${server.url}/admin/plans`);
    await page.getByRole('navigation', { name: '后台管理' }).getByRole('link', { name: '考核' }).click();
    await page.waitForURL(/\/admin\/assessment/);
    const rankingRow = page.locator(`[data-testid=assessment-ranking] tr[data-department-id="${unit.department.id}"]`);
    await expect.poll(() => rankingRow.getByTestId('unit-total').textContent(), { timeout: 15_000 }).toContain(shown(unit.total));
    expect(await page.getByLabel('考核期', { exact: true }).inputValue()).toBe(year);
    await screenshot(page, 'admin-assessment');

    await rankingRow.getByRole('button', { name: unit.department.name }).click();
    const sheet = page.getByTestId('score-sheet');
    await expect.poll(() => sheet.getByTestId('sheet-total').textContent(), { timeout: 10_000 }).toBe(shown(unit.total));
    expect(await sheet.getByRole('heading', { level: 2 }).textContent()).toContain(unit.department.name);
    // Items computed from the data have no 复核 form.
    expect(await sheet.locator('tr[data-item-code="16"]').textContent()).toContain('系统计算');
    expect(await sheet.locator('tr[data-item-code="16"]').getByRole('button', { name: /^复核/ }).count()).toBe(0);

    // 复核 without a reason: the server's coded error, in Chinese, next to the field.
    await sheet.getByRole('button', { name: `复核：${item.title}` }).click();
    const form = sheet.getByRole('form', { name: `复核：${item.title}` });
    await form.getByLabel(/^得分/).fill('3');
    await form.getByRole('button', { name: '保存复核' }).click();
    await expect.poll(() => form.getByRole('alert').allTextContents(), { timeout: 10_000 }).toContain('复核评分须填写理由（扣分或加分的依据）');
    expect(await form.getByLabel('复核理由（必填）').getAttribute('aria-invalid')).toBe('true');
    expect(await sheet.getByTestId('sheet-total').textContent()).toBe(shown(unit.total));
    await screenshot(page, 'admin-assessment-reason-required');

    await form.getByLabel('复核理由（必填）').fill('权责清单未随机构调整动态更新');
    await form.getByRole('button', { name: '保存复核' }).click();
    await expect.poll(() => sheet.locator('.notice').textContent(), { timeout: 10_000 }).toContain(`已保存第2项“${item.title}”的复核`);
    const after = await scoreOf(unit.department.id);
    expect(after.total).toBe(Math.round((unit.total - 1) * 100) / 100);
    await expect.poll(() => sheet.getByTestId('sheet-total').textContent(), { timeout: 10_000 }).toBe(shown(after.total));
    await expect.poll(() => rankingRow.getByTestId('unit-total').textContent(), { timeout: 10_000 }).toContain(shown(after.total));
    expect(await sheet.locator('tr[data-item-code="2"] [data-testid=item-points]').textContent()).toMatch(/^\s*3\s*\/\s*4/);

    // The facts behind the publication figures link to the ledger, filtered to the unit and the dates counted.
    await sheet.getByRole('button', { name: `详情：${unit.items.find((i) => i.code === '16')!.title}` }).click();
    const factLink = sheet.locator('ul.facts').getByRole('link', { name: '查看' }).first();
    await expect.poll(() => factLink.count(), { timeout: 10_000 }).toBe(1);
    await screenshot(page, 'admin-assessment-sheet');
    const href = new URL((await factLink.getAttribute('href'))!, server.url);
    expect(href.pathname).toBe('/admin/publications');
    expect(href.searchParams.get('department')).toBe(unit.department.id);
    await factLink.click();
    await page.waitForURL(/\/admin\/publications\?/);
    await expect.poll(() => page.locator('#f-dept').inputValue(), { timeout: 10_000 }).toBe(unit.department.id);
    expect(await page.locator('#f-from').inputValue()).toBe(href.searchParams.get('from'));
    expect(await page.locator('#f-to').inputValue()).toBe(href.searchParams.get('to'));
    const { publications } = await server.gqlOk<{ publications: { totalCount: number } }>(
      `query($f: PublicationFilter) { publications(filter: $f) { totalCount } }`,
      { f: { departmentId: unit.department.id, includeSubDepartments: true, from: href.searchParams.get('from'), to: href.searchParams.get('to') } },
    );
    await expect.poll(() => page.locator('#ledger-h').textContent(), { timeout: 10_000 }).toBe(`台账（${publications.totalCount} 条）`);
    await page.close();
  }, 90_000);
});

describe('考核 of the department head’s own unit', () => {
  it('shows the rank, takes a 自评 and downloads the 自查报告', async () => {
    const unitId = dept['PDS-ZFZD']!;
    const before = await scoreOf(unitId);
    const count = (await scores()).length;
    const page = await headBrowser.newPage();
    await signIn(page, 'zfzd.head');
    await page.waitForURL(`${server.url}/department`);
    const panel = page.getByTestId('assessment-panel');
    await expect.poll(() => panel.getByTestId('sheet-rank').textContent(), { timeout: 15_000 }).toBe(`第${before.rank}名/共${count}个单位`);
    expect(await panel.getByTestId('sheet-state').textContent()).toBe('自评');

    const item = before.items.find((i) => i.code === '3')!;
    await panel.getByRole('button', { name: `自评：${item.title}` }).click();
    const form = panel.getByRole('form', { name: `自评：${item.title}` });
    await form.getByLabel(/^得分/).fill('2');
    await form.getByLabel('自评说明').fill('行政执法公示部分栏目未及时更新');
    await form.getByRole('button', { name: '添加佐证材料' }).click();
    await form.getByLabel('佐证材料1名称').fill('行政执法公示栏目');
    await form.getByLabel('佐证材料1链接').fill('https://www.example.gov.cn/zfgs/');
    await form.getByRole('button', { name: '保存自评' }).click();
    const after = await (async () => {
      await expect.poll(() => panel.locator('.notice').textContent(), { timeout: 10_000 }).toContain('已保存第3项');
      return scoreOf(unitId);
    })();
    expect(after.selfTotal).not.toBe(before.selfTotal);
    await expect.poll(() => panel.getByTestId('sheet-self-total').textContent(), { timeout: 10_000 }).toBe(shown(after.selfTotal));
    expect(await panel.getByRole('link', { name: '行政执法公示栏目' }).getAttribute('href')).toBe('https://www.example.gov.cn/zfgs/');

    const [response, download] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/assessment/self-inspection.docx')),
      page.waitForEvent('download'),
      panel.getByRole('button', { name: '下载自查报告（.docx）' }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    expect(await panel.locator('[role=alert]').allTextContents()).toEqual([]);
    await screenshot(page, 'department-assessment');
    await page.close();
  }, 90_000);
});

describe('the indicator set', () => {
  it('ranks by one item, edits the set (a wrong row refused where it is) and copies it to another period', async () => {
    const page = await officeBrowser.newPage();
    await page.goto(`${server.url}/admin/assessment`);
    // 单项排名: 答复情况 (a rate) with the note on how rates rank.
    await page.getByRole('tab', { name: '单项排名' }).click();
    await page.getByLabel('指标', { exact: true }).selectOption('12');
    await expect.poll(() => page.getByTestId('item-ranking').locator('tbody tr').count(), { timeout: 10_000 }).toBe((await scores()).length);
    expect(await page.getByText('比率类指标按及时率的95%置信下限（Wilson）排名').count()).toBe(1);
    await screenshot(page, 'admin-assessment-item-ranking');

    await page.getByRole('tab', { name: '指标体系' }).click();
    const list = page.getByTestId('set-items');
    await expect.poll(() => list.locator('tbody tr').count(), { timeout: 10_000 }).toBe(21);
    expect(await list.locator('tr[data-item-code="16"]').textContent()).toContain('每季度50条；年度200条');
    const { assessmentSet: before } = await server.gqlOk<any>(`query($o: ID!, $p: String!) { assessmentSet(organizationId: $o, period: $p) { version } }`, {
      o: organizationId,
      p: year,
    });

    await page.getByRole('button', { name: '编辑指标体系' }).click();
    const form = page.getByRole('form', { name: '编辑指标体系' });
    await form.getByRole('button', { name: '添加指标' }).click();
    const row = form.locator('tr[data-row="21"]');
    expect(await row.getByLabel('第22行序号').inputValue()).toBe('22');
    await row.getByLabel('第22行指标名称').fill('浏览器测试指标');
    await row.getByLabel('第22行分值').fill('2');
    await row.getByLabel('第22行评分规则').selectOption('VETO');
    await form.getByRole('button', { name: '保存指标体系' }).click();
    // The server's message, and the row marked.
    await expect.poll(() => row.locator('.field-error').allTextContents(), { timeout: 10_000 }).toContain('第22项为单项否决，分值须为0');
    expect(await row.getAttribute('class')).toContain('invalid');
    await screenshot(page, 'admin-assessment-set-editor');

    page.once('dialog', (d) => void d.accept()); // 删除第22项“浏览器测试指标”？
    await row.getByRole('button', { name: '删除第22行' }).click();
    await expect.poll(() => form.locator('tr[data-row]').count()).toBe(21);
    await form.getByLabel('指标体系名称').fill(`${year}年政务公开工作考核指标（修订）`);
    await form.getByRole('button', { name: '保存指标体系' }).click();
    await expect.poll(() => page.locator('.notice').textContent(), { timeout: 10_000 }).toContain(`已保存“${year}年政务公开工作考核指标（修订）”（21 项指标）`);
    const { assessmentSet: after } = await server.gqlOk<any>(
      `query($o: ID!, $p: String!) { assessmentSet(organizationId: $o, period: $p) { title version items { code } } }`,
      {
        o: organizationId,
        p: year,
      },
    );
    expect(after.title).toBe(`${year}年政务公开工作考核指标（修订）`);
    expect(after.items).toHaveLength(21);
    expect(after.version).toBeGreaterThan(before.version);

    // Copied to the next year: the page moves to it.
    const next = String(Number(year) + 1);
    await page.getByLabel('复制到其他考核期').fill(next);
    await page.getByRole('button', { name: '复制', exact: true }).click();
    await expect.poll(() => page.locator('.notice').textContent(), { timeout: 10_000 }).toContain(`已复制到${next}年`);
    await expect.poll(() => page.getByLabel('考核期', { exact: true }).inputValue()).toBe(next);
    const { assessmentSets } = await server.gqlOk<any>(`query($o: ID!) { assessmentSets(organizationId: $o) { id period } }`, { o: organizationId });
    expect(assessmentSets.map((s: any) => s.period)).toContain(next);
    await page.close();

    // No organisation with a set for the year: the wall screen's panel goes, the other panels take the room back.
    const screen = await officeBrowser.newPage({ width: 1920, height: 1080 });
    await screen.goto(`${server.url}/screen?token=${DEMO_SCREEN_TOKEN}`);
    await expect.poll(() => screen.getByTestId('assessment-cell').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await screen.locator('.board').getAttribute('class')).toContain('with-ranking');
    await server.gqlOk(`mutation($id: ID!) { deleteAssessmentSet(id: $id) }`, { id: assessmentSets.find((s: any) => s.period === year).id });
    await expect.poll(() => screen.getByTestId('assessment-cell').count(), { timeout: 10_000 }).toBe(0);
    expect(await screen.locator('.board').getAttribute('class')).not.toContain('with-ranking');
    expect(await screen.getByTestId('supervision-cell').isVisible()).toBe(true);
    await screen.close();
  }, 90_000);
});
