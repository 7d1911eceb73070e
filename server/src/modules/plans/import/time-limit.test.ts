import { describe, expect, it } from 'vitest';
import { looksLikeTimeLimit, parseTimeLimit, periodDueDates } from './time-limit.js';

const due = (text: string, year: number | null = 2024) => parseTimeLimit(text, year).dueDate;

describe('parseTimeLimit: due dates', () => {
  it.each([
    ['年底前', '2024-12-31'],
    ['年内', '2024-12-31'],
    ['年底', '2024-12-31'],
    ['年末', '2024-12-31'],
    ['全年', '2024-12-31'],
    ['2024年底前', '2024-12-31'],
    ['2025年', '2025-12-31'],
    ['12月底前', '2024-12-31'],
    ['十二月底前', '2024-12-31'],
    ['6月底前', '2024-06-30'],
    ['6月底', '2024-06-30'],
    ['六月底前完成', '2024-06-30'],
    ['2月底前', '2024-02-29'],
    ['9月份', '2024-09-30'],
    ['9月', '2024-09-30'],
    ['10月末', '2024-10-31'],
    ['3月上旬', '2024-03-10'],
    ['3月中旬', '2024-03-20'],
    ['3月下旬', '2024-03-31'],
    ['6月前', '2024-05-31'],
    ['6月之前', '2024-05-31'],
    ['1月前', '2023-12-31'],
    ['9月30日前', '2024-09-30'],
    ['9月30日', '2024-09-30'],
    ['2024年9月30日前', '2024-09-30'],
    ['2025年3月31日前完成', '2025-03-31'],
    ['2024年9月底', '2024-09-30'],
    ['2024-09-30', '2024-09-30'],
    ['2024.9.30', '2024-09-30'],
    ['2024/9/30前', '2024-09-30'],
    ['上半年', '2024-06-30'],
    ['下半年', '2024-12-31'],
    ['2024年上半年', '2024-06-30'],
    ['前三季度', '2024-09-30'],
    ['第一季度', '2024-03-31'],
    ['第三季度', '2024-09-30'],
    ['三季度末', '2024-09-30'],
    ['第4季度', '2024-12-31'],
    ['２０２４年６月３０日前', '2024-06-30'],
    [' 6月底前 ', '2024-06-30'],
  ])('%s → %s', (text, date) => {
    expect(due(text)).toBe(date);
  });

  it('keeps the text as written and every date it names', () => {
    expect(parseTimeLimit('  3月底前完成初稿，6月底前\n正式印发 ', 2024)).toEqual({
      dueDate: '2024-03-31',
      dueDates: ['2024-03-31', '2024-06-30'],
      recurrence: null,
      ongoing: false,
      asWritten: '3月底前完成初稿，6月底前 正式印发',
      warning: null,
    });
  });

  it('a date wins over "持续": due, not ongoing', () => {
    expect(parseTimeLimit('6月底前完成，并持续推进', 2024)).toMatchObject({ dueDate: '2024-06-30', ongoing: false });
  });
});

describe('parseTimeLimit: recurrences', () => {
  it.each([
    ['每季度', 'QUARTERLY', '2024-03-31'],
    ['每季度末', 'QUARTERLY', '2024-03-31'],
    ['按季度', 'QUARTERLY', '2024-03-31'],
    ['每月', 'MONTHLY', '2024-01-31'],
    ['每月10日前', 'MONTHLY', '2024-01-10'],
    ['按月更新', 'MONTHLY', '2024-01-31'],
    ['每半年', 'SEMIANNUAL', '2024-06-30'],
    ['每周', 'WEEKLY', '2024-01-05'],
    ['每年4月1日前', 'YEARLY', '2024-04-01'],
    ['每年', 'YEARLY', '2024-12-31'],
    ['3月底、6月底、9月底、12月底前', 'QUARTERLY', '2024-03-31'],
  ])('%s → %s from %s', (text, recurrence, first) => {
    expect(parseTimeLimit(text, 2024)).toMatchObject({ recurrence, dueDate: first, ongoing: false });
  });

  it('the first week ends on the first Friday of the year', () => {
    expect(due('每周', 2023)).toBe('2023-01-06');
    expect(due('每周', 2021)).toBe('2021-01-01');
  });

  it.each(['7个工作日内', '收到申请之日起20个工作日内', '不超过5个工作日', '信息形成之日起20个工作日内公开', '3个月内'])(
    '%s is counted from an event: PER_EVENT, ongoing',
    (text) => {
      expect(parseTimeLimit(text, 2024)).toMatchObject({ dueDate: null, recurrence: 'PER_EVENT', ongoing: true, warning: null });
    },
  );
});

