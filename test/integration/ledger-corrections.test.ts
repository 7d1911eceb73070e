/**
 * Correcting the 信息发布台账 in place (updatePublication, deletePublication) the way the back
 * office does: every field, the maintained counts equal to a fresh COUNT(*) after each step,
 * the audit trail before → after, optimistic locking under concurrency, department scope, bad
 * input refused with a code and nothing written, and the wall screen's live board following.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countTruthSql } from '../../server/src/modules/publications/publication-counts.js';
import { shanghaiDate } from '../../server/src/time/calendar-date.js';
import { DEMO_PASSWORD, DEMO_SCREEN_TOKEN } from '../helpers/constants.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { connect, subscribe } from '../helpers/ws-client.js';

/** A date after today that is still inside the date domain (which ends with next year). */
const IN_FUTURE = `${Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4)) + 1}-06-30`;

let server: TestServer;
let dept: Record<string, string>;
let cat: Record<string, string>;
let portalId: string;
let wechatId: string;
let today: string;
let n = 0;
const uniqueUrl = () => `https://corrections.test.example/${Date.now().toString(36)}/${n++}.html`;

const FIELDS = `id version title indexNumber publishedOn url summary interpretationForm department { id code } category { id name } channel { id name } workPoint { id } task { id }`;
const RECORD = `mutation($i: RecordPublicationInput!) { recordPublication(input: $i) { ${FIELDS} } }`;
const UPDATE = `mutation($i: UpdatePublicationInput!) { updatePublication(input: $i) { ${FIELDS} } }`;
const DELETE = `mutation($id: ID!, $v: Int!) { deletePublication(id: $id, version: $v) }`;

beforeAll(async () => {
  server = await startTestServer();
  today = shanghaiDate();
  const { departments } = await server.gqlOk<any>(`{ departments { id code } }`);
  dept = Object.fromEntries(departments.map((d: any) => [d.code, d.id]));
  const { categories } = await server.gqlOk<any>(`{ categories { id name } }`);
  cat = Object.fromEntries(categories.map((c: any) => [c.name, c.id]));
  const { channels } = await server.gqlOk<any>(`{ channels { id name kind department { code } } }`);
  portalId = channels.find((c: any) => c.name === '门户网站·政务公开' && c.department.code === 'PDS').id;
  wechatId = channels.find((c: any) => c.kind === 'NEW_MEDIA_ACCOUNT' && c.department?.code === 'PDS').id;
});
afterAll(() => server?.close());

async function record(over: Record<string, unknown> = {}): Promise<any> {
  const { recordPublication } = await server.gqlOk<any>(RECORD, {
    i: {
      departmentId: dept['PDS-BGS'],
      title: '更正测试信息',
      categoryId: cat['工作动态'],
      channelId: portalId,
      publishedOn: '2026-02-10',
      url: uniqueUrl(),
      ...over,
    },
  });
  return recordPublication;
}

/** Count rows that differ from a GROUP BY over the publications (both directions). */
async function drift(): Promise<{ missing: unknown[]; extra: unknown[] }> {
  const key = `department_id, period_key, category_id, count, interpretation_count, non_text_interpretation_count`;
  const nonZero = `count <> 0 or interpretation_count <> 0 or non_text_interpretation_count <> 0`;
  const missing = await server.sql(`(${countTruthSql()}) except (select ${key} from publication_count where ${nonZero})`);
  const extra = await server.sql(`(select ${key} from publication_count where ${nonZero}) except (${countTruthSql()})`);
  return { missing, extra };
}

/** What the quota board shows for a department in a period, and a fresh COUNT(*) of its own items. */
async function boardAndTruth(code: string, period: string, from: string, to: string): Promise<{ board: number; truth: number }> {
  const { quotaBoard } = await server.gqlOk<any>(`query($p: String!) { quotaBoard(period: $p) { rows { department { id } category { id } published } } }`, {
    p: period,
  });
  const row = quotaBoard.rows.find((r: any) => r.department.id === dept[code] && !r.category);
  const [{ n: truth }] = await server.sql(`select count(*)::int as n from publication where department_id = $1 and published_on between $2 and $3`, [
    dept[code],
    from,
    to,
  ]);
  return { board: row?.published ?? 0, truth };
}

