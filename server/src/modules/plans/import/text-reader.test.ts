import { describe, expect, it } from 'vitest';
import { interpretPlanBlocks, readPlanText } from './index.js';
import type { PlanBlock } from './types.js';

const tables = (blocks: PlanBlock[]) => blocks.filter((b): b is Extract<PlanBlock, { kind: 'table' }> => b.kind === 'table');
const prose = (blocks: PlanBlock[]) => blocks.flatMap((b) => (b.kind === 'prose' ? b.lines.map((l) => l.text) : []));

describe('readPlanText', () => {
  it('prose stays prose, one line each, with its line number', () => {
    expect(readPlanText('2024年政务公开工作要点\n\n一、主动公开\r\n（一）决策公开。')).toEqual([
      {
        kind: 'prose',
        lines: [
          { text: '2024年政务公开工作要点', source: '第1行' },
          { text: '一、主动公开', source: '第3行' },
          { text: '（一）决策公开。', source: '第4行' },
        ],
      },
    ]);
  });

  it('tab-separated rows, with Excel’s quoted cells holding line breaks and tabs (a tab inside a cell reads as a space)', () => {
    const text = ['说明文字', '序号\t工作任务\t责任单位', '1\t"公开预算，\n公开决算"\t财务科', '2\t"带""引号""的\t任务"\t办公室', '', '后记'].join('\n');
    const blocks = readPlanText(text);
    expect(prose(blocks)).toEqual(['说明文字', '后记']);
    expect(tables(blocks)[0]!.rows.map((r) => r.cells)).toEqual([
      ['序号', '工作任务', '责任单位'],
      ['1', '公开预算，\n公开决算', '财务科'],
      ['2', '带"引号"的 任务', '办公室'],
    ]);
    expect(tables(blocks)[0]!.rows.map((r) => r.source)).toEqual(['第2行', '第3行', '第5行']);
  });

  it('markdown rows, the separator line skipped, a row continued over lines', () => {
    const text = [
      '| 工作任务 | 具体要求 | 责任科室 |',
      '|---|---|---|',
      '| 政策解读 | 第一句',
      '第二句 | 办公室 |',
      '| 依申请公开 | 依法办理。 | 各科室 |',
    ].join('\n');
    const [table] = tables(readPlanText(text));
    expect(table!.rows.map((r) => r.cells)).toEqual([
      ['工作任务', '具体要求', '责任科室'],
      ['政策解读', '第一句\n第二句', '办公室'],
      ['依申请公开', '依法办理。', '各科室'],
    ]);
    expect(table!.grid).toBe('ragged');
  });

  it('"a | b |" rows: empty cells at the end are padding', () => {
    const [table] = tables(readPlanText('工作任务 | 具体要求 | 责任部门 |\n一、财政公开 | 1.公开预算。 | 财务科 |\n2.公开决算。 | 财务科 | |'));
    expect(table!.rows.map((r) => r.cells)).toEqual([
      ['工作任务', '具体要求', '责任部门'],
      ['一、财政公开', '1.公开预算。', '财务科'],
      ['2.公开决算。', '财务科'],
    ]);
  });

  it('one cell per line between "|" lines, rows found by the last column (a time limit)', () => {
    const text = [
      '关于印发任务清单的通知',
      '工作任务',
      '|',
      '责任科室',
      '|',
      '时限要求',
      '|',
      '政策解读',
      '|',
      '办公室',
      '|',
      '年底前',
      '|',
      '依申请公开',
      '|',
      '各科室',
      '|',
      '持续推进',
      '|',
    ].join('\n');
    const blocks = readPlanText(text);
    expect(prose(blocks)).toEqual(['关于印发任务清单的通知']);
    expect(tables(blocks)[0]!.rows.map((r) => r.cells)).toEqual([
      ['工作任务', '责任科室', '时限要求'],
      ['政策解读', '办公室', '年底前'],
      ['依申请公开', '各科室', '持续推进'],
    ]);
  });

  it('one cell per line with nothing between cells, when the header is recognisable', () => {
    const text = [
      '某市2024年政务公开任务分工',
      '',
      '任务',
      '主要内容',
      '责任单位',
      '政策解读',
      '做好政策解读工作，丰富解读形式。',
      '市政府办公室牵头',
      '回应关切',
      '及时回应社会关切。',
      '市直各部门',
    ].join('\n');
    const result = interpretPlanBlocks(readPlanText(text));
    expect(result.points.map((p) => [p.title, p.leads.departments, p.responsible.scopes])).toEqual([
      ['政策解读', ['市政府办公室'], []],
      ['回应关切', [], ['COUNTY_UNITS']],
    ]);
    expect(result.title).toBe('某市2024年政务公开任务分工');
  });

  it('a line of pipes in prose is not a table when it has no header', () => {
    const blocks = readPlanText('甲 | 乙\n丙 | 丁');
    expect(tables(blocks)).toHaveLength(1);
    expect(() => interpretPlanBlocks(blocks)).toThrow(/未找到可识别的表头/);
  });
});

