/**
 * The back office's editors through the API: catalogue categories (create, rename, reorder,
 * retire; delete only when unused), channels (owner, close, paged list), the 索引号 template
 * preview (the number recording would give, nothing consumed), quotas (paged, edit, delete with
 * version) and deadline rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../helpers/constants.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let dept: Record<string, string>;
let n = 0;
const unique = () => `${Date.now().toString(36)}${n++}`;

beforeAll(async () => {
  server = await startTestServer();
  const { departments } = await server.gqlOk<any>(`{ departments { id code } }`);
  dept = Object.fromEntries(departments.map((d: any) => [d.code, d.id]));
});
afterAll(() => server?.close());

const CREATE_CATEGORY = `mutation($n: String!, $p: ID) { createCategory(input: { name: $n, parentId: $p }) { id version name sortOrder } }`;
const DELETE_CATEGORY = `mutation($id: ID!, $v: Int!) { deleteCategory(id: $id, version: $v) }`;
const REORDER = `mutation($p: ID, $ids: [ID!]!) { reorderCategories(input: { parentId: $p, orderedIds: $ids }) { id sortOrder } }`;

describe('catalogue categories', () => {
  it('reorders the children of a parent in one go, and refuses a list that misses one', async () => {
    const { createCategory: parent } = await server.gqlOk<any>(CREATE_CATEGORY, { n: `排序父类${unique()}` });
    const kids: string[] = [];
    for (const name of ['甲', '乙', '丙']) kids.push((await server.gqlOk<any>(CREATE_CATEGORY, { n: `${name}${unique()}`, p: parent.id })).createCategory.id);
    const { reorderCategories } = await server.gqlOk<any>(REORDER, { p: parent.id, ids: [kids[2], kids[0], kids[1]] });
    expect(reorderCategories).toEqual([
      { id: kids[2], sortOrder: 0 },
      { id: kids[0], sortOrder: 1 },
      { id: kids[1], sortOrder: 2 },
    ]);
    const { categories } = await server.gqlOk<any>(`{ categories { id parentId } }`);
    expect(categories.filter((c: any) => c.parentId === parent.id).map((c: any) => c.id)).toEqual([kids[2], kids[0], kids[1]]);
    const before = await server.sql(`select id, sort_order from category order by id`);
    const missing = await server.gql(REORDER, { p: parent.id, ids: [kids[0], kids[1]] });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CATEGORY_ORDER_MISMATCH' });
    const foreign = await server.gql(REORDER, { p: parent.id, ids: [kids[0], kids[1], parent.id] });
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ reason: 'CATEGORY_ORDER_MISMATCH' });
    expect(await server.sql(`select id, sort_order from category order by id`)).toEqual(before);
  });

  it('deletes an unused category, and refuses one in use (retire it instead), writing nothing', async () => {
    const { createCategory: unused } = await server.gqlOk<any>(CREATE_CATEGORY, { n: `误建分类${unique()}` });
    expect(await server.gqlOk<any>(DELETE_CATEGORY, { id: unused.id, v: unused.version })).toEqual({ deleteCategory: unused.id });

    const [{ id: used, version }] = await server.sql(
      `select c.id::text, c.version from category c where exists (select 1 from publication p where p.category_id = c.id) order by c.id limit 1`,
    );
    const before = await server.sql(`select count(*)::int as n from category`);
    const refused = await server.gql(DELETE_CATEGORY, { id: used, v: version });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CATEGORY_IN_USE' });
    expect(refused.errors?.[0]?.message).toContain('停用');
    expect(await server.sql(`select count(*)::int as n from category`)).toEqual(before);

    const { createCategory: parent } = await server.gqlOk<any>(CREATE_CATEGORY, { n: `有下级${unique()}` });
    await server.gqlOk(CREATE_CATEGORY, { n: `下级${unique()}`, p: parent.id });
    const withChild = await server.gql(DELETE_CATEGORY, { id: parent.id, v: parent.version });
    expect(withChild.errors?.[0]?.extensions).toMatchObject({ reason: 'CATEGORY_IN_USE' });

    const stale = await server.gql(DELETE_CATEGORY, { id: parent.id, v: parent.version + 5 });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'STALE_VERSION' });

    // Retiring is the way for a category in use: it stays on old items and takes no new ones.
    const { updateCategory } = await server.gqlOk<any>(
      `mutation($id: ID!, $v: Int!) { updateCategory(input: { id: $id, version: $v, isActive: false, name: "已停用的分类${unique()}" }) { isActive } }`,
      { id: used, v: version },
    );
    expect(updateCategory.isActive).toBe(false);
  });

  it('is edited by admins only', async () => {
    const head = await server.login('bgs.head', DEMO_PASSWORD);
    const body = await server.gql(REORDER, { p: null, ids: ['1'] }, { token: head });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('channels', () => {
  it('changes which departments may use a channel (its owner), or opens it to all', async () => {
    const { createChannel: c } = await server.gqlOk<any>(
      `mutation($n: String!, $d: ID) { createChannel(input: { kind: PORTAL_COLUMN, name: $n, departmentId: $d }) { id version department { id } } }`,
      {
        n: `栏目${unique()}`,
        d: dept['PDS-BGS'],
      },
    );
    expect(c.department.id).toBe(dept['PDS-BGS']);
    const UPDATE = `mutation($i: UpdateChannelInput!) { updateChannel(input: $i) { id version department { id } } }`;
    const { updateChannel: moved } = await server.gqlOk<any>(UPDATE, { i: { id: c.id, version: c.version, departmentId: dept['PDS-ZFZD'] } });
    expect(moved.department.id).toBe(dept['PDS-ZFZD']);
    const usable = async (code: string) =>
      (await server.gqlOk<any>(`query($d: ID!) { channels(filter: { usableById: $d }) { id } }`, { d: dept[code] })).channels.some((x: any) => x.id === c.id);
    expect(await usable('PDS-ZFZD-1')).toBe(true);
    expect(await usable('PDS-BGS')).toBe(false);
    const { updateChannel: shared } = await server.gqlOk<any>(UPDATE, { i: { id: c.id, version: moved.version, departmentId: null } });
    expect(shared.department).toBeNull();
    expect(await usable('PDS-BGS')).toBe(true);
    const unknown = await server.gql(UPDATE, { i: { id: c.id, version: shared.version, departmentId: '987654' } });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'DEPARTMENT_NOT_FOUND' });
  });

  it('refuses handing a channel to an owner that already has one of the same name', async () => {
    const name = `同名栏目${unique()}`;
    const CREATE = `mutation($n: String!, $d: ID) { createChannel(input: { kind: PORTAL_COLUMN, name: $n, departmentId: $d }) { id version } }`;
    await server.gqlOk(CREATE, { n: name, d: dept['PDS-RS'] });
    const { createChannel: c } = await server.gqlOk<any>(CREATE, { n: name, d: dept['PDS-JHCW'] });
    const body = await server.gql(`mutation($i: UpdateChannelInput!) { updateChannel(input: $i) { id } }`, {
      i: { id: c.id, version: c.version, departmentId: dept['PDS-RS'] },
    });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CHANNEL_NAME_TAKEN' });
  });

  it('closing a new-media account ends its freshness watch; reopening starts it again', async () => {
    const { createChannel: c } = await server.gqlOk<any>(
      `mutation($n: String!, $d: ID) { createChannel(input: { kind: NEW_MEDIA_ACCOUNT, name: $n, departmentId: $d }) { id version } }`,
      {
        n: `微信公众号${unique()}`,
        d: dept['PDS-BGS'],
      },
    );
    const watch = async () => (await server.sql(`select completed_on from deadline where kind = 'NEW_MEDIA' and subject_id = $1`, [c.id]))[0];
    expect(await watch()).toEqual({ completed_on: null });
    const UPDATE = `mutation($i: UpdateChannelInput!) { updateChannel(input: $i) { version } }`;
    const { updateChannel: closed } = await server.gqlOk<any>(UPDATE, { i: { id: c.id, version: c.version, isActive: false } });
    expect((await watch()).completed_on).not.toBeNull();
    await server.gqlOk(UPDATE, { i: { id: c.id, version: closed.version, isActive: true } });
    expect(await watch()).toEqual({ completed_on: null });
  });

  it('pages the back-office list with cursors over every channel', async () => {
    const PAGE = `query($a: String) { channelPage(first: 3, after: $a, filter: { includeInactive: true }) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let i = 0; i < 100; i++) {
      const { channelPage }: any = await server.gqlOk<any>(PAGE, { a: after });
      total = channelPage.totalCount;
      seen.push(...channelPage.nodes.map((c: any) => c.id));
      if (!channelPage.pageInfo.hasNextPage) break;
      after = channelPage.pageInfo.endCursor;
    }
    const [{ n: all }] = await server.sql(`select count(*)::int as n from channel`);
    expect(total).toBe(all);
    expect(new Set(seen).size).toBe(all);
    const tooBig = await server.gql(`{ channelPage(first: 101) { totalCount } }`);
    expect(tooBig.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_PAGE_SIZE' });
  });
});

describe('索引号 template preview', () => {
  const PREVIEW = `query($i: IndexNumberPreviewInput!) { indexNumberPreview(input: $i) { indexNumber publishedOn template reset } }`;

  it('shows the number recording would give under the edited template, consuming nothing', async () => {
    const org = dept['PDS'];
    const sequences = () => server.sql(`select period_key, value from index_sequence where organization_id = $1 order by period_key`, [org]);
    const before = await sequences();
    const { indexNumberPreview: p } = await server.gqlOk<any>(PREVIEW, {
      i: { organizationId: org, template: ' PDS-{YYYY}-{SEQ:6} ', reset: 'YEARLY', publishedOn: '2026-03-05' },
    });
    expect(p).toMatchObject({ publishedOn: '2026-03-05', template: 'PDS-{YYYY}-{SEQ:6}', reset: 'YEARLY' });
    expect(p.indexNumber).toMatch(/^PDS-2026-\d{6}$/);
    // Asked twice: the same number — the preview took nothing from the sequence.
    const again = await server.gqlOk<any>(PREVIEW, { i: { organizationId: org, template: 'PDS-{YYYY}-{SEQ:6}', reset: 'YEARLY', publishedOn: '2026-03-05' } });
    expect(again.indexNumberPreview.indexNumber).toBe(p.indexNumber);
    expect(await sequences()).toEqual(before);

    // Set it, record an item of that date: it gets exactly the previewed number.
    await server.gqlOk(
      `mutation($o: ID!) { setIndexNumberTemplate(input: { organizationId: $o, template: "PDS-{YYYY}-{SEQ:6}", reset: YEARLY }) { template } }`,
      { o: org },
    );
    const [{ id: category }] = await server.sql(`select id::text from category where name = '工作动态'`);
    const [{ id: channel }] = await server.sql(
      `select c.id::text from channel c join department d on d.id = c.department_id where d.code = 'PDS' and c.kind = 'PORTAL_COLUMN' order by c.id limit 1`,
    );
    const { recordPublication } = await server.gqlOk<any>(`mutation($i: RecordPublicationInput!) { recordPublication(input: $i) { indexNumber } }`, {
      i: {
        departmentId: dept['PDS-BGS'],
        title: '预览核对',
        categoryId: category,
        channelId: channel,
        publishedOn: '2026-03-05',
        url: `https://preview.test.example/${unique()}`,
      },
    });
    expect(recordPublication.indexNumber).toBe(p.indexNumber);
    const next = await server.gqlOk<any>(PREVIEW, { i: { organizationId: org, template: 'PDS-{YYYY}-{SEQ:6}', reset: 'YEARLY', publishedOn: '2026-03-05' } });
    expect(next.indexNumberPreview.indexNumber).toBe(`PDS-2026-${String(Number(p.indexNumber.slice(-6)) + 1).padStart(6, '0')}`);
    const settings = await server.gqlOk<any>(`query($o: ID!) { indexNumberSettings(organizationId: $o) { nextForToday } }`, { o: org });
    expect(settings.indexNumberSettings.nextForToday).toMatch(/^PDS-\d{4}-\d{6}$/);
  });

  it('skips a number taken already, as recording would', async () => {
    const org = dept['PDS'];
    const { indexNumberPreview: p } = await server.gqlOk<any>(PREVIEW, {
      i: { organizationId: org, template: 'SKIP-{YYYY}-{SEQ:3}', reset: 'YEARLY', publishedOn: '2025-06-01' },
    });
    // Take the previewed number as an imported ledger would (given, not allocated).
    await server.sql(`update publication set index_number = $1 where id = (select min(id) from publication where organization_id = $2)`, [p.indexNumber, org]);
    const { indexNumberPreview: q } = await server.gqlOk<any>(PREVIEW, {
      i: { organizationId: org, template: 'SKIP-{YYYY}-{SEQ:3}', reset: 'YEARLY', publishedOn: '2025-06-01' },
    });
    expect(q.indexNumber).not.toBe(p.indexNumber);
    expect(Number(q.indexNumber.slice(-3))).toBe(Number(p.indexNumber.slice(-3)) + 1);
  });

  it('refuses a template that could repeat a number, or does not parse, with its code', async () => {
    const cases: [string, string][] = [
      ['{orgCode}-{SEQ:4}', 'YEARLY'],
      ['{YYYY}-{SEQ:4}', 'MONTHLY'],
      ['{orgCode}-{FOO}-{SEQ}', 'NEVER'],
      ['{orgCode}-{SEQ}-{SEQ}', 'NEVER'],
    ];
    for (const [template, reset] of cases) {
      const body = await server.gql(PREVIEW, { i: { organizationId: dept['PDS'], template, reset } });
      expect(body.errors?.[0]?.extensions, template).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_INDEX_NUMBER_TEMPLATE' });
      expect(body.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const notOrg = await server.gql(PREVIEW, { i: { organizationId: dept['PDS-BGS'], template: '{orgCode}-{SEQ}', reset: 'NEVER' } });
    expect(notOrg.errors?.[0]?.extensions).toMatchObject({ reason: 'NOT_AN_ORGANIZATION' });
    const head = await server.login('bgs.head', DEMO_PASSWORD);
    const forbidden = await server.gql(PREVIEW, { i: { organizationId: dept['PDS'], template: '{orgCode}-{SEQ}', reset: 'NEVER' } }, { token: head });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('quotas', () => {
  it('pages the definitions, edits one by version and deletes one by version', async () => {
    const SET = `mutation($i: SetQuotaInput!) { setQuota(input: $i) { id version target } }`;
    const created = [];
    for (let year = 2090; year < 2095; year++) {
      created.push(
        (await server.gqlOk<any>(SET, { i: { departmentId: dept['PDS-RS'], periodType: 'MONTH', target: 3, fromYear: year, toYear: year } })).setQuota,
      );
    }
    const PAGE = `query($a: String) { quotas(first: 2, after: $a, filter: { departmentId: "${dept['PDS-RS']}", periodType: MONTH }) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`;
    const ids: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const { quotas }: any = await server.gqlOk<any>(PAGE, { a: after });
      expect(quotas.totalCount).toBe(5);
      ids.push(...quotas.nodes.map((q: any) => q.id));
      after = quotas.pageInfo.hasNextPage ? quotas.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(ids).toEqual(created.map((q) => q.id));

    const { setQuota: edited } = await server.gqlOk<any>(SET, {
      i: { id: created[0].id, version: created[0].version, departmentId: dept['PDS-RS'], periodType: 'MONTH', target: 9, fromYear: 2090, toYear: 2090 },
    });
    expect(edited).toMatchObject({ id: created[0].id, target: 9, version: created[0].version + 1 });
    const overlap = await server.gql(SET, {
      i: { id: created[1].id, version: created[1].version, departmentId: dept['PDS-RS'], periodType: 'MONTH', target: 9, fromYear: 2090, toYear: 2091 },
    });
    expect(overlap.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'QUOTA_OVERLAP' });

    const DELETE = `mutation($id: ID!, $v: Int) { deleteQuota(id: $id, version: $v) }`;
    const stale = await server.gql(DELETE, { id: created[0].id, v: created[0].version });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'STALE_VERSION' });
    expect(await server.gqlOk<any>(DELETE, { id: created[0].id, v: edited.version })).toEqual({ deleteQuota: created[0].id });
  });
});

describe('deadline rules', () => {
  it('are edited through setDeadlineRule: a new figure moves the open deadlines under it', async () => {
    const { deadlineRules } = await server.gqlOk<any>(`{ deadlineRules { code days } }`);
    expect(deadlineRules.find((r: any) => r.code === 'MESSAGE_REPLY')).toMatchObject({ days: 5 });
    const { registerDuty } = await server.gqlOk<any>(
      `mutation($d: ID!) { registerDuty(input: { kind: MESSAGE, departmentId: $d, title: "规则测试留言", eventOn: "2026-11-02" }) { id deadline { dueDate } } }`,
      {
        d: dept['PDS-BGS'],
      },
    );
    const SET = `mutation($i: SetDeadlineRuleInput!) { setDeadlineRule(input: $i) { code days } }`;
    await server.gqlOk(SET, { i: { code: 'MESSAGE_REPLY', days: 10 } });
    const { duties } = await server.gqlOk<any>(`{ duties(first: 100) { nodes { id deadline { dueDate } } } }`);
    const after = duties.nodes.find((d: any) => d.id === registerDuty.id);
    expect(after.deadline.dueDate > registerDuty.deadline.dueDate).toBe(true);
    const bad = await server.gql(SET, { i: { code: 'MESSAGE_REPLY', days: -1 } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
