/**
 * 信息发布台账 through the API: record, correct, delete, list, scope, 索引号 (format and
 * concurrency), and bad input (a coded error, nothing written).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../server/src/time/calendar-date.js';
import { DEMO_PASSWORD, DEMO_SCREEN_TOKEN } from '../helpers/constants.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/** A date after today that is still inside the date domain (which ends with next year). */
const IN_FUTURE = `${Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4)) + 1}-06-30`;

let server: TestServer;
let dept: Record<string, string>;
let cat: Record<string, string>;
let portalId: string;
let zfzdWechatId: string;
let today: string;
let n = 0;
const uniqueUrl = () => `https://ledger.test.example/${Date.now().toString(36)}/${n++}.html`;

const FIELDS = `id version title indexNumber publishedOn url summary interpretationForm department { code } category { name } channel { name kind } workPoint { id } task { id }`;
const RECORD = `mutation($i: RecordPublicationInput!) { recordPublication(input: $i) { ${FIELDS} } }`;
const UPDATE = `mutation($i: UpdatePublicationInput!) { updatePublication(input: $i) { ${FIELDS} } }`;
const DELETE = `mutation($id: ID!, $v: Int!) { deletePublication(id: $id, version: $v) }`;

const input = (over: Record<string, unknown> = {}) => ({
  departmentId: dept['PDS-BGS'],
  title: '关于开展城市道路扬尘专项整治的通知',
  categoryId: cat['工作动态'],
  channelId: portalId,
  publishedOn: today,
  url: uniqueUrl(),
  ...over,
});

beforeAll(async () => {
  server = await startTestServer();
  today = shanghaiDate();
  const { departments } = await server.gqlOk<any>(`{ departments { id code } }`);
  dept = Object.fromEntries(departments.map((d: any) => [d.code, d.id]));
  const { categories } = await server.gqlOk<any>(`{ categories { id name } }`);
  cat = Object.fromEntries(categories.map((c: any) => [c.name, c.id]));
  const { channels } = await server.gqlOk<any>(`{ channels { id name kind department { code } } }`);
  portalId = channels.find((c: any) => c.name === '门户网站·政务公开' && c.department.code === 'PDS').id;
  const created = await server.gqlOk<any>(
    `mutation($d: ID!) { createChannel(input: { kind: NEW_MEDIA_ACCOUNT, name: "微信公众号“平顶山城管执法”", departmentId: $d }) { id } }`,
    {
      d: dept['PDS-ZFZD'],
    },
  );
  zfzdWechatId = created.createChannel.id;
});
afterAll(() => server?.close());

async function countsOf(departmentId: string, periodKey: string, categoryId: string | null = null): Promise<number> {
  const rows = await server.sql(`select count from publication_count where department_id = $1 and period_key = $2 and category_id is not distinct from $3`, [
    departmentId,
    periodKey,
    categoryId,
  ]);
  return rows[0]?.count ?? 0;
}

