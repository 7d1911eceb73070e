import { describe, expect, it } from 'vitest';
import { batchesUnder, pastedLabel, renderLiveFields, reportTitle, splitPastedReports } from './report-helpers';

describe('annual-report helpers', () => {
  it('splits pasted reports at lines of only =====', () => {
    expect(splitPastedReports('甲单位年报\n一、总体情况\n=====\n乙单位年报\n  =====  \n\n=====\n丙')).toEqual(['甲单位年报\n一、总体情况', '乙单位年报', '丙']);
    expect(splitPastedReports('a ===== b')).toEqual(['a ===== b']);
  });

  it('labels a pasted report by its first line', () => {
    expect(pastedLabel('\n  某局2024年政府信息公开工作年度报告\n正文', 0)).toBe('第1篇：某局2024年政府信息公开工作年度报告');
    expect(pastedLabel('', 2)).toBe('第3篇');
  });

  it('prints the live fields it knows and keeps the others', () => {
    const values = new Map([['新收申请数', 12]]);
    expect(renderLiveFields('新收{{新收申请数}}件，{{ 新收申请数 }}件，{{未知}}', values)).toEqual({ text: '新收12件，12件，{{未知}}', unknown: ['未知'] });
  });

  it('titles the report', () => {
    expect(reportTitle(' 某局 ', 2025)).toBe('某局2025年政府信息公开工作年度报告');
  });
});

describe('batchesUnder', () => {
  it('keeps every batch under the limit and the reports in order', () => {
    const reports = Array.from({ length: 200 }, (_, i) => ({ label: `r${i}`, text: '年报'.repeat(2000 + ((i * 37) % 5000)) }));
    const batches = batchesUnder(reports, 700 * 1024);
    expect(batches.flat()).toEqual(reports);
    for (const b of batches) expect(new TextEncoder().encode(JSON.stringify(b)).length).toBeLessThanOrEqual(700 * 1024 + 2 + b.length);
    expect(batches.length).toBeGreaterThan(1);
  });
  it('puts a report larger than the limit alone', () => {
    const big = { text: 'x'.repeat(2000) };
    expect(batchesUnder([{ text: 'a' }, big, { text: 'b' }], 1000)).toEqual([[{ text: 'a' }], [big], [{ text: 'b' }]]);
  });
});
