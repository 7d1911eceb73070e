/**
 * The back office's editors in a real browser (Debian's Chromium) against the real server: a
 * ledger entry corrected in place (title and date) — the change persisted and the quota count
 * moved between quarters —, the 索引号 template's live preview (computed by the server, nothing
 * consumed), and the catalogue, channel and deadline-rule pages.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../helpers/constants.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { launchBrowser, screenshot, type Browser } from './browser.js';

let server: TestServer;
let browser: Browser;
let office: { id: string; name: string };
let org: { id: string; code: string };
let categoryId: string;
let channelId: string;

const shanghai = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
const quarterOf = (date: string) => `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const data = await server.gqlOk<any>(`{ departments { id name code parent { id } } categories { id name } }`);
  office = data.departments.find((d: any) => d.name === '局办公室');
  org = data.departments.find((d: any) => d.code === 'PDS');
  categoryId = data.categories.find((c: any) => c.name === '工作动态').id;
  const { channels } = await server.gqlOk<any>(`query($id: ID!) { channels(filter: { usableById: $id, kind: PORTAL_COLUMN }) { id } }`, { id: office.id });
  channelId = channels[0].id;
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

/** 局办公室's published count on the quota board of a period (read from the maintained counts). */
async function officePublished(period: string): Promise<number> {
  const { quotaBoard } = await server.gqlOk<any>(`query($p: String!) { quotaBoard(period: $p) { rows { department { id } category { id } published } } }`, {
    p: period,
  });
  return quotaBoard.rows.find((r: any) => r.department.id === office.id && !r.category).published;
}

describe('ledger correction in the back office', () => {
  it('corrects the title and date of an entry: saved, shown, and counted in the other quarter', async () => {
    const today = shanghai(new Date());
    // 100 days back is always another quarter (a quarter has at most 92 days).
    const earlier = shanghai(new Date(Date.now() - 100 * 86_400_000));
    const stamp = Date.now().toString(36);
    const { recordPublication: p } = await server.gqlOk<any>(
      `mutation($i: RecordPublicationInput!) { recordPublication(input: $i) { id version indexNumber } }`,
      {
        i: { departmentId: office.id, title: `待更正信息 ${stamp}`, categoryId, channelId, publishedOn: today, url: `https://example.gov.cn/correct/${stamp}` },
      },
    );
    const [nowBefore, earlierBefore] = [await officePublished(quarterOf(today)), await officePublished(quarterOf(earlier))];

    const page = await browser.newPage();
    await signInAsAdmin(page);
    await page.goto(`${server.url}/admin/publications`);
    await page.locator('#f-search').fill(stamp);
    await page.getByRole('button', { name: '查询' }).click();
    const row = page.locator(`tr[data-publication-id="${p.id}"]`);
    await row.waitFor();
    await row.getByRole('button', { name: `更正 待更正信息 ${stamp}` }).click();

    const editor = page.locator('[data-testid=publication-editor]');
    await expect.poll(() => editor.locator('#edit-title').inputValue(), { timeout: 10_000 }).toBe(`待更正信息 ${stamp}`);
    expect(await editor.textContent()).toContain(p.indexNumber);
    await editor.locator('#edit-title').fill(`已更正信息 ${stamp}`);
    await editor.locator('#edit-date').fill(earlier);
    await screenshot(page, 'ledger-correction');
    await editor.getByRole('button', { name: '保存更正' }).click();

    await expect.poll(() => page.locator('.notice[role=status]').last().textContent(), { timeout: 10_000 }).toContain(`已更正：已更正信息 ${stamp}`);
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain(`已更正信息 ${stamp}`);
    expect(await row.textContent()).toContain(earlier);
    expect(await editor.count()).toBe(0);

    // Persisted, with the same 索引号 and a new version …
    const { publication } = await server.gqlOk<any>(`query($id: ID!) { publication(id: $id) { title publishedOn indexNumber version } }`, { id: p.id });
    expect(publication).toEqual({ title: `已更正信息 ${stamp}`, publishedOn: earlier, indexNumber: p.indexNumber, version: p.version + 1 });
    // … and the quota board's count moved from this quarter to that one.
    expect(await officePublished(quarterOf(today))).toBe(nowBefore - 1);
    expect(await officePublished(quarterOf(earlier))).toBe(earlierBefore + 1);
    await page.close();
  }, 60_000);

  it('explains a version conflict and reloads the entry without saving over the other edit', async () => {
    const stamp = Date.now().toString(36);
    const { recordPublication: p } = await server.gqlOk<any>(`mutation($i: RecordPublicationInput!) { recordPublication(input: $i) { id version } }`, {
      i: {
        departmentId: office.id,
        title: `冲突测试 ${stamp}`,
        categoryId,
        channelId,
        publishedOn: shanghai(new Date()),
        url: `https://example.gov.cn/conflict/${stamp}`,
      },
    });
    const page = await browser.newPage();
    await signInAsAdmin(page);
    await page.goto(`${server.url}/admin/publications`);
    await page.locator('#f-search').fill(stamp);
    await page.getByRole('button', { name: '查询' }).click();
    await page
      .locator(`tr[data-publication-id="${p.id}"]`)
      .getByRole('button', { name: /^更正 / })
      .click();
    const editor = page.locator('[data-testid=publication-editor]');
    await expect.poll(() => editor.locator('#edit-title').inputValue(), { timeout: 10_000 }).toBe(`冲突测试 ${stamp}`);
    // Someone else saves first.
    await server.gqlOk(`mutation($i: UpdatePublicationInput!) { updatePublication(input: $i) { id } }`, {
      i: { id: p.id, version: p.version, title: `他人先改 ${stamp}` },
    });
    await editor.locator('#edit-title').fill(`我的更正 ${stamp}`);
    await editor.getByRole('button', { name: '保存更正' }).click();
    await expect.poll(() => editor.locator('[role=alert]').textContent(), { timeout: 10_000 }).toContain('已被他人修改');
    const { publication } = await server.gqlOk<any>(`query($id: ID!) { publication(id: $id) { title } }`, { id: p.id });
    expect(publication.title).toBe(`他人先改 ${stamp}`);
    await editor.getByRole('button', { name: '载入最新内容' }).click();
    await expect.poll(() => editor.locator('#edit-title').inputValue(), { timeout: 10_000 }).toBe(`他人先改 ${stamp}`);
    await page.close();
  }, 60_000);
});