describe('the catalogue', () => {
  it('is seeded with the categories of the issue, 政策解读 needing a form', async () => {
    const { categories } = await server.gqlOk<any>(`{ categories { name isInterpretation depth parentId isActive } }`);
    expect(categories.map((c: any) => c.name)).toEqual([
      '机构概况',
      '计划总结',
      '工作动态',
      '政策文件',
      '政策解读',
      '人事信息',
      '财政资金',
      '建议提案',
      '行政执法',
      '重点领域',
      '年报',
      '指南',
    ]);
    expect(categories.filter((c: any) => c.isInterpretation).map((c: any) => c.name)).toEqual(['政策解读']);
    expect(categories.every((c: any) => c.depth === 0 && c.parentId === null && c.isActive)).toBe(true);
  });

  it('takes sub-categories, which inherit 政策解读 and count towards their parent', async () => {
    const { createCategory } = await server.gqlOk<any>(
      `mutation($p: ID!) { createCategory(input: { name: "图解", parentId: $p }) { id name depth parentId isInterpretation } }`,
      { p: cat['政策解读'] },
    );
    expect(createCategory).toMatchObject({ name: '图解', depth: 1, parentId: cat['政策解读'], isInterpretation: true });
    const before = await countsOf(dept['PDS-RS']!, today.slice(0, 7), cat['政策解读']!);
    const { recordPublication } = await server.gqlOk<any>(RECORD, {
      i: input({ departmentId: dept['PDS-RS'], categoryId: createCategory.id, interpretationForm: 'CHART' }),
    });
    expect(recordPublication.category.name).toBe('图解');
    expect(await countsOf(dept['PDS-RS']!, today.slice(0, 7), cat['政策解读']!)).toBe(before + 1);
    expect(await countsOf(dept['PDS-RS']!, today.slice(0, 7), createCategory.id)).toBe(1);
    const list = await server.gqlOk<any>(`query($c: ID!, $d: ID!) { publications(filter: { categoryId: $c, departmentId: $d }) { totalCount nodes { id } } }`, {
      c: cat['政策解读'],
      d: dept['PDS-RS'],
    });
    expect(list.publications.nodes.map((p: any) => p.id)).toContain(recordPublication.id);
  });

  it('refuses a second category or channel of the same name', async () => {
    const body = await server.gql(`mutation { createCategory(input: { name: "工作动态" }) { id } }`);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CATEGORY_NAME_TAKEN' });
    const again = await server.gql(
      `mutation($d: ID!) { createChannel(input: { kind: NEW_MEDIA_ACCOUNT, name: "微信公众号“平顶山城管执法”", departmentId: $d }) { id } }`,
      { d: dept['PDS-ZFZD'] },
    );
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CHANNEL_NAME_TAKEN' });
  });
});

describe('recordPublication', () => {
  it('records an item with its 索引号 in the seed-002 format, and counts it at once', async () => {
    const month = today.slice(0, 7);
    const before = await countsOf(dept['PDS-BGS']!, month);
    const { recordPublication: p } = await server.gqlOk<any>(RECORD, { i: input({ summary: '  对扬尘整治作出部署  ' }) });
    expect(p).toMatchObject({
      title: '关于开展城市道路扬尘专项整治的通知',
      publishedOn: today,
      summary: '对扬尘整治作出部署',
      department: { code: 'PDS-BGS' },
      category: { name: '工作动态' },
      channel: { kind: 'PORTAL_COLUMN' },
    });
    // 统一社会信用代码/YYYYMM-NNNNN (seeds/demo.json gives PDS the code 11410400MB1D00001X).
    expect(p.indexNumber).toMatch(new RegExp(`^11410400MB1D00001X/${today.slice(0, 4)}${today.slice(5, 7)}-\\d{5}$`));
    expect(await countsOf(dept['PDS-BGS']!, month)).toBe(before + 1);
    const [{ n: audited }] = await server.sql(
      `select count(*)::int as n from audit_entry where target_type = 'Publication' and target_id = $1 and action = 'create'`,
      [p.id],
    );
    expect(audited).toBe(1);
  });

  it('numbers one after the other within the month', async () => {
    const a = (await server.gqlOk<any>(RECORD, { i: input() })).recordPublication.indexNumber as string;
    const b = (await server.gqlOk<any>(RECORD, { i: input() })).recordPublication.indexNumber as string;
    expect(Number(b.slice(-5))).toBe(Number(a.slice(-5)) + 1);
  });

  it('never gives one 索引号 twice when 50 liaisons record at the same moment', async () => {
    const liaison = await server.login('bgs.liaison', DEMO_PASSWORD);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => server.gql<any>(RECORD, { i: input({ title: `并发登记 ${i}` }) }, { token: i % 2 ? liaison : undefined })),
    );
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const numbers = results.map((r) => r.data!.recordPublication.indexNumber as string);
    expect(new Set(numbers).size).toBe(50);
    // Gapless: the 50 numbers are consecutive.
    const seqs = numbers.map((x) => Number(x.slice(-5))).sort((x, y) => x - y);
    expect(seqs.at(-1)! - seqs[0]!).toBe(49);
    const [{ dupes }] = await server.sql(
      `select count(*)::int as dupes from (select index_number from publication group by organization_id, index_number having count(*) > 1) d`,
    );
    expect(dupes).toBe(0);
  });

  it('links the task it fulfils, taking the work point from it', async () => {
    const [task] = await server.sql(`select id, work_point_id from task where department_id = $1 order by id limit 1`, [dept['PDS-BGS']]);
    const { recordPublication: p } = await server.gqlOk<any>(RECORD, { i: input({ taskId: String(task.id) }) });
    expect(p.task.id).toBe(String(task.id));
    expect(p.workPoint.id).toBe(String(task.work_point_id));
  });

  it('lets a department head record for a sub-department, on its own new-media account', async () => {
    const head = await server.login('zfzd.head', DEMO_PASSWORD);
    const { recordPublication: p } = await server.gqlOk<any>(
      RECORD,
      { i: input({ departmentId: dept['PDS-ZFZD-1'], channelId: zfzdWechatId }) },
      { token: head },
    );
    expect(p.department.code).toBe('PDS-ZFZD-1');
    expect(p.channel.kind).toBe('NEW_MEDIA_ACCOUNT');
  });
});

