/**
 * One table, four inputs: an .xlsx and a .docx generated here with merged cells, the same table as HTML and as
 * tab-separated text copied out of a browser (merged cells left out of the rows below them). All four yield the
 * same points. Then header variants and the refusals.
 */
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../../errors.js';
import {
  IMPORT_LIMITS,
  importPlanDocument,
  interpretPlanBlocks,
  planInputFromFile,
  readPlanDocx,
  readPlanHtml,
  readPlanText,
  readPlanXlsx,
  type PlanImportResult,
} from './index.js';

interface SpecCell {
  text: string;
  rowSpan?: number;
  colSpan?: number;
}

/** The table as a person would draw it: a title row, a header, section rows across the width, merged 工作任务 and 时限 cells. */
const TABLE: SpecCell[][] = [
  [{ text: '2024年政务公开重点任务清单', colSpan: 6 }],
  [{ text: '序号' }, { text: '工作任务' }, { text: '具体要求' }, { text: '牵头单位' }, { text: '责任单位' }, { text: '完成时限' }],
  [{ text: '一、主动公开', colSpan: 6 }],
  [
    { text: '1' },
    { text: '推进政策文件公开', rowSpan: 2 },
    { text: '集中公开行政规范性文件。⑴全面清理现行有效文件；⑵向社会公布目录。' },
    { text: '办公室' },
    { text: '各科室' },
    { text: '6月底前' },
  ],
  [{ text: '2' }, { text: '做好政策解读，丰富解读形式。' }, { text: '政策法规科' }, { text: '局属各单位' }, { text: '持续推进', rowSpan: 2 }],
  [{ text: '3' }, { text: '政务新媒体' }, { text: '及时更新政务新媒体信息。' }, { text: '办公室' }, { text: '信息中心、各科室' }],
  [{ text: '二、依申请公开', colSpan: 6 }],
  [
    { text: '4' },
    { text: '规范依申请公开' },
    { text: '依法依规办理政府信息公开申请。' },
    { text: '办公室（牵头）' },
    { text: '法规科、审批科' },
    { text: '每季度' },
  ],
  [
    { text: '5' },
    { text: '年度报告' },
    { text: '编制发布政府信息公开工作年度报告。' },
    { text: '' },
    { text: '办公室牵头，机关各科室配合' },
    { text: '2025年1月31日前' },
  ],
];

function html(): string {
  const td = (c: SpecCell) => `<td${c.rowSpan ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan ? ` colspan="${c.colSpan}"` : ''}>${c.text}</td>`;
  return `<div class="article"><table border="1"><tbody>${TABLE.map((row) => `<tr>${row.map(td).join('')}</tr>`).join('\n')}</tbody></table></div>`;
}

/** As a browser copies it: cells separated by tabs, cells covered by a span above left out, a spanning row one cell. */
function tabText(): string {
  return TABLE.map((row) => row.map((c) => c.text).join('\t')).join('\n');
}

async function docx(): Promise<Buffer> {
  const rows = TABLE.map(
    (row) =>
      new TableRow({
        children: row.map((c) => new TableCell({ children: [new Paragraph(c.text)], rowSpan: c.rowSpan, columnSpan: c.colSpan })),
      }),
  );
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('关于印发任务清单的通知'), new Table({ rows })] }] }));
}

async function xlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('任务清单');
  const taken = new Set<string>();
  TABLE.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (taken.has(`${r}:${c}`)) c++;
      sheet.getCell(r + 1, c + 1).value = cell.text;
      const rowSpan = cell.rowSpan ?? 1;
      const colSpan = cell.colSpan ?? 1;
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) taken.add(`${r + dr}:${c + dc}`);
      if (rowSpan > 1 || colSpan > 1) sheet.mergeCells(r + 1, c + 1, r + rowSpan, c + colSpan);
      c += colSpan;
    }
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** What must be equal across the four inputs (sources differ: 表1 第4行, 第4行, 工作表“任务清单” 第4行). */
function comparable(result: PlanImportResult) {
  return {
    title: result.title,
    year: result.year,
    layout: result.layout,
    unitNames: result.unitNames,
    fingerprint: result.fingerprint,
    points: result.points.map(({ source: _source, ...point }) => point),
  };
}

