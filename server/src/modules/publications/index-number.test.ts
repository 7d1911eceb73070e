import { describe, expect, it } from 'vitest';
import { checkIndexTemplate, DEFAULT_INDEX_TEMPLATE, formatIndexNumber, parseIndexTemplate, sequencePeriodKey, type TemplatePart } from './index-number.js';
import { IndexNumberReset } from './publication-enums.js';

const parts = (t: string) => parseIndexTemplate(t) as TemplatePart[];

describe('索引号 templates', () => {
  it('reproduces the number of seed 002 with the default template', () => {
    expect(formatIndexNumber(parts(DEFAULT_INDEX_TEMPLATE), { creditCode: '113417007728242536', orgCode: 'XC', date: '2020-11-17', seq: 29 })).toBe(
      '113417007728242536/202011-00029',
    );
  });

  it('formats the other tokens, and lets the sequence grow past its width', () => {
    expect(formatIndexNumber(parts('{orgCode}-{YY}{MM}{DD}-{SEQ}'), { creditCode: null, orgCode: 'PDS', date: '2026-03-09', seq: 7 })).toBe('PDS-260309-7');
    expect(formatIndexNumber(parts('{creditCode}/{YYYY}-{SEQ:3}'), { creditCode: 'C', orgCode: 'O', date: '2026-03-09', seq: 1234 })).toBe('C/2026-1234');
  });

  it('refuses templates that cannot number uniquely or do not parse', () => {
    const org = { creditCode: '11410400MB1D00001X' };
    expect(checkIndexTemplate(DEFAULT_INDEX_TEMPLATE, IndexNumberReset.MONTHLY, org)).toBeNull();
    expect(checkIndexTemplate('{creditCode}/{YYYY}-{SEQ:5}', IndexNumberReset.YEARLY, org)).toBeNull();
    expect(checkIndexTemplate('{orgCode}-{SEQ:6}', IndexNumberReset.NEVER, org)).toBeNull();
    expect(checkIndexTemplate('{creditCode}/{YYYY}-{SEQ:5}', IndexNumberReset.MONTHLY, org)).toMatch(/月份/);
    expect(checkIndexTemplate('{creditCode}/{SEQ:5}', IndexNumberReset.YEARLY, org)).toMatch(/年份/);
    expect(checkIndexTemplate('{creditCode}/{YYYY}', IndexNumberReset.NEVER, org)).toMatch(/序号/);
    expect(checkIndexTemplate('{SEQ}-{SEQ}', IndexNumberReset.NEVER, org)).toMatch(/序号/);
    expect(checkIndexTemplate('{foo}/{SEQ}', IndexNumberReset.NEVER, org)).toMatch(/未知的占位符/);
    expect(checkIndexTemplate('{YYYY:2}/{SEQ}', IndexNumberReset.NEVER, org)).toMatch(/位数/);
    expect(checkIndexTemplate('{SEQ:0}', IndexNumberReset.NEVER, org)).toMatch(/1–10/);
    expect(checkIndexTemplate('{SEQ', IndexNumberReset.NEVER, org)).toMatch(/花括号/);
    expect(checkIndexTemplate('a b {SEQ}', IndexNumberReset.NEVER, org)).toMatch(/空白/);
    expect(checkIndexTemplate(DEFAULT_INDEX_TEMPLATE, IndexNumberReset.MONTHLY, { creditCode: null })).toMatch(/信用代码/);
  });

  it('draws from one sequence per month, year or ever', () => {
    expect(sequencePeriodKey(IndexNumberReset.MONTHLY, '2026-11-21')).toBe('2026-11');
    expect(sequencePeriodKey(IndexNumberReset.YEARLY, '2026-11-21')).toBe('2026');
    expect(sequencePeriodKey(IndexNumberReset.NEVER, '2026-11-21')).toBe('*');
  });
});