describe('bad input: a coded error and nothing written', () => {
  async function writeState() {
    const [row] = await server.sql(
      `select (select count(*) from publication)::int as p, (select coalesce(sum(count), 0) from publication_count)::int as c,
              (select coalesce(sum(value), 0) from index_sequence)::int as s, (select count(*) from audit_entry)::int as a`,
    );
    return row;
  }

  const cases: [string, () => Record<string, unknown>, Record<string, unknown>][] = [
    ['a date in the future', () => input({ publishedOn: IN_FUTURE }), { code: 'BAD_USER_INPUT', reason: 'PUBLISHED_IN_FUTURE', field: 'publishedOn' }],
    ['a date before 2000 (outside the date domain)', () => input({ publishedOn: '1999-12-31' }), { code: 'BAD_USER_INPUT', reason: 'DATE_OUT_OF_RANGE' }],
    ['a date that is not a date', () => input({ publishedOn: '2026-02-30' }), { code: 'BAD_USER_INPUT' }],
    ['an unknown category', () => input({ categoryId: '987654' }), { code: 'NOT_FOUND', reason: 'CATEGORY_NOT_FOUND' }],
    ['a malformed category id', () => input({ categoryId: 'abc' }), { code: 'NOT_FOUND', reason: 'CATEGORY_NOT_FOUND' }],
    ['an unknown department', () => input({ departmentId: '987654' }), { code: 'NOT_FOUND', reason: 'DEPARTMENT_NOT_FOUND' }],
    ['an unknown channel', () => input({ channelId: '987654' }), { code: 'NOT_FOUND', reason: 'CHANNEL_NOT_FOUND' }],
    ['a malformed URL', () => input({ url: 'not a url' }), { code: 'BAD_USER_INPUT', field: 'url' }],
    ['a javascript: URL', () => input({ url: 'javascript:alert(1)' }), { code: 'BAD_USER_INPUT', field: 'url' }],
    ['an ftp URL', () => input({ url: 'ftp://files.example/a.pdf' }), { code: 'BAD_USER_INPUT', field: 'url' }],
    ['an empty title', () => input({ title: '   ' }), { code: 'BAD_USER_INPUT', field: 'title' }],
    ['a 政策解读 without its form', () => input({ categoryId: cat['政策解读'] }), { code: 'BAD_USER_INPUT', reason: 'INTERPRETATION_FORM_REQUIRED' }],
    [
      'a form on an item that is not a 政策解读',
      () => input({ interpretationForm: 'VIDEO' }),
      { code: 'BAD_USER_INPUT', reason: 'INTERPRETATION_FORM_NOT_APPLICABLE' },
    ],
    ['another department’s new-media account', () => input({ channelId: zfzdWechatId }), { code: 'BAD_USER_INPUT', reason: 'CHANNEL_NOT_AVAILABLE' }],
    ['an unknown task', () => input({ taskId: '987654' }), { code: 'NOT_FOUND', reason: 'TASK_NOT_FOUND' }],
    ['an unknown work point', () => input({ workPointId: '987654' }), { code: 'NOT_FOUND', reason: 'WORK_POINT_NOT_FOUND' }],
  ];
  for (const [name, make, expected] of cases) {
    it(name, async () => {
      const before = await writeState();
      const body = await server.gql(RECORD, { i: make() });
      expect(body.data?.recordPublication ?? null).toBeNull();
      expect(body.errors?.[0]?.extensions, JSON.stringify(body.errors)).toMatchObject(expected);
      expect(body.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);
      expect(await writeState()).toEqual(before);
    });
  }

  it('a URL recorded already (the same item is counted once)', async () => {
    const url = uniqueUrl();
    await server.gqlOk(RECORD, { i: input({ url }) });
    const before = await writeState();
    const body = await server.gql(RECORD, { i: input({ url, title: '换个标题再登记一次' }) });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_PUBLICATION_URL', field: 'url' });
    expect(await writeState()).toEqual(before);
  });

  it('a task of another department', async () => {
    const [task] = await server.sql(`select id from task where department_id = $1 order by id limit 1`, [dept['PDS-ZCFG']]);
    const body = await server.gql(RECORD, { i: input({ taskId: String(task.id) }) });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PUBLICATION_LINK_MISMATCH' });
  });

  it('a closed account', async () => {
    const { createChannel } = await server.gqlOk<any>(`mutation { createChannel(input: { kind: NEW_MEDIA_ACCOUNT, name: "已关停的僵尸号" }) { id version } }`);
    await server.gqlOk(`mutation($id: ID!, $v: Int!) { updateChannel(input: { id: $id, version: $v, isActive: false }) { id } }`, {
      id: createChannel.id,
      v: createChannel.version,
    });
    const before = await writeState();
    const body = await server.gql(RECORD, { i: input({ channelId: createChannel.id }) });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CHANNEL_INACTIVE' });
    expect(await writeState()).toEqual(before);
  });
});

