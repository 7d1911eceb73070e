/**
 * The same page counts once (issue 12): addresses are compared in canonical form — scheme and host
 * case, http/https, default port, trailing slash, fragment and tracking parameters do not make a new
 * page — through the API, the ledger import (skipped rows listed with their row number) and the
 * migration that met existing duplicates (marked, never deleted). Also: the import's yes/no flags.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let office: string;
let categoryId: string;
let channelId: string;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

beforeAll(async () => {
  server = await startTestServer();
  const data = await server.gqlOk<any>(`{ departments { id code } categories { id name } }`);
  office = data.departments.find((d: any) => d.code === 'PDS-BGS').id;
  categoryId = data.categories.find((c: any) => c.name === '工作动态').id;
  const channels = await server.gqlOk<any>(`query($id: ID!) { channels(filter: { usableById: $id }) { id kind } }`, { id: office });
  channelId = channels.channels.find((c: any) => c.kind === 'PORTAL_COLUMN').id;
});
afterAll(() => server?.close());

const RECORD = `mutation($i: RecordPublicationInput!) { recordPublication(input: $i) { id url canonicalUrl version } }`;
const record = (url: string, title = `链接测试 ${url}`) =>
  server.gql<any>(RECORD, { i: { departmentId: office, title, categoryId, channelId, publishedOn: today, url } });
const published = async () => (await server.sql(`select count(*)::int as n from publication`))[0].n as number;
const counted = async () => (await server.sql(`select coalesce(sum(count), 0)::int as n from publication_count`))[0].n as number;

describe('the same page in disguise', () => {
  it('is refused as a duplicate whatever the spelling, and counts once', async () => {
    const first = await record('https://probe.example.gov.cn/dup1');
    expect(first.errors).toBeUndefined();
    expect(first.data.recordPublication.canonicalUrl).toBe('https://probe.example.gov.cn/dup1');
    const [p0, c0] = [await published(), await counted()];
    for (const disguise of [
      'HTTPS://PROBE.EXAMPLE.GOV.CN/dup1',
      'https://probe.example.gov.cn:443/dup1',
      'https://probe.example.gov.cn/dup1/',
      'https://probe.example.gov.cn/dup1#frag',
      'http://probe.example.gov.cn/dup1',
      'https://probe.example.gov.cn/dup1?utm_source=weixin&from=timeline',
    ]) {
      const res = await record(disguise, `另一个标题 ${disguise}`);
      expect(res.errors?.[0]?.extensions, disguise).toMatchObject({
        code: 'CONFLICT',
        reason: 'DUPLICATE_PUBLICATION_URL',
        field: 'url',
        existingId: first.data.recordPublication.id,
        existingUrl: 'https://probe.example.gov.cn/dup1',
      });
    }
    expect([await published(), await counted()]).toEqual([p0, c0]);
    // Another page of the same site is not a duplicate: the path's case and other parameters count.
    expect((await record('https://probe.example.gov.cn/DUP1')).errors).toBeUndefined();
    expect((await record('https://probe.example.gov.cn/dup1?id=2')).errors).toBeUndefined();
  });

  it('keeps the address as entered for display; a correction to another spelling of the same page is allowed, to another recorded page refused', async () => {
    const a = (await record('https://probe.example.gov.cn/keep/a.html')).data.recordPublication;
    const b = (await record('https://probe.example.gov.cn/keep/b.html')).data.recordPublication;
    const UPDATE = `mutation($i: UpdatePublicationInput!) { updatePublication(input: $i) { url canonicalUrl version } }`;
    const same = await server.gqlOk<any>(UPDATE, { i: { id: a.id, version: a.version, url: 'HTTP://Probe.Example.gov.cn/keep/a.html#top' } });
    expect(same.updatePublication).toMatchObject({
      url: 'HTTP://Probe.Example.gov.cn/keep/a.html#top',
      canonicalUrl: 'https://probe.example.gov.cn/keep/a.html',
    });
    const clash = await server.gql<any>(UPDATE, { i: { id: b.id, version: b.version, url: 'https://PROBE.example.gov.cn/keep/a.html/' } });
    expect(clash.errors?.[0]?.extensions).toMatchObject({ reason: 'DUPLICATE_PUBLICATION_URL', existingId: a.id });
  });

  it('the ledger import skips a disguised duplicate — of the ledger or of an earlier row — and lists it with its row number', async () => {
    const csv = [
      '信息标题,发布单位,目录分类,发布渠道,发布日期,网址链接',
      `导入甲,PDS-BGS,工作动态,门户网站·政务公开,${today},https://import.example.gov.cn/x1`,
      `导入乙（同一页面，另一个标题）,PDS-BGS,工作动态,门户网站·政务公开,${today},HTTPS://IMPORT.example.gov.cn:443/x1/#a`,
      `导入丙（台账已有）,PDS-BGS,工作动态,门户网站·政务公开,${today},http://probe.example.gov.cn/dup1?spm=1.2`,
      `导入丁,PDS-BGS,工作动态,门户网站·政务公开,${today},https://import.example.gov.cn/x2`,
    ].join('\n');
    const before = await published();
    const res = await fetch(`${server.url}/api/publications/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const report: any = await res.json();
    expect(res.status, JSON.stringify(report)).toBe(200);
    expect(report.created).toBe(2);
    expect(report.skipped.map((s: any) => [s.row, s.reason])).toEqual([
      [3, 'DUPLICATE_URL'],
      [4, 'DUPLICATE_URL'],
    ]);
    expect(report.skipped[0].message).toContain('第 2 行');
    expect(report.skipped[1].existingId).not.toBeNull();
    expect(await published()).toBe(before + 2);
  });
});

describe('yes/no flags of the HTTP routes', () => {
  const csvOf = (url: string) => `信息标题,发布单位,目录分类,发布渠道,发布日期,网址链接\n标志测试,PDS-BGS,工作动态,门户网站·政务公开,${today},${url}`;
  const upload = (query: string, url: string) =>
    fetch(`${server.url}/api/publications/import${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'text/csv' },
      body: csvOf(url),
    });

  it('dryRun=1, yes, TRUE, on are a dry run: nothing is written', async () => {
    const before = await published();
    for (const [i, q] of ['?dryRun=1', '?dryRun=yes', '?dryRun=TRUE', '?dryRun=on', '?dryRun=true'].entries()) {
      const res = await upload(q, `https://flags.example.gov.cn/dry-${i}`);
      const report: any = await res.json();
      expect(res.status, q).toBe(200);
      expect(report, q).toMatchObject({ ok: true, dryRun: true, created: 0, creatable: 1 });
    }
    expect(await published()).toBe(before);
  });

  it('an unreadable or repeated flag is refused, never read as "import for real"', async () => {
    const before = await published();
    for (const q of ['?dryRun=maybe', '?dryRun=1&dryRun=0', '?dryRun=tru']) {
      const res = await upload(q, 'https://flags.example.gov.cn/refused');
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as any).errors[0].extensions, q).toMatchObject({ reason: 'INVALID_FLAG', field: 'dryRun' });
    }
    expect(await published()).toBe(before);
    const real = await upload('?dryRun=0', 'https://flags.example.gov.cn/real');
    expect(((await real.json()) as any).dryRun).toBe(false);
    expect(await published()).toBe(before + 1);
  });
});

describe('the migration that introduced canonical addresses', () => {
  it('computes them for existing rows and marks (never deletes) the duplicates it finds', async () => {
    const orm = server.orm as MikroORM;
    const migrator = orm.migrator;
    const executed = (await migrator.getExecuted()).map((m) => m.name);
    const target = executed.find((n) => n.endsWith('_publication_canonical_url'))!;
    const previous = executed[executed.indexOf(target) - 1]!;
    await migrator.down({ to: previous });
    // The old schema: unique on the address as written — disguises got in.
    const [org] = await server.sql(`select organization_id, department_id, category_id, channel_id from publication order by id limit 1`);
    const insert = (url: string, n: string) =>
      server.sql(
        `insert into publication (organization_id, department_id, title, category_id, channel_id, published_on, url, index_number, version, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, 1, now(), now()) returning id`,
        [org.organization_id, org.department_id, `迁移测试${n}`, org.category_id, org.channel_id, today, url, `MIGRATION-TEST-${n}`],
      );
    const [a] = await insert('https://legacy.example.gov.cn/p/1', 'A');
    const [b] = await insert('HTTP://LEGACY.example.gov.cn/p/1/', 'B');
    const [c] = await insert('https://legacy.example.gov.cn/p/1#x', 'C');
    const [d] = await insert('https://legacy.example.gov.cn/p/2', 'D');
    const before = await published();
    await migrator.up();
    expect(await published()).toBe(before);
    const rows = await server.sql(`select id, canonical_url, duplicate_of_id from publication where id = any($1) order by id`, [[a.id, b.id, c.id, d.id]]);
    expect(rows).toEqual([
      { id: a.id, canonical_url: 'https://legacy.example.gov.cn/p/1', duplicate_of_id: null },
      { id: b.id, canonical_url: 'https://legacy.example.gov.cn/p/1', duplicate_of_id: a.id },
      { id: c.id, canonical_url: 'https://legacy.example.gov.cn/p/1', duplicate_of_id: a.id },
      { id: d.id, canonical_url: 'https://legacy.example.gov.cn/p/2', duplicate_of_id: null },
    ]);
    expect((await server.sql(`select count(*)::int as n from publication where canonical_url is null`))[0].n).toBe(0);
    const listed = await server.gqlOk<any>(`{ publications(first: 10, filter: { duplicatesOnly: true }) { nodes { id duplicateOfId } } }`);
    expect(listed.publications.nodes.map((n: any) => [n.id, n.duplicateOfId]).sort()).toEqual(
      [
        [String(b.id), String(a.id)],
        [String(c.id), String(a.id)],
      ].sort(),
    );
    // From now on the rule holds again.
    expect((await record('https://legacy.example.gov.cn/p/1?utm_medium=x')).errors?.[0]?.extensions?.reason).toBe('DUPLICATE_PUBLICATION_URL');
  });
});
