import { describe, expect, it } from 'vitest';
import { labelKey, normalizeReportText, parseChineseNumeral, parseNumber } from './normalize.js';
import { SEED_001 } from './test-fixtures.js';

describe('normalizeReportText', () => {
  it('turns traditional characters into simplified ones and removes pinyin after a Han character', () => {
    expect(normalizeReportText('2023年城管執(zhí)法局政府信息公開工作年度報告')).toBe('2023年城管执法局政府信息公开工作年度报告');
    expect(normalizeReportText('本年制發(fā)件數(shù)')).toBe('本年制发件数');
    expect(normalizeReportText('危及“三安全一穩(wěn)定”')).toBe('危及“三安全一稳定”');
    expect(normalizeReportText('數（shù）據（jù）')).toBe('数据');
    expect(normalizeReportText('我們(wǒ men)的(de)')).toBe('我们的');
  });

  it('keeps brackets holding Chinese, digits, units or acronyms', () => {
    expect(normalizeReportText('第二十条第(一)项')).toBe('第二十条第（一）项');
    expect(normalizeReportText('本年收费金额(单位:万元,保留4位小数)')).toBe('本年收费金额（单位：万元，保留4位小数）');
    expect(normalizeReportText('来信(函)、应用程序(APP)、(1)思想认识')).toBe('来信（函）、应用程序（APP）、（1）思想认识');
    expect(normalizeReportText('Lorem (ipsum)')).toBe('Lorem （ipsum）');
  });

  it('unifies widths, punctuation and spaces but keeps thousands separators, decimals, times and URLs', () => {
    expect(normalizeReportText('共发布信息７４条，其中　机构概况１条')).toBe('共发布信息74条，其中 机构概况1条');
    expect(normalizeReportText('2023年,根据;收到:2件')).toBe('2023年，根据；收到：2件');
    expect(normalizeReportText('行政处罚38,665件,收费31.42万元,8:30开门')).toBe('行政处罚38,665件，收费31.42万元，8:30开门');
    expect(normalizeReportText('见 http://www.example.gov.cn/a,b?x=1 ,谢谢')).toBe('见 http://www.example.gov.cn/a,b?x=1 ，谢谢');
    expect(normalizeReportText('a\r\nb\rc\u200b\ufeff  d \u00a0 e\t|f')).toBe('a\nb\nc d e\t|f');
    expect(normalizeReportText('规章 ｜ ０ ｜')).toBe('规章 | 0 |');
  });

  it('keeps 著 and 乾, which are simplified characters too', () => {
    expect(normalizeReportText('成效顯著，乾坤')).toBe('成效显著，乾坤');
  });

  it('is idempotent and total', () => {
    const once = normalizeReportText(SEED_001);
    expect(normalizeReportText(once)).toBe(once);
    expect(once).not.toMatch(/[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]+[)）]/);
    expect(normalizeReportText('')).toBe('');
    expect(normalizeReportText(null as unknown as string)).toBe('');
  });
});

describe('labelKey', () => {
  it('keeps the words of a label only', () => {
    expect(labelKey('（二）部分公开（区分处理的，只计这一情形，不计其他情形）')).toBe('部分公开');
    expect(labelKey('自 然 人')).toBe('自然人');
    expect(labelKey('3.危及“三安全一稳定”')).toBe('危及三安全一稳定');
    expect(labelKey('一、本年新收政府信息公开申请数量')).toBe('本年新收政府信息公开申请数量');
    expect(labelKey('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）')).toBe('');
    expect(labelKey('本年收费金额（单位：万元，保留4位小数）')).toBe('本年收费金额');
  });
});

describe('numbers', () => {
  it('reads Chinese numerals', () => {
    expect(parseChineseNumeral('十')).toBe(10);
    expect(parseChineseNumeral('十二')).toBe(12);
    expect(parseChineseNumeral('二十')).toBe(20);
    expect(parseChineseNumeral('两')).toBe(2);
    expect(parseChineseNumeral('一百零五')).toBe(105);
    expect(parseChineseNumeral('两千三百')).toBe(2300);
    expect(parseChineseNumeral('三万五千')).toBe(35000);
    expect(parseChineseNumeral('零')).toBe(0);
    expect(parseChineseNumeral('二〇二三')).toBe(2023);
    expect(parseChineseNumeral('十几')).toBeNull();
    expect(parseChineseNumeral('万')).toBeNull();
  });

  it('reads Arabic numbers with separators, decimals and 万', () => {
    expect(parseNumber('38,665')).toBe(38665);
    expect(parseNumber('31.42')).toBe(31.42);
    expect(parseNumber('1.2万')).toBe(12000);
    expect(parseNumber('abc')).toBeNull();
  });
});