describe('updatePublication and deletePublication', () => {
  it('moves the count when the date or the department changes, keeps the 索引号, and refuses a stale version', async () => {
    const { recordPublication: p } = await server.gqlOk<any>(RECORD, { i: input({ publishedOn: '2026-03-16' }) });
    expect(await countsOf(dept['PDS-BGS']!, '2026-Q1')).toBeGreaterThan(0);
    const q1Before = await countsOf(dept['PDS-BGS']!, '2026-Q1');
    const q2Before = await countsOf(dept['PDS-ZCFG']!, '2026-Q2');
    const { updatePublication: u } = await server.gqlOk<any>(UPDATE, {
      i: { id: p.id, version: p.version, publishedOn: '2026-04-01', departmentId: dept['PDS-ZCFG'] },
    });
    expect(u).toMatchObject({ publishedOn: '2026-04-01', department: { code: 'PDS-ZCFG' }, indexNumber: p.indexNumber, version: p.version + 1 });
    expect(await countsOf(dept['PDS-BGS']!, '2026-Q1')).toBe(q1Before - 1);
    expect(await countsOf(dept['PDS-ZCFG']!, '2026-Q2')).toBe(q2Before + 1);

    const stale = await server.gql(UPDATE, { i: { id: p.id, version: p.version, title: '旧版本' } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'STALE_VERSION', currentVersion: p.version + 1 });

    const { updatePublication: cleared } = await server.gqlOk<any>(UPDATE, {
      i: { id: p.id, version: u.version, summary: '补充概述', categoryId: cat['政策解读'], interpretationForm: 'VIDEO' },
    });
    expect(cleared).toMatchObject({ summary: '补充概述', category: { name: '政策解读' }, interpretationForm: 'VIDEO' });
    const [row] = await server.sql(
      `select interpretation_count, non_text_interpretation_count from publication_count where department_id = $1 and period_key = '2026-Q2' and category_id = $2`,
      [dept['PDS-ZCFG'], cat['政策解读']],
    );
    expect(row.interpretation_count).toBeGreaterThan(0);

    const gone = await server.gqlOk<any>(DELETE, { id: p.id, v: cleared.version });
    expect(gone.deletePublication).toBe(p.id);
    expect(await countsOf(dept['PDS-ZCFG']!, '2026-Q2')).toBe(q2Before);
    expect((await server.gqlOk<any>(`query($id: ID!) { publication(id: $id) { id } }`, { id: p.id })).publication).toBeNull();
  });

  it('refuses moving an item to another organisation, or into the future', async () => {
    const { recordPublication: p } = await server.gqlOk<any>(RECORD, { i: input() });
    const other = await server.gql(UPDATE, { i: { id: p.id, version: p.version, departmentId: dept['WX-BGS'] } });
    expect(other.errors?.[0]?.extensions).toMatchObject({ reason: 'PUBLICATION_ORGANIZATION_CHANGE' });
    const future = await server.gql(UPDATE, { i: { id: p.id, version: p.version, publishedOn: IN_FUTURE } });
    expect(future.errors?.[0]?.extensions).toMatchObject({ reason: 'PUBLISHED_IN_FUTURE' });
  });
});

