import { describe, expect, it } from 'vitest';
import { allCells, cellKey, type CellValue } from '../format.js';
import { readAnnualReportText } from './index.js';
import { checkReportText } from './text-checks.js';
import { SEED_001, SEED_003 } from './test-fixtures.js';

const SEED_001_CELLS = readAnnualReportText(SEED_001).cells;

/** A report of zeros with a few figures set: `table3.newReceived.total` → 2. */
function report(values: Record<string, number> = {}): CellValue[] {
  return allCells().map((a) => ({ ...a, value: values[cellKey(a.table, a.row, a.column)] ?? 0 }));
}

const check = (text: string, cells: readonly CellValue[] = report(), year: number | null = 2023) => checkReportText(text, cells, { year });

describe('TEXT-BREAKDOWN-SUM', () => {
  it('accepts the enumerations of seed 001 (74 = 1+3+37+5+3+5+1+2+8+9, 98 = 42+44+3+8+1)', () => {
    const result = check(SEED_001, SEED_001_CELLS);
    expect(result.breakdowns.map((b) => [b.total, b.unit, b.parts, b.status])).toEqual([
      [98, '件', [42, 44, 3, 8, 1], 'consistent'],
      [74, '条', [1, 3, 37, 5, 3, 5, 1, 2, 8, 9], 'consistent'],
    ]);
    expect(result.findings.filter((f) => f.rule === 'TEXT-BREAKDOWN-SUM')).toEqual([]);
  });

  it('flags a total that its parts do not add up to, quoting the sentence', () => {
    const text = SEED_001.replace('信息74條', '信息75條');
    const findings = check(text, SEED_001_CELLS).findings.filter((f) => f.rule === 'TEXT-BREAKDOWN-SUM');
    expect(findings).toEqual([
      {
        rule: 'TEXT-BREAKDOWN-SUM',
        severity: 'ERROR',
        message:
          '正文“2023年度，我局通过市政府网站发布信息75条，其中机构概况1条，计划总结3条，工作动态37条，政策文件5条，人事信息3条，财务政务5条，信息公开年报1条，信息公开指南2条，市政建设8条，公共服务9条”' +
          '称共75条，但“其中”所列各项之和为74条（1＋3＋37＋5＋3＋5＋1＋2＋8＋9）',
        cells: [],
      },
    ]);
  });

  it('names the table cell when the total is also a table figure (行政许可98件)', () => {
    const text = SEED_001.replace('燃氣許可1件', '燃氣許可2件');
    const findings = check(text, SEED_001_CELLS).findings.filter((f) => f.rule === 'TEXT-BREAKDOWN-SUM');
    expect(findings.map((f) => [f.rule, f.cells])).toEqual([
      ['TEXT-BREAKDOWN-SUM', [{ table: 'table2', row: 'administrativeLicensing', column: 'decisionsThisYear' }]],
    ]);
    expect(findings[0].message).toContain('称共98件，但“其中”所列各项之和为99件（42＋44＋3＋8＋2）');
  });

  it('reads Chinese numerals and the separators ，、；, and a 其中 that opens the next sentence', () => {
    expect(check('共受理政府信息公开申请十二件，其中自然人五件；法人三件、其他两件。').breakdowns.map((b) => [b.total, b.parts, b.status])).toEqual([
      [12, [5, 3, 2], 'inconsistent'],
    ]);
    expect(check('全年发布信息10条。其中政策文件3条，工作动态4条，通知公告4条。').findings.map((f) => f.message)).toEqual([
      '正文“全年发布信息10条。其中政策文件3条，工作动态4条，通知公告4条”称共10条，但“其中”所列各项之和为11条（3＋4＋4）',
    ]);
    expect(check('发布信息两百条，其中动态一百条，政策一百条。').breakdowns.map((b) => b.status)).toEqual(['consistent']);
  });

  it('leaves approximate, open or partial enumerations unchecked', () => {
    const cases = [
      '发布和转载各类经济政策信息30余条，其中政策解读15篇、转载10条、原创8条。', // approximate total
      '接受群众咨询、来访530余次，其中电话咨询300次、来访200次、网上咨询40次。',
      '发布信息74条，其中机构概况1条、计划总结3条等。', // 等: the list is open
      '发布信息74条，其中机构概况1条，计划总结3条。', // two parts short of the total: may be a selection
      '发布信息74条，其中机构概况十几条，计划总结3条，工作动态5条。', // approximate part
      '发布信息74条，其中政策文件5条。', // one part
      '发布信息74条，其中工作动态37条，同比增长10条，阅读量5万次。', // the list stops at 同比
      '发布信息74条，其中政策文件5条，政策解读3条，图片解读2条。', // a selection: covers less than half of the total
    ];
    for (const text of cases) expect(check(text).findings, text).toEqual([]);
    expect(check(cases[0]).breakdowns[0]).toMatchObject({ status: 'notChecked', reason: '总数为约数' });
    expect(check(cases[3]).breakdowns[0]).toMatchObject({ status: 'notChecked', reason: '所列分项可能不全' });
    expect(check(cases[7]).breakdowns[0]).toMatchObject({ status: 'notChecked', reason: '所列分项可能不全' });
    // A list that names 其他/其余 is the whole, even with two parts.
    expect(check('发布信息74条，其中政策文件5条，其他信息60条。').breakdowns[0].status).toBe('inconsistent');
  });

  it('tells approximate figures (数十条, 上百条, 近20条) from exact ones written next to the same characters', () => {
    for (const text of ['发布信息数十条，其中A 3条、B 4条、C 5条。', '发布信息上百条，其中A 3条、B 4条、C 5条。', '发布信息近20条，其中A 3条、B 4条、C 5条。'])
      expect(
        check(text).breakdowns.map((b) => b.status),
        text,
      ).toEqual(['notChecked']);
    expect(check('在网站上20条，其中A 3条、B 4条、C 5条。').breakdowns.map((b) => b.status)).toEqual(['inconsistent']);
  });

  it('flags two parts that exceed the total, ignoring bracketed asides', () => {
    expect(check('收到申请3件（其中1件为网上申请），其中自然人2件、法人2件。').findings.map((f) => f.rule)).toEqual(['TEXT-BREAKDOWN-SUM']);
    expect(check('发布信息10条，其中政策（含解读2条）3条、动态7条。').findings).toEqual([]);
  });

  it('reports a sentence repeated in the text once', () => {
    const sentence = '全年发布信息10条，其中政策3条，动态4条，公告4条。\n';
    expect(check(sentence + sentence).findings).toHaveLength(1);
  });
});