describe('the same table as .xlsx, .docx, HTML and tab-separated text', () => {
  it('yields the same points from all four', async () => {
    const fromHtml = await importPlanDocument({ kind: 'html', html: html() });
    const fromText = await importPlanDocument({ kind: 'text', text: tabText() });
    const fromDocx = await importPlanDocument(planInputFromFile(await docx(), '任务清单.docx'));
    const fromXlsx = await importPlanDocument(planInputFromFile(await xlsx(), '任务清单.xlsx'));
    expect(comparable(fromText)).toEqual(comparable(fromHtml));
    expect(comparable(fromDocx)).toEqual(comparable(fromHtml));
    expect(comparable(fromXlsx)).toEqual(comparable(fromHtml));
  });

  it('reads the table as drawn: sections, merged task, scopes, 牵头/配合, time limits, duty items', async () => {
    const result = await importPlanDocument({ kind: 'html', html: html() });
    expect(result).toMatchObject({ title: '2024年政务公开重点任务清单', year: 2024, layout: 'TABLE', warnings: [] });
    expect(result.points.map((p) => [p.number, p.section, p.title])).toEqual([
      ['1', '主动公开', '推进政策文件公开'],
      ['2', '主动公开', '推进政策文件公开'],
      ['3', '主动公开', '政务新媒体'],
      ['4', '依申请公开', '规范依申请公开'],
      ['5', '依申请公开', '年度报告'],
    ]);
    const [one, two, three, four, five] = result.points;
    expect(one).toMatchObject({
      leads: { departments: ['办公室'], scopes: [] },
      responsible: { departments: [], scopes: ['OFFICES'] },
      timeLimit: '6月底前',
      dueDate: '2024-06-30',
      ongoing: false,
      dutyItems: ['全面清理现行有效文件', '向社会公布目录'],
      source: '表1 第4行',
    });
    expect(two).toMatchObject({
      leads: { departments: ['政策法规科'], scopes: [] },
      responsible: { departments: [], scopes: ['SUBORDINATE_UNITS'] },
      ongoing: true,
      dueDate: null,
    });
    // 持续推进 spans rows 2 and 3: each point has it.
    expect(three).toMatchObject({
      leads: { departments: ['办公室'], scopes: [] },
      responsible: { departments: ['信息中心'], scopes: ['OFFICES'] },
      timeLimit: '持续推进',
      ongoing: true,
    });
    expect(four).toMatchObject({
      leads: { departments: ['办公室'], scopes: [] },
      responsible: { departments: ['法规科', '审批科'], scopes: [] },
      recurrence: 'QUARTERLY',
      dueDate: '2024-03-31',
    });
    // One column holding both: "办公室牵头，机关各科室配合" in the 责任单位 column, the 牵头单位 cell empty.
    expect(five).toMatchObject({
      leads: { departments: ['办公室'], scopes: [] },
      responsible: { departments: [], scopes: ['OFFICES'] },
      dueDate: '2025-01-31',
    });
    expect(result.unitNames).toEqual(['办公室', '政策法规科', '信息中心', '法规科', '审批科']);
  });

  it('the same table as markdown and as one cell per line reads the same too', async () => {
    const reference = comparable(await importPlanDocument({ kind: 'html', html: html() }));
    const markdown = [
      '2024年政务公开重点任务清单',
      '| 序号 | 工作任务 | 具体要求 | 牵头单位 | 责任单位 | 完成时限 |',
      '| --- | --- | --- | --- | --- | --- |',
      ...TABLE.slice(2).map((row) => `| ${row.map((c) => c.text).join(' | ')} |`),
    ].join('\n');
    expect(comparable(await importPlanDocument({ kind: 'text', text: markdown }))).toEqual(reference);
  });
});