describe('periodDueDates: a due date per period of the year', () => {
  const periods = (text: string, year = 2024) => periodDueDates(parseTimeLimit(text, year));
  it('quarters, half-years and months end on their last day (a leap February included)', () => {
    expect(periods('每季度')).toEqual(['2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31']);
    expect(periods('每半年')).toEqual(['2024-06-30', '2024-12-31']);
    const months = periods('每月');
    expect(months).toHaveLength(12);
    expect(months.slice(0, 3)).toEqual(['2024-01-31', '2024-02-29', '2024-03-31']);
    expect(periods('每月', 2025)[1]).toBe('2025-02-28');
  });
  it('a written day is kept in every month', () => {
    expect(periods('每月10日前')).toEqual(Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}-10`));
  });
  it('weeks: every Friday from the first to the last of the year', () => {
    const weeks = periods('每周', 2026);
    expect(weeks[0]).toBe('2026-01-02');
    expect(weeks.at(-1)).toBe('2026-12-25');
    expect(weeks).toHaveLength(52);
    expect(new Set(weeks.map((d) => new Date(`${d}T00:00:00Z`).getUTCDay()))).toEqual(new Set([5]));
  });
  it('dates written out are the periods; one date, a yearly limit, ongoing work or an event limit give none', () => {
    expect(periods('3月底前、6月底前')).toEqual(['2024-03-31', '2024-06-30']);
    expect(periods('3月底、6月底、9月底、12月底前')).toEqual(['2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31']);
    for (const text of ['年底前', '每年', '每年4月1日前', '持续推进', '7个工作日内', '']) expect(periods(text)).toEqual([]);
  });
});

describe('parseTimeLimit: ongoing, vague, unreadable', () => {
  it.each(['持续推进', '长期坚持', '常态化', '常态化开展', '长期', '持续', '持续开展', '及时', '随时', '日常', '长期推进'])(
    '%s → ongoing, no due date',
    (text) => {
      expect(parseTimeLimit(text, 2024)).toMatchObject({ dueDate: null, recurrence: null, ongoing: true, warning: null });
    },
  );

  it.each(['按要求', '根据上级部署', '按上级要求', '按规定时限', '适时', '待定'])('%s → nothing, with a warning asking for a date', (text) => {
    const parsed = parseTimeLimit(text, 2024);
    expect(parsed).toMatchObject({ dueDate: null, ongoing: false, asWritten: text });
    expect(parsed.warning).toContain('未给出具体日期');
  });

  it('unreadable text is kept and flagged', () => {
    expect(parseTimeLimit('视进度而定的某时', 2024).warning).toContain('未能识别');
  });

  it('empty text is nothing, without a warning', () => {
    expect(parseTimeLimit('', 2024)).toEqual({ dueDate: null, dueDates: [], recurrence: null, ongoing: false, asWritten: '', warning: null });
  });

  it('a date without a year and no plan year gives a warning, not a guess; a written year still works', () => {
    expect(parseTimeLimit('6月底前', null)).toMatchObject({ dueDate: null });
    expect(parseTimeLimit('6月底前', null).warning).toContain('未写年份');
    expect(due('2024年6月底前', null)).toBe('2024-06-30');
  });

  it('an impossible date is not a date', () => {
    expect(due('2月30日前')).toBeNull();
  });
});

describe('looksLikeTimeLimit', () => {
  it.each(['年底前', '持续推进', '2023年6月底前完成', '每季度', '长期坚持', '按要求', '7个工作日内'])('%s is a time limit', (text) => {
    expect(looksLikeTimeLimit(text)).toBe(true);
  });
  it.each(['持续深化政务公开', '及时公开', '积极做好政策解读工作,持续提升政策解读质量,丰富解读形式。', '办公室', '深化政策解读形式', ''])(
    '%s is not',
    (text) => {
      expect(looksLikeTimeLimit(text)).toBe(false);
    },
  );
});
