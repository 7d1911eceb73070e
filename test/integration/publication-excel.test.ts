/**
 * Excel and CSV over HTTP: the import template, ledger import (all-or-nothing, errors by row and
 * column, re-import adds nothing), ledger export and the round trip, the quota-board export,
 * and the same tokens and access rules as the API.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_SCREEN_TOKEN } from '../helpers/constants.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let liaison: string;
const HEADERS = ['序号', '信息标题', '发布单位', '目录分类', '发布渠道', '发布日期', '网址链接', '索引号', '内容概述', '解读形式'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  server = await startTestServer();
  liaison = await server.login('bgs.liaison', DEMO_PASSWORD);
});
afterAll(() => server?.close());

async function http(path: string, init: RequestInit & { token?: string | null } = {}) {
  const token = init.token === undefined ? server.adminToken : init.token;
  return fetch(`${server.url}${path}`, {
    ...init,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string>) },
  });
}

/** The JSON body of a response (reports and errors are loosely typed here). */
const json = async (res: Response | Promise<Response>): Promise<any> => (await res).json();

async function xlsxOf(rows: unknown[][], headers = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A cell's value as the tests compare it: dates as YYYY-MM-DD, rich text and formulas by their text. */
function cellText(v: any): string {
  if (v == null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') return String(v.text ?? v.result ?? '');
  return String(v);
}

async function readSheet(buffer: ArrayBuffer, name?: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as never);
  const ws = name ? wb.getWorksheet(name)! : wb.worksheets[0]!;
  const out: string[][] = [];
  ws.eachRow((row) => {
    const values: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const v = row.getCell(c).value as any;
      values.push(cellText(v));
    }
    out.push(values);
  });
  return out;
}

const importFile = (body: Buffer, options: { token?: string | null; query?: string; type?: string } = {}) =>
  http(`/api/publications/import${options.query ?? ''}`, {
    method: 'POST',
    body: new Uint8Array(body),
    token: options.token,
    headers: { 'content-type': options.type ?? XLSX },
  });

const marker = () => `导入${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const row = (m: string, i: number, over: Partial<Record<number, unknown>> = {}) => {
  const r: unknown[] = [
    i + 1,
    `${m} 第${i}条`,
    '局办公室',
    '工作动态',
    '门户网站·政务公开',
    '2026-10-1' + (i % 10),
    `https://import.test.example/${m}/${i}.html`,
    '',
    '',
    '',
  ];
  for (const [k, v] of Object.entries(over)) r[Number(k)] = v;
  return r;
};

async function counts() {
  const [r] = await server.sql(
    `select (select count(*) from publication)::int as p, (select coalesce(sum(count), 0) from publication_count)::int as c, (select coalesce(sum(value), 0) from index_sequence)::int as s`,
  );
  return r;
}

describe('import template', () => {
  it('is the ledger layout, with instructions and the values the office may use', async () => {
    const res = await http('/api/publications/import-template.xlsx', { token: liaison });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(XLSX);
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const buffer = await res.arrayBuffer();
    expect((await readSheet(buffer))[0]).toEqual(HEADERS);
    const values = await readSheet(buffer, '可选值');
    expect(values.map((r) => r[0])).toContain('政策解读');
    expect(values.map((r) => r[1])).toContain('门户网站·政务公开');
    expect((await readSheet(buffer, '填写说明')).length).toBeGreaterThan(10);
  });
});