describe('scope', () => {
  it('a liaison records and edits for their own department only; others’ items are invisible', async () => {
    const liaison = await server.login('zfzd1.liaison', DEMO_PASSWORD);
    const own = await server.gqlOk<any>(RECORD, { i: input({ departmentId: dept['PDS-ZFZD-1'] }) }, { token: liaison });
    expect(own.recordPublication.department.code).toBe('PDS-ZFZD-1');
    const elsewhere = await server.gql(RECORD, { i: input({ departmentId: dept['PDS-ZFZD'] }) }, { token: liaison });
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_SCOPE' });

    const { recordPublication: bgs } = await server.gqlOk<any>(RECORD, { i: input() });
    expect((await server.gqlOk<any>(`query($id: ID!) { publication(id: $id) { id } }`, { id: bgs.id }, { token: liaison })).publication).toBeNull();
    const edit = await server.gql(UPDATE, { i: { id: bgs.id, version: bgs.version, title: '越权修改' } }, { token: liaison });
    expect(edit.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const del = await server.gql(DELETE, { id: bgs.id, v: bgs.version }, { token: liaison });
    expect(del.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });

    const list = await server.gqlOk<any>(`{ publications(first: 100) { totalCount nodes { department { code } } } }`, {}, { token: liaison });
    const [{ n: mine }] = await server.sql(`select count(*)::int as n from publication where department_id = $1`, [dept['PDS-ZFZD-1']]);
    expect(list.publications.totalCount).toBe(mine);
    expect(list.publications.nodes.every((p: any) => p.department.code === 'PDS-ZFZD-1')).toBe(true);
  });

  it('a department head sees their subtree; a screen reads all and writes nothing', async () => {
    const head = await server.login('zfzd.head', DEMO_PASSWORD);
    const list = await server.gqlOk<any>(`{ publications(first: 100) { totalCount nodes { department { code } } } }`, {}, { token: head });
    const [{ n }] = await server.sql(`select count(*)::int as n from publication p join department d on d.id = p.department_id where d.code like 'PDS-ZFZD%'`);
    expect(list.publications.totalCount).toBe(n);
    expect(list.publications.nodes.every((p: any) => p.department.code.startsWith('PDS-ZFZD'))).toBe(true);
    const screen = await server.gql(RECORD, { i: input() }, { token: DEMO_SCREEN_TOKEN });
    expect(screen.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('publications list', () => {
  it('filters by date range, channel and words, and pages by cursor', async () => {
    const marker = `检索标记${Date.now()}`;
    for (let i = 0; i < 3; i++) await server.gqlOk(RECORD, { i: input({ title: `${marker} 第${i}条`, publishedOn: `2026-05-0${i + 4}` }) });
    const q = `query($f: PublicationFilter, $after: String) { publications(filter: $f, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { title publishedOn } } }`;
    const first = await server.gqlOk<any>(q, { f: { search: marker } });
    expect(first.publications.totalCount).toBe(3);
    expect(first.publications.nodes.map((p: any) => p.title)).toEqual([`${marker} 第2条`, `${marker} 第1条`]);
    const second = await server.gqlOk<any>(q, { f: { search: marker }, after: first.publications.pageInfo.endCursor });
    expect(second.publications.nodes.map((p: any) => p.title)).toEqual([`${marker} 第0条`]);
    const ranged = await server.gqlOk<any>(q, { f: { search: marker, from: '2026-05-05', to: '2026-05-06', channelId: portalId } });
    expect(ranged.publications.totalCount).toBe(2);
    const bad = await server.gql(q, { f: { from: '2026-05-06', to: '2026-05-05' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ reason: 'INVALID_DATE_RANGE' });
    const wildcard = await server.gqlOk<any>(q, { f: { search: '%' } });
    expect(wildcard.publications.totalCount).toBe(0);
  });
});

describe('索引号 template', () => {
  it('is configurable per organisation, and checked', async () => {
    const settings = await server.gqlOk<any>(`query($o: ID!) { indexNumberSettings(organizationId: $o) { template reset isDefault nextForToday } }`, {
      o: dept['WX'],
    });
    expect(settings.indexNumberSettings).toMatchObject({ template: '{creditCode}/{YYYY}{MM}-{SEQ:5}', reset: 'MONTHLY', isDefault: true });
    const bad = await server.gql(
      `mutation($o: ID!) { setIndexNumberTemplate(input: { organizationId: $o, template: "{orgCode}-{SEQ:4}", reset: YEARLY }) { template } }`,
      { o: dept['WX'] },
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_INDEX_NUMBER_TEMPLATE' });
    const notOrg = await server.gql(
      `mutation($o: ID!) { setIndexNumberTemplate(input: { organizationId: $o, template: "{orgCode}-{SEQ:4}", reset: NEVER }) { template } }`,
      { o: dept['WX-BGS'] },
    );
    expect(notOrg.errors?.[0]?.extensions).toMatchObject({ reason: 'NOT_AN_ORGANIZATION' });
    const set = await server.gqlOk<any>(
      `mutation($o: ID!) { setIndexNumberTemplate(input: { organizationId: $o, template: "{orgCode}/{YYYY}-{SEQ:4}", reset: YEARLY }) { template reset isDefault } }`,
      { o: dept['WX'] },
    );
    expect(set.setIndexNumberTemplate).toEqual({ template: '{orgCode}/{YYYY}-{SEQ:4}', reset: 'YEARLY', isDefault: false });
    const { channels } = await server.gqlOk<any>(`{ channels(filter: { kind: PORTAL_COLUMN }) { id department { code } } }`);
    const wxPortal = channels.find((c: any) => c.department?.code === 'WX').id;
    const { recordPublication: p } = await server.gqlOk<any>(RECORD, {
      i: input({ departmentId: dept['WX-BGS'], channelId: wxPortal, publishedOn: '2026-02-02' }),
    });
    expect(p.indexNumber).toMatch(/^WX\/2026-\d{4}$/);
    const [{ value }] = await server.sql(`select value from index_sequence where organization_id = $1 and period_key = '2026'`, [dept['WX']]);
    expect(p.indexNumber).toBe(`WX/2026-${String(value).padStart(4, '0')}`);
  });
});