describe('a series of corrections', () => {
  it('keeps the maintained counts equal to a fresh COUNT(*) after every step, and the 索引号 unchanged', async () => {
    const p = await record();
    const [task] = await server.sql(`select t.id, t.work_point_id from task t where t.department_id = $1 order by t.id limit 1`, [dept['PDS-XZSP']]);
    const steps: [string, Record<string, unknown>][] = [
      ['title', { title: '更正测试信息（已更正标题）' }],
      ['date within the quarter', { publishedOn: '2026-03-02' }],
      ['date into another quarter', { publishedOn: '2026-04-08' }],
      ['date into another year', { publishedOn: '2025-12-30' }],
      ['category', { categoryId: cat['政策文件'] }],
      ['category into 政策解读 with its form', { categoryId: cat['政策解读'], interpretationForm: 'VIDEO' }],
      ['form only', { interpretationForm: 'TEXT' }],
      ['channel', { channelId: wechatId }],
      ['URL', { url: uniqueUrl() }],
      ['department', { departmentId: dept['PDS-ZFZD-1'] }],
      ['department and date together, with its task', { departmentId: dept['PDS-XZSP'], publishedOn: '2026-01-15', taskId: String(task.id) }],
      ['category back, form cleared, link cleared', { categoryId: cat['工作动态'], interpretationForm: null, taskId: null, workPointId: null }],
    ];
    let version = p.version;
    for (const [name, patch] of steps) {
      const { updatePublication: u } = await server.gqlOk<any>(UPDATE, { i: { id: p.id, version, ...patch } });
      expect(u.version, name).toBe(version + 1);
      expect(u.indexNumber, name).toBe(p.indexNumber);
      version = u.version;
      expect(await drift(), name).toEqual({ missing: [], extra: [] });
    }
    const [row] = await server.sql(
      `select title, published_on::text as d, department_id::text as dep, category_id::text as c, channel_id::text as ch, task_id, work_point_id, interpretation_form from publication where id = $1`,
      [p.id],
    );
    expect(row).toMatchObject({
      title: '更正测试信息（已更正标题）',
      d: '2026-01-15',
      dep: dept['PDS-XZSP'],
      c: cat['工作动态'],
      ch: wechatId,
      task_id: null,
      work_point_id: null,
      interpretation_form: null,
    });

    // The board reads the counts: it agrees with a COUNT(*) for the old and the new department.
    for (const code of ['PDS-BGS', 'PDS-XZSP', 'PDS-ZFZD-1']) {
      const q1 = await boardAndTruth(code, '2026-Q1', '2026-01-01', '2026-03-31');
      expect(q1.board, code).toBe(q1.truth);
    }
  });

  it('links a task (taking its work point) and a work point of the same plan', async () => {
    const [task] = await server.sql(`select id, work_point_id from task where department_id = $1 order by id limit 1`, [dept['PDS-BGS']]);
    const p = await record();
    const { updatePublication: u } = await server.gqlOk<any>(UPDATE, { i: { id: p.id, version: p.version, taskId: String(task.id) } });
    expect(u.task).toEqual({ id: String(task.id) });
    expect(u.workPoint).toEqual({ id: String(task.work_point_id) });
    const { updatePublication: cleared } = await server.gqlOk<any>(UPDATE, {
      i: { id: p.id, version: u.version, taskId: null, workPointId: String(task.work_point_id) },
    });
    expect(cleared.task).toBeNull();
    expect(cleared.workPoint).toEqual({ id: String(task.work_point_id) });
  });

  it('records each correction in the audit trail, field by field, before → after', async () => {
    const p = await record({ title: '留痕前' });
    await server.gqlOk(UPDATE, { i: { id: p.id, version: p.version, title: '留痕后', publishedOn: '2026-02-11', departmentId: dept['PDS-ZCFG'] } });
    const entries = await server.sql(
      `select operation, action, changes, actor_name from audit_entry where target_type = 'Publication' and target_id = $1 order by id`,
      [p.id],
    );
    const update = entries.find((e) => e.operation === 'updatePublication');
    expect(update).toMatchObject({ action: 'update', actor_name: 'admin' });
    expect(update.changes.title).toEqual({ before: '留痕前', after: '留痕后' });
    expect(update.changes.publishedOn).toEqual({ before: '2026-02-10', after: '2026-02-11' });
    expect(JSON.stringify(update.changes.department)).toContain(dept['PDS-ZCFG']);
    expect(update.changes.indexNumber).toBeUndefined();
  });

  it('deletes an item and stops counting it in the same transaction', async () => {
    const p = await record({ departmentId: dept['PDS-RS'], publishedOn: '2026-03-20' });
    const before = await boardAndTruth('PDS-RS', '2026-Q1', '2026-01-01', '2026-03-31');
    expect(await server.gqlOk<any>(DELETE, { id: p.id, v: p.version })).toEqual({ deletePublication: p.id });
    const after = await boardAndTruth('PDS-RS', '2026-Q1', '2026-01-01', '2026-03-31');
    expect(after).toEqual({ board: before.board - 1, truth: before.truth - 1 });
    expect(await drift()).toEqual({ missing: [], extra: [] });
    const [{ n: audited }] = await server.sql(
      `select count(*)::int as n from audit_entry where target_type = 'Publication' and target_id = $1 and action = 'delete'`,
      [p.id],
    );
    expect(audited).toBe(1);
  });
});