describe('labelled lists in prose', () => {
  it('reads "(XX牵头，YY负责)" at the end of an item', () => {
    const text = [
      '某市2024年政务公开工作要点',
      '一、加强政策解读',
      '1.做好政策解读。对出台的重要政策同步解读。（市政府办公室牵头，市直各部门负责）',
      '2.回应社会关切。及时回应。（责任单位：各县区政府、市直各部门；完成时限：6月底前）',
    ].join('\n');
    const result = interpretPlanBlocks(readPlanText(text));
    expect(result.layout).toBe('LABELLED_LIST');
    expect(result.points).toHaveLength(2);
    expect(result.points[0]).toMatchObject({
      number: '1',
      section: '加强政策解读',
      title: '做好政策解读',
      duties: '对出台的重要政策同步解读。',
      leads: { departments: ['市政府办公室'], scopes: [] },
      responsible: { departments: [], scopes: ['COUNTY_UNITS'] },
    });
    expect(result.points[1]).toMatchObject({ title: '回应社会关切', responsible: { departments: ['各县区政府'], scopes: ['COUNTY_UNITS'] } });
  });

  it('reads 牵头单位：/ 责任单位：/ 完成时限： lines under numbered items, numbers made unique per section', () => {
    const text = [
      '2025年重点任务分工方案',
      '一、主动公开',
      '1.公开预算',
      '牵头单位：财务科',
      '责任单位：各科室',
      '完成时限：3月底前',
      '二、依申请公开',
      '1.规范答复 牵头单位：办公室 责任单位：法规科',
    ].join('\n');
    const result = interpretPlanBlocks(readPlanText(text));
    expect(result.points.map((p) => [p.number, p.section, p.title, p.leads.departments, p.dueDate])).toEqual([
      ['一.1', '主动公开', '公开预算', ['财务科'], '2025-03-31'],
      ['二.1', '依申请公开', '规范答复', ['办公室'], null],
    ]);
  });

  it('compound labels: the longest label wins (牵头责任单位 → leads, 协同/配合责任单位 → responsible), leaders are persons', () => {
    const text = [
      '某市人民政府关于2024年重点工作及责任分解的通知',
      '一、主要预期目标',
      '1. 地区生产总值增长7.5%。',
      '牵头责任领导：邓继敢。',
      '牵头责任单位：市发展改革委。',
      '协同责任单位：市经信局、市商务局，各县、市、区人民政府。',
      '2. 财政收入增长8%左右。',
      '牵头负责领导：金力。',
      '牵头责任单位：市财政局。',
      '配合责任单位：市税务局、市直各部门。',
      '3. 粮食产量稳定。 牵头责任单位：市农业农村局；协同责任单位：市水利局；分管领导：王五',
    ].join('\n');
    const result = interpretPlanBlocks(readPlanText(text));
    expect(result.layout).toBe('LABELLED_LIST');
    expect(result.points.map((p) => [p.number, p.title, p.duties, p.leads, p.responsible, p.leaders])).toEqual([
      [
        '1',
        '地区生产总值增长7.5%',
        '地区生产总值增长7.5%。',
        { departments: ['市发展改革委'], scopes: [] },
        { departments: ['市经信局', '市商务局', '各县、市、区人民政府'], scopes: [] },
        ['邓继敢'],
      ],
      [
        '2',
        '财政收入增长8%左右',
        '财政收入增长8%左右。',
        { departments: ['市财政局'], scopes: [] },
        { departments: ['市税务局'], scopes: ['COUNTY_UNITS'] },
        ['金力'],
      ],
      ['3', '粮食产量稳定', '粮食产量稳定。', { departments: ['市农业农村局'], scopes: [] }, { departments: ['市水利局'], scopes: [] }, ['王五']],
    ]);
    expect(result.unitNames).not.toContain('邓继敢');
  });

  it.each(['责任领导', '牵头责任领导', '牵头负责领导', '分管领导', '负责领导', '责任人'])('%s： names a leader, never a unit', (label) => {
    const text = ['2024年工作任务分工方案', '1.公开预算', `${label}：张三、李四`, '责任单位：财务科'].join('\n');
    const [point] = interpretPlanBlocks(readPlanText(text)).points;
    expect(point).toMatchObject({
      leaders: ['张三', '李四'],
      leads: { departments: [] },
      responsible: { departments: ['财务科'], scopes: [] },
      duties: '公开预算',
    });
  });

  it('a chosen format is respected: WORK_PLAN reads no table, TABLE reads no prose', () => {
    const text = ['2024年政务公开工作要点', '一、主动公开', '（一）决策公开', '牵头科室：办公室', '', '工作任务\t责任单位', '公开预算\t财务科'].join('\n');
    expect(interpretPlanBlocks(readPlanText(text)).layout).toBe('MIXED');
    expect(interpretPlanBlocks(readPlanText(text), { format: 'WORK_PLAN' }).points.map((p) => p.title)).toEqual(['决策公开']);
    expect(interpretPlanBlocks(readPlanText(text), { format: 'TABLE' }).points.map((p) => p.title)).toEqual(['公开预算']);
  });
});

