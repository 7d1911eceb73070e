import { describe, expect, it } from 'vitest';
import type { AssessmentItemFieldsFragment } from '../../../graphql/generated/graphql';
import {
  blankItem,
  copyTargets,
  formatOccurrenceKinds,
  itemDraft,
  itemIndexOf,
  itemInput,
  nextCode,
  parseCodes,
  parseOccurrenceKinds,
  ruleParams,
  setInput,
} from './assessment-set';

const def = (over: Partial<AssessmentItemFieldsFragment>): AssessmentItemFieldsFragment => ({
  code: '1',
  group: '主动公开',
  title: '机构信息',
  requirement: '公开本部门的机关职能',
  maxPoints: 4,
  rule: 'MANUAL',
  perQuarter: null,
  perYear: null,
  deadlineKinds: [],
  scoring: null,
  deduction: null,
  cap: null,
  zeroAfterDays: null,
  occurrenceKinds: [],
  vetoes: [],
  idleDays: null,
  minCases: null,
  ...over,
});

describe('rule parameters in words', () => {
  it('describes each rule', () => {
    expect(ruleParams(def({ rule: 'PUBLICATION_QUOTA', perQuarter: 50, perYear: 200 }))).toBe('每季度50条；年度200条');
    expect(ruleParams(def({ rule: 'DEADLINES_ON_TIME', deadlineKinds: ['PROPOSAL'], scoring: 'PER_LATE', deduction: 2.5 }))).toBe(
      '建议提案；逾期按件扣分；每件扣2.5分',
    );
    expect(ruleParams(def({ rule: 'DEADLINES_ON_TIME', deadlineKinds: ['APPLICATION'], scoring: 'RATE', minCases: 5 }))).toBe('依申请公开；按及时率；最低5件');
    expect(ruleParams(def({ rule: 'NEW_MEDIA_FRESHNESS', deduction: 1, zeroAfterDays: 14 }))).toBe('被提醒更新每次扣1分；超过14天未更新不得分');
    expect(ruleParams(def({ rule: 'OCCURRENCES', occurrenceKinds: [{ label: '错别字', amount: 0.5 }], cap: 6 }))).toBe('错别字0.5分/次；最多扣6分');
    expect(ruleParams(def({ rule: 'VETO', maxPoints: 0, vetoes: ['18', '19'], idleDays: 14 }))).toBe('否决第18、19项；账号14天未更新自动否决');
    expect(ruleParams(def({}))).toBe('');
  });
});

describe('editing', () => {
  it('reads occurrence kinds and veto codes as typed', () => {
    expect(parseOccurrenceKinds('严重表述错误:5\n错别字：0.5分；')).toEqual({
      ok: true,
      value: [
        { label: '严重表述错误', amount: 5 },
        { label: '错别字', amount: 0.5 },
      ],
    });
    expect(parseOccurrenceKinds('错别字')).toMatchObject({ ok: false });
    expect(formatOccurrenceKinds([{ label: '错别字', amount: 0.5 }])).toBe('错别字:0.5');
    expect(parseCodes('18,19、20 18')).toEqual(['18', '19', '20']);
  });

  it('round-trips an item, sending only its rule’s parameters', () => {
    const quota = def({ code: '16', rule: 'PUBLICATION_QUOTA', perQuarter: 50, perYear: 200, maxPoints: 15, minCases: 3 });
    const parsed = itemInput(itemDraft(quota), 0);
    expect(parsed).toEqual({
      ok: true,
      value: {
        code: '16',
        group: '主动公开',
        title: '机构信息',
        requirement: '公开本部门的机关职能',
        maxPoints: 15,
        rule: 'PUBLICATION_QUOTA',
        perQuarter: 50,
        perYear: 200,
      },
    });
    const draft = { ...itemDraft(quota), rule: 'VETO' as const, maxPoints: 0, vetoes: '18,19' };
    expect(itemInput(draft, 3)).toMatchObject({ ok: true, value: { rule: 'VETO', vetoes: ['18', '19'], idleDays: null } });
  });

  it('names the row of a number that is not one, as the server names its fields', () => {
    expect(itemInput({ ...blankItem('7'), maxPoints: 'x' }, 6)).toMatchObject({ ok: false, field: 'items.6.maxPoints' });
    expect(itemInput({ ...blankItem('7'), rule: 'PUBLICATION_QUOTA', perQuarter: 2.5 }, 6)).toMatchObject({ ok: false, field: 'items.6.perQuarter' });
    expect(itemIndexOf('items.6.perQuarter')).toBe(6);
    expect(itemIndexOf('title')).toBeNull();
  });

  it('builds the whole set with its version', () => {
    const parsed = setInput('1', '2026', { title: ' 2026年考核 ', bonusTitle: '', bonusCap: '', items: [itemDraft(def({}))] }, 3);
    expect(parsed).toMatchObject({ ok: true, value: { organizationId: '1', period: '2026', title: '2026年考核', bonusTitle: null, bonusCap: 0, version: 3 } });
    expect(setInput('1', '2026', { title: 't', bonusTitle: '', bonusCap: 'x', items: [] }, null)).toMatchObject({ ok: false, field: 'bonusCap' });
  });

  it('numbers a new item after the highest and offers periods to copy to', () => {
    expect(nextCode([{ code: '1' }, { code: '21' }, { code: 'A' }])).toBe('22');
    expect(nextCode([])).toBe('1');
    expect(copyTargets('2026', ['2026', '2026-H2'])).toEqual(['2026-H1', '2027', '2027-H1', '2027-H2']);
  });
});
