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

  it('a chosen format is respected: WORK_PLAN reads no table, TABLE reads no prose', () => {
    const text = ['2024年政务公开工作要点', '一、主动公开', '（一）决策公开', '牵头科室：办公室', '', '工作任务\t责任单位', '公开预算\t财务科'].join('\n');
    expect(interpretPlanBlocks(readPlanText(text)).layout).toBe('MIXED');
    expect(interpretPlanBlocks(readPlanText(text), { format: 'WORK_PLAN' }).points.map((p) => p.title)).toEqual(['决策公开']);
    expect(interpretPlanBlocks(readPlanText(text), { format: 'TABLE' }).points.map((p) => p.title)).toEqual(['公开预算']);
  });
});
