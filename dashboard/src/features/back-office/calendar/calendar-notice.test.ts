import { describe, expect, it } from 'vitest';
import { parseNoticeDays } from './calendar-notice';

describe('parseNoticeDays', () => {
  it('reads one day per line, in the usual spellings', () => {
    const { days, bad } = parseNoticeDays('2027-01-01 放假 元旦\n\n2027/2/7 上班 春节调休\n2027年10月1日 休 国庆节\n元旦放假三天');
    expect(days).toEqual([
      { date: '2027-01-01', kind: 'HOLIDAY', name: '元旦' },
      { date: '2027-02-07', kind: 'WORKDAY', name: '春节调休' },
      { date: '2027-10-01', kind: 'HOLIDAY', name: '国庆节' },
    ]);
    expect(bad).toEqual([{ line: 5, text: '元旦放假三天' }]);
  });
});