describe('headers', () => {
  it('finds the header by its words in any order, with spaces and notes in the labels', async () => {
    const text = ['完成 时限\t责 任 单 位（部门）\t工作内容\t序  号', '年底前\t办公室\t公开年度报告。\t1', '每月\t各科室\t更新政务动态。\t2'].join('\n');
    const result = interpretPlanBlocks(readPlanText(text), { year: 2024 });
    expect(result.points.map((p) => [p.number, p.title, p.dueDate, p.recurrence])).toEqual([
      ['1', '公开年度报告', '2024-12-31', null],
      ['2', '更新政务动态', '2024-01-31', 'MONTHLY'],
    ]);
  });

  it('reads a two-level header (责任分工 over 牵头单位 | 配合单位)', async () => {
    const page = `<table>
      <tr><th rowspan="2">序号</th><th rowspan="2">重点任务</th><th rowspan="2">工作措施</th><th colspan="2">责任分工</th><th rowspan="2">时间节点</th></tr>
      <tr><th>牵头单位</th><th>配合单位</th></tr>
      <tr><td>1</td><td>政策解读</td><td>对出台的政策文件同步解读。<br>解读材料与文件同步发布。</td><td>办公室</td><td>各业务科室</td><td>长期坚持</td></tr>
    </table>`;
    const result = interpretPlanBlocks(readPlanHtml(page));
    expect(result.points).toHaveLength(1);
    expect(result.points[0]).toMatchObject({
      number: '1',
      title: '政策解读',
      duties: '对出台的政策文件同步解读。\n解读材料与文件同步发布。',
      leads: { departments: ['办公室'], scopes: [] },
      responsible: { departments: [], scopes: ['OFFICES'] },
      ongoing: true,
    });
  });

  it('a 工作任务 spanning several requirement rows with one assignment is one point with duty items', async () => {
    const page = `<table>
      <tr><td>工作任务</td><td>具体要求</td><td>责任科室</td><td>完成时限</td></tr>
      <tr><td rowspan="3">政府信息公开年报</td><td>编制年度报告。</td><td rowspan="3">办公室</td><td rowspan="3">1月31日前</td></tr>
      <tr><td>在网站发布。</td></tr>
      <tr><td>报送上级。</td></tr>
    </table>`;
    const result = interpretPlanBlocks(readPlanHtml(page), { year: 2025 });
    expect(result.points).toHaveLength(1);
    expect(result.points[0]).toMatchObject({
      number: '1',
      title: '政府信息公开年报',
      dutyItems: ['编制年度报告', '在网站发布', '报送上级'],
      dueDate: '2025-01-31',
      source: '表1 第2–4行',
    });
  });

  it('records 责任领导 as persons, not units', async () => {
    const text = ['序号\t工作任务\t责任领导\t责任科室\t完成时限', '1\t政策解读\t张三、李四\t办公室\t年底前'].join('\n');
    const [point] = interpretPlanBlocks(readPlanText(text), { year: 2024 }).points;
    expect(point).toMatchObject({ leaders: ['张三', '李四'], responsible: { departments: ['办公室'], scopes: [] } });
  });

  it('compound headings: 牵头负责领导 is a person, 牵头责任单位 the lead, 协同责任单位 the others', () => {
    const text = ['序号\t工作任务\t牵头负责领导\t牵头责任单位\t协同责任单位\t完成时限', '1\t政策解读\t金力\t市发展改革委\t市经信局\t年底前'].join('\n');
    const [point] = interpretPlanBlocks(readPlanText(text), { year: 2024 }).points;
    expect(point).toMatchObject({
      leaders: ['金力'],
      leads: { departments: ['市发展改革委'], scopes: [] },
      responsible: { departments: ['市经信局'], scopes: [] },
      dueDate: '2024-12-31',
    });
  });

  it('skips a table without a recognisable header with a warning, and reads the next', async () => {
    const page = `<table><tr><td>索引号</td><td>001</td></tr><tr><td>发布日期</td><td>2024-01-01</td></tr></table>
      <table><tr><td>任务</td><td>责任单位</td></tr><tr><td>公开预决算。</td><td>财务科</td></tr></table>`;
    const result = interpretPlanBlocks(readPlanHtml(page));
    expect(result.points).toHaveLength(1);
    expect(result.warnings.map((w) => w.message)).toEqual([expect.stringContaining('表1未找到可识别的表头')]);
  });
});

