import { describe, expect, it } from 'vitest';
import { blocksToHtml } from './blocks-html.js';
import { readPlanHtml } from './html-reader.js';
import type { PlanBlock } from './types.js';

const shape = (blocks: PlanBlock[]) =>
  blocks.map((b) =>
    b.kind === 'prose'
      ? { prose: b.lines.map((l) => l.text) }
      : {
          cells: b.rows.map((r) => r.cells),
          // Which cells belong together (ids differ between readers; the grouping must not).
          groups: b.rows.map((r, i) => r.cells.map((_, c) => (r.merged?.[c] ? b.rows.findIndex((x) => x.merged?.some((m) => m === r.merged![c])) : i))),
        },
  );

describe('blocksToHtml', () => {
  it('reads back through the HTML reader into the same cells and merged groups', () => {
    const blocks: PlanBlock[] = [
      { kind: 'prose', lines: [{ text: '某局2027年政务公开任务分工', source: '第1段' }] },
      {
        kind: 'table',
        source: '表1',
        grid: 'exact',
        rows: [
          { cells: ['工作任务', '具体要求', '责任单位', '完成时限'], source: '表1 第1行' },
          { cells: ['一、主动公开', '一、主动公开', '一、主动公开', '一、主动公开'], merged: ['h', 'h', 'h', 'h'], source: '表1 第2行' },
          { cells: ['政策解读', '图解<不少于>一半\n视频解读', '办公室', '年底前'], merged: ['g', null, null, 't'], source: '表1 第3行' },
          { cells: ['政策解读', '在线访谈两次', '政策法规科 & 办公室', '年底前'], merged: ['g', null, null, 't'], source: '表1 第4行' },
        ],
      },
    ];
    expect(shape(readPlanHtml(blocksToHtml(blocks)))).toEqual(shape(blocks));
  });
});