describe('document title, issuer and year', () => {
  const read = (lines: string[]) => {
    const { title, issuer, year } = interpretPlanBlocks(
      readPlanText(
        [...lines, '一、主要任务', '（一）公开预算。（市财政局牵头，市直各部门负责）', '（二）公开决算。（市财政局牵头，各县区政府负责）'].join('\n'),
      ),
    );
    return { title, issuer, year };
  };

  it('joins a title broken over two lines (a bracket opened on one and closed on the next)', () => {
    expect(
      read([
        '舟山市人民政府办公室',
        '2022年7月8日',
        '舟山市贯彻《浙江省政务公开',
        '五年行动计划(2021—2025年)》实施方案',
        '为贯彻落实上级精神，制定本实施方案。',
      ]),
    ).toEqual({
      title: '舟山市贯彻《浙江省政务公开五年行动计划(2021—2025年)》实施方案',
      issuer: '舟山市',
      year: null,
    });
  });

  it('a year range is not the plan year: the year written outside it is', () => {
    expect(read(['某市落实《政务公开五年行动计划（2021—2025年）》2023年工作方案'])).toMatchObject({ year: 2023, issuer: '某市' });
    expect(read(['某县政务公开三年行动计划（2023-2025年）实施方案'])).toMatchObject({ year: null, issuer: null });
    expect(read(['某市2022年政务公开工作方案'])).toMatchObject({ year: 2022, issuer: '某市' });
    // Read by the 工作要点 parser: the same rule, and no date is made up from the range for "6月底前".
    const workPlan = interpretPlanBlocks(
      readPlanText(['某市城市管理局政务公开工作要点（2021—2025年）', '一、主动公开', '（一）决策公开', '牵头科室：办公室', '6月底前完成。'].join('\n')),
    );
    expect(workPlan).toMatchObject({ layout: 'WORK_PLAN', year: null, issuer: null });
    expect(workPlan.points[0]).toMatchObject({ title: '决策公开', timeLimit: '6月底前', dueDate: null });
  });

  it('a column tag before the title is not part of the title or issuer', () => {
    expect(read(['【市政府重点工作及责任分解】滁州市人民政府关于2020年市政府重点工作及责任分解的通知'])).toEqual({
      title: '滁州市人民政府关于2020年市政府重点工作及责任分解的通知',
      issuer: '滁州市人民政府',
      year: 2020,
    });
  });
});