describe('import', () => {
  it('records every row, numbers and counts them, and adds nothing when the same file comes again', async () => {
    const m = marker();
    const file = await xlsxOf([
      row(m, 0),
      row(m, 1, { 3: '政策解读', 9: '视频' }),
      row(m, 2, { 2: 'PDS-ZCFG', 5: new Date(Date.UTC(2026, 9, 20)) }),
      [],
      row(m, 3, { 7: '11410400MB1D00001X/202610-99001', 8: '概述文字' }),
    ]);
    const before = await counts();
    const res = await importFile(file);
    const report = await json(res);
    expect(res.status, JSON.stringify(report)).toBe(200);
    expect(report).toMatchObject({ ok: true, rows: 4, created: 4, skipped: [], errors: [] });
    expect(report.publications.map((p: any) => p.row)).toEqual([2, 3, 4, 6]);
    expect(report.publications[3].indexNumber).toBe('11410400MB1D00001X/202610-99001');
    expect(report.publications[0].indexNumber).toMatch(/^11410400MB1D00001X\/202610-\d{5}$/);
    const after = await counts();
    expect(after.p).toBe(before.p + 4);
    expect(after.c).toBeGreaterThan(before.c);
    const [{ n }] = await server.sql(
      `select count(*)::int as n from publication p join department d on d.id = p.department_id where p.title like $1 and d.code = 'PDS-ZCFG' and p.published_on = '2026-10-20'`,
      [`${m}%`],
    );
    expect(n).toBe(1);
    const [{ a }] = await server.sql(`select count(*)::int as a from audit_entry where operation = 'importPublications' and target_type = 'Publication'`);
    expect(a).toBeGreaterThanOrEqual(4);

    const again = await json(importFile(file));
    expect(again).toMatchObject({ ok: true, created: 0, errors: [] });
    expect(again.skipped.map((s: any) => [s.row, s.reason])).toEqual([
      [2, 'DUPLICATE_URL'],
      [3, 'DUPLICATE_URL'],
      [4, 'DUPLICATE_URL'],
      [6, 'DUPLICATE_URL'],
    ]);
    expect(await counts()).toEqual(after);
  });

  it('checks every row first and writes nothing when one is wrong, naming row and column in Chinese', async () => {
    const m = marker();
    const file = await xlsxOf([
      row(m, 0),
      row(m, 1, { 5: '2099-01-01' }),
      row(m, 2, { 3: '不存在的分类' }),
      row(m, 3, { 2: '不存在的单位' }),
      row(m, 4, { 6: 'www.example.com/no-scheme' }),
      row(m, 5, { 3: '政策解读' }),
      row(m, 6, { 5: '2026-02-30' }),
      row(m, 7, { 4: '不存在的渠道', 9: '快板' }),
      row(m, 8, { 1: '' }),
    ]);
    const before = await counts();
    const res = await importFile(file);
    expect(res.status).toBe(422);
    const report = await json(res);
    expect(report.ok).toBe(false);
    expect(report.created).toBe(0);
    const found = report.errors.map((e: any) => [e.row, e.column, e.reason]);
    expect(found).toEqual(
      expect.arrayContaining([
        [3, '发布日期', 'PUBLISHED_IN_FUTURE'],
        [4, '目录分类', 'CATEGORY_NOT_FOUND'],
        [5, '发布单位', 'DEPARTMENT_NOT_FOUND'],
        [6, '网址链接', 'VALIDATION_FAILED'],
        [7, '解读形式', 'INTERPRETATION_FORM_REQUIRED'],
        [8, '发布日期', 'INVALID_DATE'],
        [9, '发布渠道', 'CHANNEL_NOT_FOUND'],
        [9, '解读形式', 'INVALID_INTERPRETATION_FORM'],
        [10, '信息标题', 'VALIDATION_FAILED'],
      ]),
    );
    expect(report.errors.every((e: any) => /[\u4e00-\u9fff]/.test(e.message))).toBe(true);
    expect(report.errors.some((e: any) => e.row === 2)).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it('keeps a 索引号 given in the file, and the sequence steps over it', async () => {
    const m = marker();
    const [{ org, office, category, channel, d }] = await server.sql(
      `select (select id::text from department where code = 'PDS') as org, (select id::text from department where code = 'PDS-BGS') as office,
              (select id::text from category where name = '工作动态') as category,
              (select c.id::text from channel c join department o on o.id = c.department_id where o.code = 'PDS' order by c.id limit 1) as channel,
              (now() at time zone 'Asia/Shanghai')::date::text as d`,
    );
    const nextNumber = async () =>
      (await server.gqlOk<any>(`query($o: ID!) { indexNumberSettings(organizationId: $o) { nextForToday } }`, { o: org })).indexNumberSettings
        .nextForToday as string;
    const record = async (n: number) =>
      (
        await server.gqlOk<any>(`mutation($i: RecordPublicationInput!) { recordPublication(input: $i) { indexNumber } }`, {
          i: {
            departmentId: office,
            title: `${m} 登记${n}`,
            categoryId: category,
            channelId: channel,
            publishedOn: d,
            url: `https://import.test.example/${m}/r${n}`,
          },
        })
      ).recordPublication.indexNumber as string;

    // The file takes the number the sequence would give next: the next recording steps over it.
    const first = await nextNumber();
    expect((await json(importFile(await xlsxOf([row(m, 0, { 5: d, 7: first })])))).publications[0].indexNumber).toBe(first);
    expect(await record(1)).not.toBe(first);

    // Within one file too: a row without a number never gets one another row brings.
    const second = await nextNumber();
    const report = await json(importFile(await xlsxOf([row(m, 1, { 5: d, 7: second }), row(m, 2, { 5: d })])));
    expect(report.publications.map((p: any) => p.indexNumber)[0]).toBe(second);
    expect(report.publications[1].indexNumber).not.toBe(second);
  });

  it('validates only with dryRun', async () => {
    const m = marker();
    const before = await counts();
    const report = await json(importFile(await xlsxOf([row(m, 0)]), { query: '?dryRun=true' }));
    expect(report).toMatchObject({ ok: true, dryRun: true, created: 0, rows: 1 });
    expect(await counts()).toEqual(before);
  });

  it('reads CSV in UTF-8 with BOM, with quoted fields, uploaded as multipart; headers in any order', async () => {
    const m = marker();
    const csv =
      '\uFEFF链接,标题,日期,分类,渠道,单位\r\n' +
      `https://import.test.example/${m}/a.html,"${m}，关于""扬尘""整治的通知",2026/10/9,工作动态,门户网站·政务公开,局办公室\r\n` +
      `https://import.test.example/${m}/b.html,${m} 第二条,2026年10月12日,政策解读,门户网站·政务公开,局办公室\r\n`;
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), '台账.csv');
    const bad = await json(http('/api/publications/import', { method: 'POST', body: form }));
    // The second row is a 政策解读 and the file has no form column.
    expect(bad.errors).toEqual([expect.objectContaining({ row: 3, column: '解读形式', reason: 'INTERPRETATION_FORM_REQUIRED' })]);

    const good = new FormData();
    good.append('file', new Blob([csv.replace(',政策解读,', ',工作动态,')], { type: 'text/csv' }), '台账.csv');
    const report = await json(http('/api/publications/import', { method: 'POST', body: good }));
    expect(report).toMatchObject({ ok: true, created: 2 });
    const [p] = await server.sql(`select title, published_on::text as d from publication where url = $1`, [`https://import.test.example/${m}/a.html`]);
    expect(p).toEqual({ title: `${m}，关于"扬尘"整治的通知`, d: '2026-10-09' });
  });

  it('lets a liaison import for their own department only (a blank department is theirs)', async () => {
    const m = marker();
    const own = await json(importFile(await xlsxOf([row(m, 0, { 2: '' })]), { token: liaison }));
    expect(own).toMatchObject({ ok: true, created: 1 });
    const other = await json(importFile(await xlsxOf([row(m, 1, { 2: '局政策法规科' })]), { token: liaison }));
    expect(other.errors).toEqual([expect.objectContaining({ row: 2, column: '发布单位', reason: 'OUT_OF_SCOPE' })]);
  });

  it('refuses what is not a ledger', async () => {
    const noHeader = await json(importFile(await xlsxOf([['a', 'b']], ['甲', '乙'])));
    expect(noHeader.errors[0]).toMatchObject({ row: 1, reason: 'HEADER_NOT_FOUND' });
    const missing = await json(importFile(await xlsxOf([['x']], ['信息标题', '发布单位', '目录分类'])));
    expect(missing.errors[0].message).toContain('发布渠道');
    const broken = await importFile(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('not a zip')]));
    expect(broken.status).toBe(400);
    expect((await json(broken)).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_FILE' });
    const empty = await importFile(Buffer.alloc(0));
    expect((await json(empty)).errors[0].extensions.reason).toBe('FILE_REQUIRED');
    const huge = await importFile(Buffer.alloc(11 * 1024 * 1024, 0x61), { type: 'text/csv' });
    expect(huge.status).toBe(413);
  });
});