describe('索引号 template', () => {
  it('shows the next number live while the template is edited, consuming no sequence number', async () => {
    const sequences = () => server.sql(`select period_key, value from index_sequence where organization_id = $1 order by period_key`, [org.id]);
    const before = await sequences();
    const page = await browser.newPage();
    await signInAsAdmin(page);
    await page.goto(`${server.url}/admin/index-number`);
    await page.locator('#idx-org').selectOption(org.id);
    const number = page.locator('[data-testid=index-preview-number]');
    // The template in force first: the default, the seed-002 format.
    await expect.poll(() => number.textContent(), { timeout: 10_000 }).toMatch(/^[0-9A-Z]+\/\d{6}-\d{5}$/);

    await page.locator('#idx-reset').selectOption('YEARLY');
    await page.locator('#idx-template').fill('{orgCode}-{YYYY}-{SEQ:3}');
    const year = shanghai(new Date()).slice(0, 4);
    await expect.poll(() => number.textContent(), { timeout: 10_000 }).toMatch(new RegExp(`^${org.code}-${year}-\\d{3}$`));
    // The same figure the server gives through the API.
    const { indexNumberPreview } = await server.gqlOk<any>(`query($i: IndexNumberPreviewInput!) { indexNumberPreview(input: $i) { indexNumber } }`, {
      i: { organizationId: org.id, template: '{orgCode}-{YYYY}-{SEQ:3}', reset: 'YEARLY' },
    });
    expect(await number.textContent()).toBe(indexNumberPreview.indexNumber);

    // Another date: the preview follows it.
    await page.locator('#idx-date').fill('2024-05-06');
    await expect.poll(() => number.textContent(), { timeout: 10_000 }).toMatch(new RegExp(`^${org.code}-2024-\\d{3}$`));

    // A template that would repeat numbers under the yearly reset is explained, in Chinese.
    await page.locator('#idx-template').fill('{orgCode}-{SEQ:3}');
    const preview = page.locator('[data-testid=index-preview]');
    await expect.poll(() => preview.textContent(), { timeout: 10_000 }).toContain('按年重置序号时，模板须包含年份');
    await screenshot(page, 'admin-index-number');
    expect(await sequences()).toEqual(before);
    const [{ template }] = await server.sql(`select coalesce((select template from index_number_setting where organization_id = $1), 'default') as template`, [
      org.id,
    ]);
    expect(template).toBe('default');
    await page.close();
  }, 60_000);
});

describe('catalogue, channels and deadline rules', () => {
  it('creates a category and a channel, and opens the rule editor, without an error', async () => {
    const page = await browser.newPage();
    await signInAsAdmin(page);
    await page.goto(`${server.url}/admin/catalogue`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent(), { timeout: 10_000 }).toBe('目录与渠道');
    const name = `浏览器分类${Date.now().toString(36)}`;
    await page.locator('#cat-name').fill(name);
    await page.getByRole('button', { name: '新增分类' }).click();
    await expect.poll(() => page.locator('[data-testid=category-table]').textContent(), { timeout: 10_000 }).toContain(name);
    const [{ n }] = await server.sql(`select count(*)::int as n from category where name = $1`, [name]);
    expect(n).toBe(1);

    const channel = `浏览器栏目${Date.now().toString(36)}`;
    await page.locator('#ch-name').fill(channel);
    await page.locator('#ch-owner').selectOption(office.id);
    await page.getByRole('button', { name: '新增渠道' }).click();
    await expect.poll(() => page.locator('.notice[role=status]').last().textContent(), { timeout: 10_000 }).toContain(channel);
    const [owner] = await server.sql(`select department_id::text as d from channel where name = $1`, [channel]);
    expect(owner.d).toBe(office.id);
    expect(await page.locator('[role=alert]').allTextContents()).toEqual([]);
    await screenshot(page, 'admin-catalogue');

    await page.goto(`${server.url}/admin/deadline-rules`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent(), { timeout: 10_000 }).toBe('时限规则');
    await page.getByRole('button', { name: '修改 网站留言答复' }).click();
    await page.locator('#rule-days').fill('6');
    await page.getByRole('button', { name: '保存并重新计算期限' }).click();
    await expect.poll(() => page.locator('.notice[role=status]').textContent(), { timeout: 10_000 }).toContain('网站留言答复');
    const [rule] = await server.sql(`select days from deadline_rule where code = 'MESSAGE_REPLY'`);
    expect(rule.days).toBe(6);
    await screenshot(page, 'admin-deadline-rules');
    await page.close();
  }, 60_000);
});