describe('concurrent corrections', () => {
  it('let exactly one of two edits of the same version through; the other is STALE_VERSION and writes nothing', async () => {
    for (let round = 0; round < 5; round++) {
      const p = await record();
      const [a, b] = await Promise.all([
        server.gql<any>(UPDATE, { i: { id: p.id, version: p.version, departmentId: dept['PDS-JHCW'], title: `甲 ${round}` } }),
        server.gql<any>(UPDATE, { i: { id: p.id, version: p.version, publishedOn: '2025-11-03', title: `乙 ${round}` } }),
      ]);
      const ok = [a, b].filter((r) => !r.errors);
      const refused = [a, b].filter((r) => r.errors);
      expect(ok).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(refused[0]!.errors![0]!.extensions).toMatchObject({ code: 'STALE_VERSION', currentVersion: p.version + 1 });
      const [row] = await server.sql(`select title, version from publication where id = $1`, [p.id]);
      expect(row).toEqual({ title: ok[0]!.data!.updatePublication.title, version: p.version + 1 });
      // The losing edit's other fields were not applied either.
      const won = ok[0] === a ? 'a' : 'b';
      const [moved] = await server.sql(`select department_id::text as d, published_on::text as on from publication where id = $1`, [p.id]);
      expect(moved).toEqual(won === 'a' ? { d: dept['PDS-JHCW'], on: '2026-02-10' } : { d: dept['PDS-BGS'], on: '2025-11-03' });
    }
    expect(await drift()).toEqual({ missing: [], extra: [] });
  });

  it('refuses an edit and a delete of a version read before someone else saved', async () => {
    const p = await record();
    await server.gqlOk(UPDATE, { i: { id: p.id, version: p.version, title: '先保存' } });
    const late = await server.gql(UPDATE, { i: { id: p.id, version: p.version, title: '后保存' } });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'STALE_VERSION', field: 'version' });
    const lateDelete = await server.gql(DELETE, { id: p.id, v: p.version });
    expect(lateDelete.errors?.[0]?.extensions).toMatchObject({ code: 'STALE_VERSION' });
    const [row] = await server.sql(`select title from publication where id = $1`, [p.id]);
    expect(row.title).toBe('先保存');
  });
});

describe('bad corrections: a coded error and nothing written', () => {
  let p: any;
  let other: any;
  let retiredCategory: string;
  beforeAll(async () => {
    p = await record();
    other = await record();
    const { createCategory } = await server.gqlOk<any>(`mutation { createCategory(input: { name: "更正测试停用分类" }) { id version } }`);
    await server.gqlOk(`mutation($id: ID!, $v: Int!) { updateCategory(input: { id: $id, version: $v, isActive: false }) { id } }`, {
      id: createCategory.id,
      v: createCategory.version,
    });
    retiredCategory = createCategory.id;
  });

  async function state() {
    const [row] = await server.sql(
      `select (select row_to_json(p)::text from publication p where id = $1) as p,
              (select coalesce(sum(count), 0) from publication_count)::int as c,
              (select coalesce(sum(value), 0) from index_sequence)::int as s,
              (select count(*) from audit_entry)::int as a`,
      [p.id],
    );
    return row;
  }

  const cases: [string, () => Record<string, unknown>, Record<string, unknown>][] = [
    ['a date in the future', () => ({ publishedOn: IN_FUTURE }), { code: 'BAD_USER_INPUT', reason: 'PUBLISHED_IN_FUTURE', field: 'publishedOn' }],
    ['a date that is not a date', () => ({ publishedOn: '2026-02-30' }), { code: 'BAD_USER_INPUT' }],
    ['an empty title', () => ({ title: '  ' }), { code: 'BAD_USER_INPUT', field: 'title' }],
    ['a javascript: URL', () => ({ url: 'javascript:alert(1)' }), { code: 'BAD_USER_INPUT', field: 'url' }],
    ['the URL of another item', () => ({ url: other.url }), { code: 'CONFLICT', reason: 'DUPLICATE_PUBLICATION_URL' }],
    ['an unknown category', () => ({ categoryId: '987654' }), { code: 'NOT_FOUND', reason: 'CATEGORY_NOT_FOUND' }],
    ['a retired category', () => ({ categoryId: retiredCategory }), { code: 'BAD_USER_INPUT', reason: 'CATEGORY_INACTIVE' }],
    ['政策解读 without its form', () => ({ categoryId: cat['政策解读'] }), { code: 'BAD_USER_INPUT', reason: 'INTERPRETATION_FORM_REQUIRED' }],
    ['an unknown channel', () => ({ channelId: '987654' }), { code: 'NOT_FOUND', reason: 'CHANNEL_NOT_FOUND' }],
    ['a department of another organisation', () => ({ departmentId: dept['WX-BGS'] }), { code: 'BAD_USER_INPUT', reason: 'PUBLICATION_ORGANIZATION_CHANGE' }],
    ['an unknown department', () => ({ departmentId: '987654' }), { code: 'NOT_FOUND', reason: 'DEPARTMENT_NOT_FOUND' }],
    ['an unknown task', () => ({ taskId: '987654' }), { code: 'NOT_FOUND', reason: 'TASK_NOT_FOUND' }],
    ['an unknown item', () => ({ id: '987654' }), { code: 'NOT_FOUND', reason: 'PUBLICATION_NOT_FOUND' }],
    ['a stale version', () => ({ version: p.version - 1 }), { code: 'STALE_VERSION' }],
  ];
  for (const [name, patch, expected] of cases) {
    it(name, async () => {
      const before = await state();
      const body = await server.gql(UPDATE, { i: { id: p.id, version: p.version, ...patch() } });
      expect(body.data?.updatePublication ?? null).toBeNull();
      expect(body.errors?.[0]?.extensions, JSON.stringify(body.errors)).toMatchObject(expected);
      expect(body.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);
      expect(await state()).toEqual(before);
    });
  }

  it('a task of another department, with the move that would make it fit refused too', async () => {
    const [task] = await server.sql(`select id from task where department_id = $1 order by id limit 1`, [dept['PDS-XZSP']]);
    const before = await state();
    const body = await server.gql(UPDATE, { i: { id: p.id, version: p.version, taskId: String(task.id) } });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PUBLICATION_LINK_MISMATCH' });
    expect(await state()).toEqual(before);
  });
});