describe('export', () => {
  it('round-trips: the exported ledger imports back to the same records', async () => {
    const m = marker();
    await importFile(await xlsxOf([row(m, 0), row(m, 1, { 3: '政策解读', 9: '图表', 8: '图解内容' }), row(m, 2)]));
    const res = await http(`/api/publications/export.xlsx?search=${encodeURIComponent(m)}&from=2026-10-01`);
    expect(res.status).toBe(200);
    const buffer = Buffer.from(await res.arrayBuffer());
    const sheet = await readSheet(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));
    expect(sheet[0]).toEqual([...HEADERS, '对应工作要点']);
    expect(sheet.slice(1).map((r) => r[1])).toEqual([`${m} 第0条`, `${m} 第1条`, `${m} 第2条`]);
    const before = await server.sql(
      `select title, department_id, category_id, channel_id, published_on::text, url, index_number, summary, interpretation_form from publication where title like $1 order by id`,
      [`${m}%`],
    );
    const countsBefore = await counts();

    // Re-importing the export adds nothing…
    expect(await json(importFile(buffer))).toMatchObject({ ok: true, created: 0 });
    // … and after deleting the records it brings them back as they were, 索引号 included.
    const ids = await server.sql(`select id, version from publication where title like $1`, [`${m}%`]);
    for (const p of ids) await server.gqlOk(`mutation($id: ID!, $v: Int!) { deletePublication(id: $id, version: $v) }`, { id: String(p.id), v: p.version });
    expect(await json(importFile(buffer))).toMatchObject({ ok: true, created: 3 });
    const after = await server.sql(
      `select title, department_id, category_id, channel_id, published_on::text, url, index_number, summary, interpretation_form from publication where title like $1 order by id`,
      [`${m}%`],
    );
    expect(after).toEqual(before);
    const countsAfter = await counts();
    expect(countsAfter.c).toBe(countsBefore.c);
  });

  it('exports CSV with a BOM, and refuses a bad date filter', async () => {
    const res = await http(
      `/api/publications/export.csv?from=2026-10-01&to=2026-10-31&departmentId=${(await server.sql(`select id from department where code = 'PDS-BGS'`))[0].id}`,
      { token: liaison },
    );
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8', 3).startsWith('序号,信息标题,发布单位')).toBe(true);
    const bad = await http('/api/publications/export.xlsx?from=2026-13-01');
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors[0].extensions).toMatchObject({ reason: 'INVALID_DATE', field: 'from' });
  });

  it('exports the quota board of a period', async () => {
    const res = await http('/api/quota-board/export.xlsx?period=2026-Q4&asOf=2026-11-20', { token: DEMO_SCREEN_TOKEN });
    expect(res.status).toBe(200);
    const sheet = await readSheet(await res.arrayBuffer());
    expect(sheet[0]![0]).toContain('2026年第四季度');
    expect(sheet[1]!.slice(0, 7)).toEqual(['单位', '目录分类', '指标', '已发布', '按进度应发布', '完成率', '状态']);
    expect(sheet.some((r) => r[0]?.trim() === '局办公室' && r[2] === '50')).toBe(true);
    const bad = await http('/api/quota-board/export.xlsx?period=2026-Q5');
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors[0].extensions.reason).toBe('INVALID_PERIOD');
  });
});