describe('TEXT-TABLE-CONSISTENCY', () => {
  it('compares the figures of seed 001 and leaves nothing unchecked there', () => {
    const claims = check(SEED_001, SEED_001_CELLS).claims.map((c) => [c.subject, c.stated, c.unit, c.tableValue, c.status]);
    expect(claims).toEqual([
      ['收到政府信息公开申请', 2, '起', 2, 'consistent'],
      ['行政复议', 1, '件', 0, 'inconsistent'],
      ['行政诉讼', 1, '个案件', 0, 'inconsistent'],
      ['行政许可', 98, '件', 98, 'consistent'],
    ]);
  });

  it('finds no narrative claim in seed 003 (its figures are hedged or have no table counterpart)', () => {
    const result = check(SEED_003, report(), 2022);
    expect(result.claims).toEqual([]);
    expect(result.findings).toEqual([]);
  });

  it('compares each subject with its cells', () => {
    const cells = report({
      'table3.newReceived.total': 2,
      'table3.resultsTotal.total': 2,
      'table3.carriedOver.total': 1,
      'table3.carriedForward.total': 1,
      'table4.count.review_total': 1,
      'table4.count.litDirect_total': 1,
      'table4.count.litAfterReview_total': 1,
      'table2.administrativeLicensing.decisionsThisYear': 98,
      'table2.administrativePenalty.decisionsThisYear': 38665,
      'table2.administrativeCoercion.decisionsThisYear': 3,
      'table2.normativeDocuments.madeThisYear': 2,
      'table2.normativeDocuments.repealedThisYear': 1,
      'table2.normativeDocuments.currentlyValid': 5,
      'table2.administrativeFees.feeAmount': 31.42,
    });
    const consistent = [
      '2023年共收到政府信息公开申请2件。',
      '办结政府信息公开申请2件。',
      '上年结转政府信息公开申请1件。',
      '依申请公开方面，有1件申请结转下年度办理。',
      '信息公开工作中，被申请行政复议1件，行政诉讼2件。',
      '信息公开工作中，行政复议和行政诉讼共3件。',
      '全年作出行政许可决定98件。',
      '作出行政处罚决定38,665件，实施行政强制3起。',
      '制发行政规范性文件2件，废止规范性文件1件，现行有效规范性文件5件。',
      '收取行政事业性收费31.42万元。',
      '收取行政事业性收费314200元。',
    ];
    for (const text of consistent) {
      const result = check(text, cells);
      expect(result.claims.length, text).toBeGreaterThan(0);
      expect(
        result.claims.every((c) => c.status === 'consistent'),
        text,
      ).toBe(true);
      expect(result.findings, text).toEqual([]);
    }
    const zeros = report();
    expect(consistent.flatMap((text) => check(text, zeros).findings.map((f) => f.message))).toEqual([
      '正文“2023年共收到政府信息公开申请2件”称收到政府信息公开申请2件，但表三“一、本年新收政府信息公开申请数量”行“总计”列为0',
      '正文“办结政府信息公开申请2件”称办结政府信息公开申请2件，但表三“（七）总计”行“总计”列为0',
      '正文“上年结转政府信息公开申请1件”称上年结转的申请1件，但表三“二、上年结转政府信息公开申请数量”行“总计”列为0',
      '正文“有1件申请结转下年度办理”称结转下年度办理的申请1件，但表三“四、结转下年度继续办理”行“总计”列为0',
      '正文“被申请行政复议1件”称行政复议1件，但表四“行政复议·总计”为0',
      '正文“行政诉讼2件”称行政诉讼2件，但表四“行政诉讼/未经复议直接起诉·总计”与表四“行政诉讼/复议后起诉·总计”之和为0',
      '正文“行政复议和行政诉讼共3件”称行政复议和行政诉讼共3件，但表四“行政复议·总计”、表四“行政诉讼/未经复议直接起诉·总计”与表四“行政诉讼/复议后起诉·总计”之和为0',
      '正文“全年作出行政许可决定98件”称行政许可98件，但表二“行政许可”“本年处理决定数量”为0',
      '正文“作出行政处罚决定38,665件”称行政处罚38665件，但表二“行政处罚”“本年处理决定数量”为0',
      '正文“实施行政强制3起”称行政强制3起，但表二“行政强制”“本年处理决定数量”为0',
      '正文“制发行政规范性文件2件”称制发行政规范性文件2件，但表二“行政规范性文件”“本年制发件数”为0',
      '正文“废止规范性文件1件”称废止行政规范性文件1件，但表二“行政规范性文件”“本年废止件数”为0',
      '正文“现行有效规范性文件5件”称现行有效行政规范性文件5件，但表二“行政规范性文件”“现行有效件数”为0',
      '正文“收取行政事业性收费31.42万元”称行政事业性收费31.42万元，但表二“行政事业性收费”“本年收费金额（单位：万元）”为0万元',
      '正文“收取行政事业性收费314200元”称行政事业性收费314200元，但表二“行政事业性收费”“本年收费金额（单位：万元）”为0万元',
    ]);
  });

  it('reads statements of zero', () => {
    const cells = report({ 'table3.newReceived.total': 2, 'table4.count.review_total': 1 });
    expect(check('本年度未收到政府信息公开申请。', cells).findings.map((f) => f.message)).toEqual([
      '正文“本年度未收到政府信息公开申请”表明收到政府信息公开申请为0，但表三“一、本年新收政府信息公开申请数量”行“总计”列为2',
    ]);
    expect(check('本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。', cells).findings.map((f) => f.cells.map((c) => c.column))).toEqual([
      ['review_total'],
    ]);
    expect(check('本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。', report()).claims.map((c) => c.status)).toEqual([
      'consistent',
      'consistent',
    ]);
    expect(check('依申请公开方面，被申请行政复议的案件为0，行政诉讼案件数为0。', cells).findings.map((f) => f.cells.map((c) => c.column))).toEqual([
      ['review_total'],
    ]);
    expect(check('信息公开行政复议、行政诉讼各1件。', cells).findings.map((f) => f.cells.map((c) => c.column))).toEqual([
      ['litDirect_total', 'litAfterReview_total'],
    ]);
  });

  it('leaves hedged or ambiguous statements unchecked instead of raising a false alarm', () => {
    const cells = report({ 'table3.newReceived.total': 4, 'table3.carriedOver.total': 1 });
    const cases: [string, string, string][] = [
      ['共收到政府信息公开申请5件（含上年结转1件）。', '收到政府信息公开申请', '句中还涉及其他事项，含义不确定'],
      ['2022年收到政府信息公开申请3件。', '收到政府信息公开申请', '句中年份与报告年度不同'],
      ['较去年多收到政府信息公开申请2件。', '收到政府信息公开申请', '句中涉及其他年度或累计数'],
      ['收到政府信息公开申请约10件。', '收到政府信息公开申请', '约数'],
      ['信息公开工作方面，作为复议机关受理行政复议案件30件。', '行政复议', '句中还涉及其他事项，含义不确定'],
      ['信息公开方面，行政复议1件被维持。', '行政复议', '句中还涉及其他事项，含义不确定'],
    ];
    for (const [text, subject, reason] of cases) {
      const result = check(text, cells);
      expect(result.findings, text).toEqual([]);
      expect(
        result.claims.filter((c) => c.subject === subject).map((c) => [c.status, c.reason]),
        text,
      ).toEqual([['notChecked', reason]]);
    }
    // 收到 counted with last year's carried-over applications: not flagged, not confirmed.
    expect(check('共收到政府信息公开申请5件。', cells).claims.map((c) => [c.status, c.reason])).toEqual([
      ['notChecked', '口径不明：等于本年新收与上年结转之和'],
    ]);
    expect(check('共收到依申请公开4件。', cells).claims.map((c) => c.status)).toEqual(['consistent']);
    // Words that only look like a subject: no claim at all.
    for (const text of ['公开行政许可事项清单32项。', '建立健全便民服务大厅规章制度3项。', '受理行政许可申请100件。', '行政复议1件。'])
      expect(
        check(text, cells).claims.filter((c) => c.status !== 'notChecked'),
        text,
      ).toEqual([]);
  });

  it('leaves a subject unchecked when its table was not read', () => {
    const result = check('收到政府信息公开申请2件。', []);
    expect(result.claims.map((c) => [c.status, c.reason])).toEqual([['notChecked', '表中未读到对应数字']]);
    expect(result.findings).toEqual([]);
  });
});

describe('hostile text', () => {
  it('a 140,000-character "sentence" of clauses is skipped, not read clause by clause against the whole (it stays linear)', () => {
    const text = `发布信息74条，其中机构概况1条，${'工作动态1条，'.repeat(20_000)}`;
    const result = checkReportText(text, []);
    // Not a sentence anyone wrote: no breakdown is evaluated from it.
    expect(result.breakdowns).toEqual([]);
  });

  it('a real sentence of the same shape is still checked', () => {
    const result = checkReportText('全年发布信息74条，其中机构概况1条，工作动态3条，其他60条。', []);
    expect(result.findings.map((f) => f.rule)).toEqual(['TEXT-BREAKDOWN-SUM']);
  });
});
