import { describe, expect, it } from 'vitest';
import { TABLE3_RESULT_LEAVES, allCells, cellKey, type CellAddress } from '../format.js';
import { readAnnualReportText, type Finding } from './index.js';
import { SEED_001, SEED_003, cellsFrom, figurePositions, withFigure } from './test-fixtures.js';

const zeros = (n: number): number[] => Array.from({ length: n }, () => 0);
const row = (...v: number[]): number[] => v;
const Z7 = zeros(7);
const t3 = (r: string, column: string): CellAddress => ({ table: 'table3', row: r, column });
const t4 = (column: string): CellAddress => ({ table: 'table4', row: 'count', column });
const names = (f: Finding, cell: CellAddress): boolean => f.cells.some((c) => c.table === cell.table && c.row === cell.row && c.column === cell.column);

/** Seed 001's tables as printed (read off the document by hand). */
const SEED_001_CELLS = cellsFrom(
  // 二: 规章 制发/废止/现行有效, 行政规范性文件 …, 行政许可, 行政处罚, 行政强制, 行政事业性收费 (万元)
  [0, 0, 0, 0, 0, 5, 98, 38665, 0, 31.42],
  [
    row(1, 1, 0, 0, 0, 0, 2), // 一、本年新收
    Z7, // 二、上年结转
    Z7, // （一）予以公开
    Z7, // （二）部分公开
    Z7, // 1.属于国家秘密
    Z7, // 2.其他法律行政法规禁止公开
    Z7, // 3.危及“三安全一稳定”
    Z7, // 4.保护第三方合法权益
    Z7, // 5.属于三类内部事务信息
    Z7, // 6.属于四类过程性信息
    row(0, 1, 0, 0, 0, 0, 1), // 7.属于行政执法案卷
    Z7, // 8.属于行政查询事项
    row(1, 0, 0, 0, 0, 0, 1), // （四）1.本机关不掌握相关政府信息
    Z7,
    Z7,
    Z7, // （五）1…5
    Z7,
    Z7,
    Z7,
    Z7,
    Z7, // （六）1…3
    Z7,
    Z7,
    row(1, 1, 0, 0, 0, 0, 2), // （七）总计
    Z7, // 四、结转下年度继续办理
  ],
  // 四: 行政复议 维持/纠正/其他/尚未审结/总计, 未经复议直接起诉 ×5, 复议后起诉 ×5
  [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
);

describe('readAnnualReportText — seed 001 (沅江市城管执法局 2023, traditional characters with pinyin)', () => {
  const reading = readAnnualReportText(SEED_001);

  it('reads the year and the signing organisation', () => {
    expect(reading.year).toBe(2023);
    expect(reading.organizationName).toBe('沅江市城市管理和综合执法局');
  });

  it('reads every figure of tables 二, 三 and 四', () => {
    expect(reading.cells).toHaveLength(200);
    expect(reading.cells).toEqual(SEED_001_CELLS);
    const value = (table: string, r: string, column: string): number | undefined =>
      reading.cells.find((c) => cellKey(c.table, c.row, c.column) === cellKey(table as 'table2', r, column))?.value;
    expect(value('table2', 'administrativePenalty', 'decisionsThisYear')).toBe(38665);
    expect(value('table2', 'administrativeFees', 'feeAmount')).toBe(31.42);
    expect(value('table2', 'normativeDocuments', 'currentlyValid')).toBe(5);
    expect(value('table3', 'denied_enforcementFile', 'commercialEnterprise')).toBe(1);
    expect(value('table3', 'unable_notHeld', 'naturalPerson')).toBe(1);
    expect(value('table3', 'resultsTotal', 'total')).toBe(2);
  });

  it('finds exactly: table 四 totals left at 0 (two T4-GROUP-SUM errors) and the narrative’s 行政复议1件 / 行政诉讼1个案件 against them', () => {
    // Table 四 prints 1 under 结果维持 of 行政复议 and of 未经复议直接起诉 but 0 under both 总计; the narrative says
    // 今年行政复议1件及行政诉讼1个案件. Table 三 balances (2 new = 2 results), 收到申请2起 = 2, 行政许可98件 = 98, and both
    // enumerations add up (74 = 1+3+37+5+3+5+1+2+8+9, 98 = 42+44+3+8+1).
    expect(reading.findings).toEqual([
      {
        rule: 'T4-GROUP-SUM',
        severity: 'ERROR',
        message: '表四“行政复议”总计为0，但结果维持、结果纠正、其他结果、尚未审结之和为1',
        cells: [t4('review_total'), t4('review_maintained'), t4('review_corrected'), t4('review_other'), t4('review_pending')],
      },
      {
        rule: 'T4-GROUP-SUM',
        severity: 'ERROR',
        message: '表四“行政诉讼（未经复议直接起诉）”总计为0，但结果维持、结果纠正、其他结果、尚未审结之和为1',
        cells: [t4('litDirect_total'), t4('litDirect_maintained'), t4('litDirect_corrected'), t4('litDirect_other'), t4('litDirect_pending')],
      },
      {
        rule: 'TEXT-TABLE-CONSISTENCY',
        severity: 'WARNING',
        message: '正文“今年行政复议1件及行政诉讼1个案件”称行政复议1件，但表四“行政复议·总计”为0',
        cells: [t4('review_total')],
      },
      {
        rule: 'TEXT-TABLE-CONSISTENCY',
        severity: 'WARNING',
        message: '正文“今年行政复议1件及行政诉讼1个案件”称行政诉讼1个案件，但表四“行政诉讼/未经复议直接起诉·总计”与表四“行政诉讼/复议后起诉·总计”之和为0',
        cells: [t4('litDirect_total'), t4('litAfterReview_total')],
      },
    ]);
  });

  it('has no finding once the two totals of table 四 are filled in', () => {
    let fixed = withFigure(SEED_001, t4('review_total'), '1');
    fixed = withFigure(fixed, t4('litDirect_total'), '1');
    expect(readAnnualReportText(fixed).findings).toEqual([]);
  });
});

describe('readAnnualReportText — seed 003 (安棚镇 2022, markdown tables, all zeros)', () => {
  const reading = readAnnualReportText(SEED_003);

  it('reads 10 + 175 + 15 zeros, the year, no organisation (no title, no signature) and no finding', () => {
    expect(reading.cells).toEqual(allCells().map((a) => ({ ...a, value: 0 })));
    expect(reading.cells.filter((c) => c.table === 'table2')).toHaveLength(10);
    expect(reading.cells.filter((c) => c.table === 'table3')).toHaveLength(175);
    expect(reading.cells.filter((c) => c.table === 'table4')).toHaveLength(15);
    expect(reading.year).toBe(2022);
    expect(reading.organizationName).toBeNull();
    // 530余次 and 30余条 are approximate; 202条, 17条, 8条, 15篇 have no breakdown and no table counterpart.
    expect(reading.findings).toEqual([]);
  });
});

/** The seed 001 text with its two table 四 totals filled in: no finding at all. */
const CLEAN_001 = withFigure(withFigure(SEED_001, t4('review_total'), '1'), t4('litDirect_total'), '1');

function expectedCellRules(cell: CellAddress): string[] {
  if (cell.table === 'table2') return ['T2-NONNEG'];
  if (cell.table === 'table4') return ['T4-GROUP-SUM'];
  const rules = ['T3-COLUMN-SUM'];
  if (['newReceived', 'carriedOver', 'carriedForward', 'resultsTotal'].includes(cell.row)) rules.push('T3-IDENTITY');
  if (cell.row === 'resultsTotal' || TABLE3_RESULT_LEAVES.includes(cell.row)) rules.push('T3-RESULTS-SUM');
  return rules.sort();
}

describe('one changed figure in the text fails the rule that covers it, naming the cell', () => {
  for (const [name, base] of [
    ['seed 001 (tables 四 fixed)', CLEAN_001],
    ['seed 003', SEED_003],
  ] as const) {
    it(`${name}: every one of the 200 figures`, () => {
      const baseline = readAnnualReportText(base);
      expect(baseline.findings).toEqual([]);
      for (const { cell } of figurePositions(base)) {
        const original = baseline.cells.find((c) => c.table === cell.table && c.row === cell.row && c.column === cell.column)!.value;
        // Table 二 has no sums: a negative figure is what its rule catches. Elsewhere: one more than printed.
        const changed = cell.table === 'table2' ? '-1' : String(original + 1);
        const reading = readAnnualReportText(withFigure(base, cell, changed));
        const errors = reading.findings.filter((f) => f.severity === 'ERROR');
        expect([...new Set(errors.map((f) => f.rule))].sort(), `${cell.table}.${cell.row}.${cell.column}`).toEqual(expectedCellRules(cell));
        for (const f of errors) expect(names(f, cell), f.message).toBe(true);
        // A figure the narrative also states (seed 001: 收到申请2起, 行政许可98件, 行政复议1件, 行政诉讼1个案件) is flagged there too.
        for (const f of reading.findings.filter((x) => x.severity === 'WARNING')) {
          expect(f.rule).toBe('TEXT-TABLE-CONSISTENCY');
          expect(names(f, cell)).toBe(true);
        }
      }
    });
  }

  it('names the cells in the message the way a clerk reads the table', () => {
    const reading = readAnnualReportText(withFigure(CLEAN_001, t3('resultsTotal', 'total'), '3'));
    expect(reading.findings.map((f) => f.message)).toEqual([
      '表三“总计”列：本年新收2＋上年结转0＝2，但办理结果总计3＋结转下年度继续办理0＝3，两者应相等',
      '表三“（七）总计”行“总计”列为3，但各办理结果之和为2',
      '表三“（七）总计”行“总计”列为3，但自然人与法人或其他组织各列之和为2',
    ]);
    const identity = reading.findings[0];
    expect(identity.cells).toEqual([t3('newReceived', 'total'), t3('carriedOver', 'total'), t3('resultsTotal', 'total'), t3('carriedForward', 'total')]);
    expect(reading.findings[1].cells).toHaveLength(22);
    expect(reading.findings[2].cells).toHaveLength(7);
  });

  it('flags a decimal or negative table 三 figure as T3-NONNEG-INT', () => {
    const reading = readAnnualReportText(withFigure(SEED_003, t3('granted', 'naturalPerson'), '0.5'));
    expect(reading.findings.filter((f) => f.rule === 'T3-NONNEG-INT')).toEqual([
      { rule: 'T3-NONNEG-INT', severity: 'ERROR', message: '表三“（一）予以公开”行“自然人”列为0.5，应为非负整数', cells: [t3('granted', 'naturalPerson')] },
    ]);
  });

  it('compares the narrative with the table: 收到政府信息公开申请2起 against a table that says 3', () => {
    let text = withFigure(CLEAN_001, t3('newReceived', 'otherOrg'), '1');
    text = withFigure(text, t3('newReceived', 'total'), '3');
    text = withFigure(text, t3('other_other', 'otherOrg'), '1');
    text = withFigure(text, t3('other_other', 'total'), '1');
    text = withFigure(text, t3('resultsTotal', 'otherOrg'), '1');
    text = withFigure(text, t3('resultsTotal', 'total'), '3');
    expect(readAnnualReportText(text).findings).toEqual([
      {
        rule: 'TEXT-TABLE-CONSISTENCY',
        severity: 'WARNING',
        message: '正文“今年我局收到政府信息公开申请2起”称收到政府信息公开申请2起，但表三“一、本年新收政府信息公开申请数量”行“总计”列为3',
        cells: [t3('newReceived', 'total')],
      },
    ]);
  });
});

describe('text in other shapes', () => {
  const table3Lines = (sep: string): string[] => {
    const labels = [
      '一、本年新收政府信息公开申请数量',
      '二、上年结转政府信息公开申请数量',
      '（一）予以公开',
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      '1.属于国家秘密',
      '2.其他法律行政法规禁止公开',
      '3.危及“三安全一稳定”',
      '4.保护第三方合法权益',
      '5.属于三类内部事务信息',
      '6.属于四类过程性信息',
      '7.属于行政执法案卷',
      '8.属于行政查询事项',
      '1.本机关不掌握相关政府信息',
      '2.没有现成信息需要另行制作',
      '3.补正后申请内容仍不明确',
      '1.信访举报投诉类申请',
      '2.重复申请',
      '3.要求提供公开出版物',
      '4.无正当理由大量反复申请',
      '5.要求行政机关确认或重新出具已获取信息',
      '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
      '3.其他',
      '（七）总计',
      '四、结转下年度继续办理',
    ];
    const figures: Record<string, number[]> = {
      '一、本年新收政府信息公开申请数量': [3, 1, 0, 0, 1, 0, 5],
      '二、上年结转政府信息公开申请数量': [1, 0, 0, 0, 0, 0, 1],
      '（一）予以公开': [2, 1, 0, 0, 0, 0, 3],
      '1.本机关不掌握相关政府信息': [1, 0, 0, 0, 1, 0, 2],
      '（七）总计': [3, 1, 0, 0, 1, 0, 5],
      '四、结转下年度继续办理': [1, 0, 0, 0, 0, 0, 1],
    };
    const groups: Record<string, string> = {
      '（一）予以公开': '三、本年度办理结果',
      '1.属于国家秘密': '（三）不予公开',
      '1.本机关不掌握相关政府信息': '（四）无法提供',
      '1.信访举报投诉类申请': '（五）不予处理',
      '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请': '（六）其他处理',
    };
    return labels.map((label) => [groups[label] ?? '', label, ...(figures[label] ?? Z7)].join(sep));
  };
  const header = [
    '三、收到和处理政府信息公开申请情况',
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况',
    '\t自然人\t法人或其他组织\t\t\t\t\t总计',
    '\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他',
  ];

  it('reads tab-separated rows copied from Word/Excel (only table 三, with its header)', () => {
    const reading = readAnnualReportText([...header, ...table3Lines('\t')].join('\r\n'));
    expect(reading.cells.filter((c) => c.table === 'table3')).toHaveLength(175);
    expect(reading.cells.filter((c) => c.table !== 'table3')).toEqual([]);
    const v = (r: string, column: string): number | undefined => reading.cells.find((c) => c.row === r && c.column === column)?.value;
    expect(v('newReceived', 'total')).toBe(5);
    expect(v('newReceived', 'legalServiceOrg')).toBe(1);
    expect(v('unable_notHeld', 'legalServiceOrg')).toBe(1);
    expect(v('other_other', 'total')).toBe(0);
    expect(reading.findings).toEqual([]);
    expect(reading.year).toBeNull();
    expect(reading.organizationName).toBeNull();
  });

  it('reads figures separated by spaces (PDF copies) and labels spelt with spaces or without their notes', () => {
    const lines = table3Lines(' ').map((l) =>
      l.replace('（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '（二） 部分 公开').replace('3.危及“三安全一稳定”', '3、危及"三安全一稳定"'),
    );
    const reading = readAnnualReportText(lines.join('\n'));
    expect(reading.cells.filter((c) => c.table === 'table3')).toHaveLength(175);
    expect(reading.findings).toEqual([]);
  });

  it('reads the seeds in other layouts: pipes → tabs, pipes → one cell per line, cells → one row per line', () => {
    const seed003 = readAnnualReportText(SEED_003).cells;
    expect(readAnnualReportText(SEED_003.replace(/ ?\| ?/g, '\t')).cells).toEqual(seed003);
    const oneCellPerLine = SEED_003.split('\n')
      .flatMap((line) => (line.includes('|') ? line.split('|').map((c) => c.trim()) : [line]))
      .filter((c) => c !== '' && !/^-+$/.test(c))
      .join('\n');
    expect(readAnnualReportText(oneCellPerLine).cells).toEqual(seed003);
    expect(readAnnualReportText(SEED_001.replace(/ \|$/gm, '')).cells).toEqual(SEED_001_CELLS);
    // Seed 001's `value |` lines joined into rows: one line per table row, cells separated by tabs.
    const rows = SEED_001.replace(/ \|\n(?=\d)/g, '\t').replace(/ \|$/gm, '');
    expect(rows).toContain('一、本年新收政府信息公開申請數(shù)量\t1\t1\t0\t0\t0\t0\t2');
    expect(readAnnualReportText(rows).cells).toEqual(SEED_001_CELLS);
  });

  it('reads a table 三 row with a wrong figure count as a TABLE-READ warning and skips the row', () => {
    const lines = table3Lines('\t');
    lines[2] = '三、本年度办理结果\t（一）予以公开\t2\t1\t0\t3';
    const reading = readAnnualReportText(lines.join('\n'));
    expect(reading.cells.filter((c) => c.row === 'granted')).toEqual([]);
    expect(reading.findings.map((f) => [f.rule, f.message])).toEqual([
      ['TABLE-READ', '表三“（一）予以公开”行读到4个数字，应为7个，未读取该行'],
      ['TABLE-READ', '表三未读到以下行的数字：“（一）予以公开”'],
    ]);
    expect(reading.findings[1].cells).toEqual(allCells().filter((a) => a.row === 'granted'));
  });

  it('reads only the narrative without cells or table findings', () => {
    const narrative = SEED_001.split('\n').slice(0, 15).join('\n');
    const reading = readAnnualReportText(narrative);
    expect(reading.cells).toEqual([]);
    expect(reading.year).toBe(2023);
    expect(reading.organizationName).toBe('城管执法局'); // from the title: no signature in this part
    expect(reading.findings).toEqual([]);
  });

  it('reads only table 三 of seed 003 (markdown)', () => {
    const lines = SEED_003.split('\n');
    const from = lines.findIndex((l) => l.startsWith('三、收到和处理'));
    const to = lines.findIndex((l) => l.startsWith('四、政府信息公开行政复议'));
    const reading = readAnnualReportText(lines.slice(from, to).join('\n'));
    expect(reading.cells).toEqual(
      allCells()
        .filter((a) => a.table === 'table3')
        .map((a) => ({ ...a, value: 0 })),
    );
    expect(reading.findings).toEqual([]);
  });

  it('reads table 二 with "/" for 规章 and full-width figures, and table 四 after its header only', () => {
    const text = [
      '第二十条第（一）项',
      '信息内容\t本年制发件数\t本年废止件数\t现行有效件数',
      '规章\t/\t/\t/',
      '行政规范性文件\t２\t１\t１２',
      '第二十条第（五）项',
      '行政许可\t1,203',
      '第二十条第（六）项',
      '行政处罚\t７',
      '行政强制\t-',
      '第二十条第（八）项',
      '行政事业性收费\t0.0000',
      '行政复议\t行政诉讼',
      '结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉',
      '0\t1\t0\t0\t1\t0\t0\t0\t1\t1\t0\t0\t0\t0\t0',
    ].join('\n');
    const reading = readAnnualReportText(text);
    expect(reading.cells.map((c) => c.value)).toEqual([0, 0, 0, 2, 1, 12, 1203, 7, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
    expect(reading.findings).toEqual([]);
  });

  it('reports a 2019-format table 二 instead of misreading its columns', () => {
    const text = ['第二十条第（一）项', '信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量', '规章\t0\t0\t0', '规范性文件\t3\t3\t20'].join('\n');
    const reading = readAnnualReportText(text);
    expect(reading.cells).toEqual([]);
    expect(reading.findings.map((f) => f.rule)).toEqual(['TABLE-READ']);
  });

  it('returns nothing for garbage, empty or non-text input, without throwing', () => {
    const garbage = [
      '',
      '   \n\n\t\t|||',
      '\u0000\u0001\ufffd'.repeat(1000),
      '|'.repeat(5000),
      '（'.repeat(3000) + '）'.repeat(3000),
      '一'.repeat(20000) + '条',
      '行政复议'.repeat(2000),
      Array.from({ length: 3000 }, (_, i) => String(i)).join(' | '),
      'Lorem ipsum dolor sit amet (abc) (zhí)',
    ];
    for (const g of garbage) {
      const reading = readAnnualReportText(g);
      expect(reading.cells).toEqual([]);
      expect(reading.findings.filter((f) => f.severity === 'ERROR')).toEqual([]);
    }
    expect(readAnnualReportText(undefined as unknown as string)).toEqual({ year: null, organizationName: null, cells: [], findings: [] });
  });

  it('reads a report with a previous year for the chain rules', () => {
    const previous = SEED_001_CELLS.map((c) => (c.row === 'carriedForward' && c.column === 'total' ? { ...c, value: 1 } : c));
    const reading = readAnnualReportText(CLEAN_001, { previousYear: previous });
    expect(reading.findings).toEqual([
      {
        rule: 'T3-CARRY-CHAIN',
        severity: 'WARNING',
        message: '表三“二、上年结转政府信息公开申请数量”行“总计”列为0，但上一年度报告“四、结转下年度继续办理”为1',
        cells: [t3('carriedOver', 'total')],
      },
    ]);
  });
});