describe('authorization', () => {
  it('needs a token, and applies the access rule of the matching operation', async () => {
    const anonymous = await http('/api/publications/export.xlsx', { token: null });
    expect(anonymous.status).toBe(401);
    expect((await json(anonymous)).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const forged = await http('/api/publications/export.xlsx', { token: 'forged' });
    expect(forged.status).toBe(401);
    const screenImport = await importFile(await xlsxOf([row(marker(), 0)]), { token: DEMO_SCREEN_TOKEN });
    expect(screenImport.status).toBe(403);
    expect((await json(screenImport)).errors[0].extensions.reason).toBe('ROLE_FORBIDDEN');
    const screenTemplate = await http('/api/publications/import-template.xlsx', { token: DEMO_SCREEN_TOKEN });
    expect(screenTemplate.status).toBe(403);
    const screenExport = await http('/api/publications/export.xlsx', { token: DEMO_SCREEN_TOKEN });
    expect(screenExport.status).toBe(200);
  });

  it('exports only the caller’s departments', async () => {
    const res = await http('/api/publications/export.xlsx?from=2026-01-01', { token: liaison });
    const sheet = await readSheet(await res.arrayBuffer());
    expect(sheet.length).toBeGreaterThan(1);
    expect(new Set(sheet.slice(1).map((r) => r[2]))).toEqual(new Set(['局办公室']));
  });
});
