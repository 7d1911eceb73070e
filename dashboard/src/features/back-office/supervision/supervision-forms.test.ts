import { describe, expect, it } from 'vitest';
import { daysInput, editableTarget, evidenceLines, formatDaysBefore, parseDaysBefore, secretInput } from './supervision-forms';

describe('parseDaysBefore', () => {
  it('reads "5,2" with any usual separator, largest first, each once', () => {
    expect(parseDaysBefore('5,2')).toEqual({ ok: true, value: [5, 2] });
    expect(parseDaysBefore('2，5、5 10')).toEqual({ ok: true, value: [10, 5, 2] });
    expect(parseDaysBefore(' 3 ')).toEqual({ ok: true, value: [3] });
  });

  it('takes an empty box as no reminder before the day', () => {
    expect(parseDaysBefore('')).toEqual({ ok: true, value: [] });
    expect(parseDaysBefore(' , ')).toEqual({ ok: true, value: [] });
  });

  it('says what is wrong', () => {
    expect(parseDaysBefore('5,两')).toEqual({ ok: false, message: '“两”不是整数，请写成 5,2 的形式' });
    expect(parseDaysBefore('1.5')).toMatchObject({ ok: false });
    expect(parseDaysBefore('0')).toEqual({ ok: false, message: '提前天数须在1至60个工作日之间' });
    expect(parseDaysBefore('61')).toMatchObject({ ok: false });
    expect(parseDaysBefore('1,2,3,4,5,6')).toEqual({ ok: false, message: '提前提醒最多设置5次' });
  });

  it('round-trips with formatDaysBefore', () => {
    expect(formatDaysBefore([5, 2])).toBe('5,2');
    expect(formatDaysBefore([])).toBe('');
    const parsed = parseDaysBefore(formatDaysBefore([7, 3, 1]));
    expect(parsed).toEqual({ ok: true, value: [7, 3, 1] });
  });
});

describe('daysInput', () => {
  it('gives the fallback for an empty box and the number otherwise', () => {
    expect(daysInput('', null)).toBeNull();
    expect(daysInput('', 0)).toBe(0);
    expect(daysInput(undefined, 5)).toBe(5);
    expect(daysInput(3, null)).toBe(3);
    expect(daysInput(' 4 ', null)).toBe(4);
    expect(daysInput('x', 0)).toBe(0);
  });
});

describe('evidenceLines', () => {
  it('keeps one link per line, trimmed, without blanks or repeats', () => {
    expect(evidenceLines(' https://a.gov.cn/1 \r\n\nhttps://a.gov.cn/2\nhttps://a.gov.cn/1\n  ')).toEqual(['https://a.gov.cn/1', 'https://a.gov.cn/2']);
    expect(evidenceLines('')).toEqual([]);
  });
});

describe('channel form', () => {
  it('prefills e-mail addresses but never a masked webhook', () => {
    expect(editableTarget('EMAIL', 'a@x.gov.cn, b@x.gov.cn')).toBe('a@x.gov.cn, b@x.gov.cn');
    expect(editableTarget('WECOM_ROBOT', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…abcd')).toBe('');
    expect(editableTarget('DINGTALK_ROBOT', 'https://oapi.dingtalk.com/robot/send?access_token=…abcd')).toBe('');
  });

  it('sends a secret only for 钉钉: blank keeps it, clear removes it', () => {
    expect(secretInput('DINGTALK_ROBOT', ' SECabc ', false)).toBe('SECabc');
    expect(secretInput('DINGTALK_ROBOT', '', false)).toBeNull();
    expect(secretInput('DINGTALK_ROBOT', 'SECabc', true)).toBe('');
    expect(secretInput('WECOM_ROBOT', 'SECabc', false)).toBeNull();
    expect(secretInput('EMAIL', '', true)).toBeNull();
  });
});