describe('two-row headers and headings spanning columns', () => {
  // A 基层政务公开标准目录: 公开对象 / 公开方式 / 公开层级 each span two columns, with a second header row under them.
  const header = ['序号', '公开事项', '公开内容（要素）', '公开时限', '公开主体', '公开对象', '公开方式', '公开层级'];
  const sub = ['全社会', '特定群体', '主动', '依申请', '乡级', '村级'];
  const data = [
    ['1', '政策文件', '涉农资金相关文件', '信息形成之日起20个工作日内', '镇级人民政府'],
    ['2', '资金明细', '涉农相关资金明细', '信息形成之日起20个工作日内', '镇级人民政府'],
  ];
  const ticks = ['√', '', '√', '', '√', ''];
  const expected = [
    ['1', '政策文件', '涉农资金相关文件', ['镇级人民政府'], 'PER_EVENT'],
    ['2', '资金明细', '涉农相关资金明细', ['镇级人民政府'], 'PER_EVENT'],
  ];
  const read = (result: PlanImportResult) => result.points.map((p) => [p.number, p.title, p.duties, p.responsible.departments, p.recurrence]);

  it('the second header row is not a task: pipes (padding dropped), tab-separated, HTML with rowspan copies', async () => {
    const pipes = [`| ${header.join(' | ')} | ||`, `| ${sub.slice(0, 5).join(' | ')} | |||`, ...data.map((r) => `| ${r.join(' | ')} | √ | √ | √ | ||`)].join(
      '\n',
    );
    const tabs = [[...header, ''], sub.slice(0, 5), ...data.map((r) => [...r, '√', '√', '√', ''])].map((r) => r.join('\t')).join('\n');
    const html = `<table>
      <tr><td colspan="11">涉农资金领域基层政务公开标准目录</td></tr>
      <tr>${header.map((h, c) => (c < 5 ? `<td rowspan="2">${h}</td>` : `<td colspan="2">${h}</td>`)).join('')}</tr>
      <tr>${sub.map((h) => `<td>${h}</td>`).join('')}</tr>
      ${data.map((r) => `<tr>${[...r, ...ticks].map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n')}
    </table>`;
    for (const input of [pipes, tabs, html]) {
      const result = await importPlanDocument({ kind: 'text', text: input }, { year: 2023 });
      expect(read(result)).toEqual(expected);
      expect(result.warnings).toEqual([]);
    }
  });

  it('HTML: words under a heading spanning columns are a header row even when they are not header words', () => {
    const page = `<table>
      <tr><td rowspan="2">序号</td><td rowspan="2">工作任务</td><td colspan="2">责任分工</td><td rowspan="2">完成时限</td></tr>
      <tr><td>主办</td><td>协办</td></tr>
      <tr><td>1</td><td>公开预算</td><td>财务科</td><td>办公室</td><td>6月底前</td></tr>
    </table>`;
    const result = interpretPlanBlocks(readPlanHtml(page), { year: 2024 });
    expect(result.points.map((p) => [p.number, p.title, p.responsible.departments, p.dueDate])).toEqual([
      ['1', '公开预算', ['财务科', '办公室'], '2024-06-30'],
    ]);
  });

  it('pasted text whose header ends with an empty cell (the last heading spans two columns) reads each column under its heading', () => {
    const text = [
      '序号\t工作任务\t具体要求\t完成时限\t责任单位\t',
      '1\t公开预算\t在网站公开部门预算。\t6月底前\t财务科\t办公室',
      '2\t公开决算\t在网站公开部门决算。\t9月底前\t财务科\t',
    ].join('\n');
    const result = interpretPlanBlocks(readPlanText(text), { year: 2024 });
    expect(result.points.map((p) => [p.number, p.title, p.duties, p.dueDate, p.responsible.departments])).toEqual([
      ['1', '公开预算', '在网站公开部门预算。', '2024-06-30', ['财务科', '办公室']],
      ['2', '公开决算', '在网站公开部门决算。', '2024-09-30', ['财务科']],
    ]);
  });
});

describe('traditional characters', () => {
  const simplified = [
    '咸阳市2022年深化“放管服”改革优化营商环境工作要点',
    '一、坚持系统集成，推动审批全链条优化',
    '1.全面实施行政许可事项清单管理。2022年10月底前编制并公布市、县两级行政许可事项清单。（市政府办公室、市行政审批制度改革工作领导小组办公室牵头，市级各有关部门及各县市区政府按职责分工负责）',
  ].join('\n');
  const traditional = [
    '鹹陽市2022年深化“放管服”改革優化營商環境工作要點',
    '一、堅持系統集成，推動審批全鏈條優化',
    '1.全面實施行政許可事項清單管理。2022年10月底前編制並公布市、縣兩級行政許可事項清單。（市政府辦公室、市行政審批制度改革工作領導小組辦公室牽頭，市級各有關部門及各縣市區政府按職責分工負責）',
  ].join('\n');

  it('a document written in 繁體 reads as its simplified version does; the blocks shown keep the text as written', async () => {
    const fromSimplified = await importPlanDocument({ kind: 'text', text: simplified });
    const fromTraditional = await importPlanDocument({ kind: 'text', text: traditional });
    expect(fromTraditional).toEqual(fromSimplified);
    expect(fromTraditional.points[0]).toMatchObject({
      title: '全面实施行政许可事项清单管理',
      leads: { departments: ['市政府办公室', '市行政审批制度改革工作领导小组办公室'], scopes: [] },
      responsible: { departments: ['各县市区政府'], scopes: ['COUNTY_UNITS'] },
      dueDate: '2022-10-31',
    });
    expect(fromTraditional.title).toBe('咸阳市2022年深化“放管服”改革优化营商环境工作要点');
    const blocks = readPlanText(traditional);
    expect(blocks[0]!.kind === 'prose' && blocks[0]!.lines[0]!.text).toBe('鹹陽市2022年深化“放管服”改革優化營商環境工作要點');
  });
});

describe('.xlsx specifics', () => {
  it('reads every sheet (one without a header is skipped with a warning), dates as dates, formulas by their result', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('说明').addRow(['本表由办公室汇总']);
    const sheet = workbook.addWorksheet('任务');
    sheet.addRow(['序号', '工作任务', '责任科室', '完成时间']);
    sheet.addRow([1, '公开年度报告', '办公室', new Date(Date.UTC(2024, 5, 30))]);
    sheet.addRow([{ formula: '1+1', result: 2 }, '更新政务动态', { richText: [{ text: '各' }, { text: '科室' }] }, '每月']);
    const result = await importPlanDocument({ kind: 'xlsx', file: Buffer.from(await workbook.xlsx.writeBuffer()) }, { year: 2024 });
    expect(result.points.map((p) => [p.number, p.title, p.timeLimit, p.dueDate, p.source])).toEqual([
      ['1', '公开年度报告', '2024年6月30日', '2024-06-30', '工作表“任务” 第2行'],
      ['2', '更新政务动态', '每月', '2024-01-31', '工作表“任务” 第3行'],
    ]);
    expect(result.points[1]!.responsible.scopes).toEqual(['OFFICES']);
    expect(result.warnings.map((w) => w.message)).toEqual([expect.stringContaining('工作表“说明”未找到可识别的表头')]);
  });
});

describe('HTML specifics', () => {
  it('keeps <br> and <p> inside cells as line breaks, skips scripts and hidden parts, reads prose outside tables', () => {
    const blocks = readPlanHtml(`<html><head><title>x</title><script>var a = '<table>';</script></head><body>
      <h1>某局2024年政务公开工作要点</h1><p>为做好政务公开工作，制定本要点。</p><div style="display:none">隐藏</div>
      <table><tr><td><p>第一段</p><p>第二段</p></td><td>甲<br/>乙</td></tr></table></body></html>`);
    expect(blocks[0]).toEqual({
      kind: 'prose',
      lines: [
        { text: '某局2024年政务公开工作要点', source: '第1段' },
        { text: '为做好政务公开工作，制定本要点。', source: '第2段' },
      ],
    });
    expect(blocks[1]).toMatchObject({ kind: 'table', rows: [{ cells: ['第一段\n第二段', '甲\n乙'], source: '表1 第1行' }], grid: 'exact' });
  });

  it('expands rowspan and colspan into a full grid and marks the merged cells', () => {
    const [table] = readPlanHtml('<table><tr><td rowspan="2">甲</td><td colspan="2">乙</td></tr><tr><td>丙</td><td>丁</td></tr></table>');
    expect(table).toMatchObject({
      kind: 'table',
      rows: [
        { cells: ['甲', '乙', '乙'], merged: ['表1:0:0', '表1:0:1', '表1:0:1'] },
        { cells: ['甲', '丙', '丁'], merged: ['表1:0:0', null, null] },
      ],
    });
  });
});

describe('refusals', () => {
  const refusal = async (run: () => unknown): Promise<BadInputError> => {
    try {
      await run();
    } catch (e) {
      if (e instanceof BadInputError) return e;
      throw e;
    }
    throw new Error('not refused');
  };

  it('an empty input', async () => {
    expect((await refusal(() => readPlanText('  \n\n '))).reason).toBe('EMPTY_INPUT');
    expect((await refusal(() => readPlanHtml('<table></table>'))).reason).toBe('EMPTY_INPUT');
  });

  it('an empty table (a header and no rows), naming why nothing was found', async () => {
    const e = await refusal(() => importPlanDocument({ kind: 'html', html: '<table><tr><td>工作任务</td><td>责任单位</td><td>完成时限</td></tr></table>' }));
    expect(e.reason).toBe('NO_WORK_POINTS_FOUND');
    expect(e.message).toContain('表格中没有任务行');
  });

  it('a table without any recognisable header', async () => {
    const e = await refusal(() => importPlanDocument({ kind: 'text', text: '甲\t乙\t丙\n1\t2\t3\n4\t5\t6' }));
    expect(e.reason).toBe('NO_WORK_POINTS_FOUND');
    expect(e.message).toContain('未找到可识别的表头');
  });

  it('prose without any assignable item', async () => {
    const e = await refusal(() => importPlanDocument({ kind: 'text', text: '2024年政务公开工作要点\n一、总体要求\n做好政务公开工作。' }));
    expect(e.reason).toBe('NO_WORK_POINTS_FOUND');
    expect(e.message).toContain('牵头单位');
  });

  it('a file that is not what its name says', async () => {
    const text = Buffer.from('工作任务\t责任单位\n公开预算\t财务科', 'utf8');
    expect((await refusal(() => planInputFromFile(text, '清单.docx'))).message).toContain('不是有效的Word 文档');
    expect((await refusal(() => planInputFromFile(text, '清单.xlsx'))).reason).toBe('INVALID_FILE');
    const oldWord = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]);
    expect((await refusal(() => planInputFromFile(oldWord, '清单.docx'))).message).toContain('旧版 Office 格式');
    expect((await refusal(() => planInputFromFile(Buffer.from('%PDF-1.7 …'), '清单.xlsx'))).message).toContain('PDF');
    expect((await refusal(() => planInputFromFile(text, '清单.pptx'))).message).toContain('不支持的文件类型');
    // An .xlsx named .docx, a .docx named .xlsx: zips, but the wrong kind.
    expect((await refusal(() => readPlanDocx(Buffer.from(xlsxBytes)))).message).toContain('这是 Excel 工作簿');
    expect((await refusal(() => readPlanXlsx(Buffer.from(docxBytes)))).message).toContain('这是 Word 文档');
    // A zip with neither.
    expect((await refusal(() => readPlanDocx(zipOf('readme.txt', 'hello')))).reason).toBe('INVALID_FILE');
  });

  it('a corrupt .docx or .xlsx', async () => {
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]);
    expect((await refusal(() => readPlanDocx(broken))).reason).toBe('INVALID_FILE');
    expect((await refusal(() => readPlanXlsx(broken))).reason).toBe('INVALID_FILE');
  });

  it('oversized input: a 20 MB upload, text over 2 MB, too many rows, columns, or characters in a cell', async () => {
    const big = Buffer.alloc(20 * 1024 * 1024, 0x41);
    expect((await refusal(() => planInputFromFile(big, '清单.xlsx'))).reason).toBe('INPUT_TOO_LARGE');
    expect((await refusal(() => readPlanDocx(big))).reason).toBe('INPUT_TOO_LARGE');
    expect((await refusal(() => readPlanText('字'.repeat(IMPORT_LIMITS.maxTextChars + 1)))).reason).toBe('INPUT_TOO_LARGE');
    const rows = ['工作任务\t责任单位', ...Array.from({ length: IMPORT_LIMITS.maxRows + 1 }, (_, i) => `任务${i}\t办公室`)].join('\n');
    const tooMany = await refusal(() => readPlanText(rows));
    expect(tooMany.reason).toBe('TABLE_TOO_LARGE');
    expect(tooMany.message).toMatch(/行数过多.*第\d+行/);
    const wide = `<table><tr>${'<td>x</td>'.repeat(IMPORT_LIMITS.maxColumns + 1)}</tr></table>`;
    expect((await refusal(() => readPlanHtml(wide))).message).toContain('列数过多');
    const hugeSpan = '<table><tr><td colspan="1000">x</td><td>y</td></tr></table>';
    expect((await refusal(() => readPlanHtml(hugeSpan))).reason).toBe('TABLE_TOO_LARGE');
    const longCell = `工作任务\t责任单位\n${'长'.repeat(IMPORT_LIMITS.maxCellChars + 1)}\t办公室`;
    const e = await refusal(() => readPlanText(longCell));
    expect(e.reason).toBe('CELL_TOO_LONG');
    expect(e.message).toContain('第2行第1列');
  });

  it('deeply nested HTML is refused, not a crash', async () => {
    const deep = `${'<div>'.repeat(2000)}x${'</div>'.repeat(2000)}`;
    expect((await refusal(() => readPlanHtml(deep))).message).toContain('嵌套过深');
  });
});

// Small real files for the cross-kind checks, built once.
const docxBytes = await docx();
const xlsxBytes = await xlsx();

/** A stored zip with one part. */
function zipOf(name: string, content: string): Buffer {
  const data = Buffer.from(content, 'utf8');
  const packed = deflateRawSync(data);
  const fileName = Buffer.from(name, 'utf8');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + fileName.length, 12);
  end.writeUInt32LE(30 + fileName.length + packed.length, 16);
  return Buffer.concat([local, fileName, packed, central, fileName, end]);
}