describe('scope', () => {
  it('a liaison corrects their own department’s items only, and cannot move one out of it', async () => {
    const liaison = await server.login('bgs.liaison', DEMO_PASSWORD);
    const own = await record();
    const { updatePublication: u } = await server.gqlOk<any>(UPDATE, { i: { id: own.id, version: own.version, title: '信息员更正' } }, { token: liaison });
    expect(u.title).toBe('信息员更正');
    const away = await server.gql(UPDATE, { i: { id: own.id, version: u.version, departmentId: dept['PDS-ZCFG'] } }, { token: liaison });
    expect(away.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const foreign = await record({ departmentId: dept['PDS-ZCFG'] });
    const other = await server.gql(UPDATE, { i: { id: foreign.id, version: foreign.version, title: '越权更正' } }, { token: liaison });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const [row] = await server.sql(`select title, department_id::text as d from publication where id = $1`, [foreign.id]);
    expect(row).toEqual({ title: '更正测试信息', d: dept['PDS-ZCFG'] });
  });

  it('a department head moves items within their subtree, not outside it; a screen corrects nothing', async () => {
    const head = await server.login('zfzd.head', DEMO_PASSWORD);
    const p = await record({ departmentId: dept['PDS-ZFZD-1'] });
    const { updatePublication: u } = await server.gqlOk<any>(
      UPDATE,
      { i: { id: p.id, version: p.version, departmentId: dept['PDS-ZFZD-2'] } },
      { token: head },
    );
    expect(u.department.code).toBe('PDS-ZFZD-2');
    const out = await server.gql(UPDATE, { i: { id: p.id, version: u.version, departmentId: dept['PDS-BGS'] } }, { token: head });
    expect(out.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const screen = await server.gql(UPDATE, { i: { id: p.id, version: u.version, title: '大屏' } }, { token: DEMO_SCREEN_TOKEN });
    expect(screen.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await drift()).toEqual({ missing: [], extra: [] });
  });
});

describe('the wall screen', () => {
  it('gets the corrected counts live after the correction commits', async () => {
    const quarter = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
    const p = await record({ publishedOn: today });
    const { client } = connect(server.graphqlUrl, DEMO_SCREEN_TOKEN);
    const live = subscribe<any>(
      client,
      `subscription($p: String!) { quotaBoardChanged(period: $p) { rows { department { id } category { id } published } } }`,
      { p: quarter },
    );
    try {
      const publishedIn = (data: any, code: string) => data?.quotaBoardChanged?.rows.find((r: any) => r.department.id === dept[code] && !r.category)?.published;
      const first = await live.waitFor((d) => publishedIn(d, 'PDS-BGS') != null, 10_000);
      const [bgs, srzx] = [publishedIn(first, 'PDS-BGS'), publishedIn(first, 'PDS-SRZX')];
      await server.gqlOk(UPDATE, { i: { id: p.id, version: p.version, departmentId: dept['PDS-SRZX'] } });
      const moved = await live.waitFor((d) => publishedIn(d, 'PDS-BGS') === bgs - 1 && publishedIn(d, 'PDS-SRZX') === srzx + 1, 10_000);
      expect(publishedIn(moved, 'PDS-SRZX')).toBe(srzx + 1);
    } finally {
      await live.close();
      await client.dispose();
    }
  });
});
