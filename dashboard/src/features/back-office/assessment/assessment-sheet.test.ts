import { describe, expect, it } from 'vitest';
import { AssessmentSheetStateLabel } from '../../../graphql/generated/enum-labels';
import type { AssessmentSheetState, ItemScoreFieldsFragment } from '../../../graphql/generated/graphql';
import {
  assessedUnit,
  byRank,
  casesText,
  defaultPeriod,
  entryDraft,
  entryInput,
  entryShape,
  formatPoints,
  groupItems,
  isAutomatic,
  itemRanking,
  officeActions,
  periodLabel,
  rankText,
  SHEET_STATE,
  sharedRanks,
} from './assessment-sheet';

const ref = { organizationId: '1', period: '2026', departmentId: '4' };

const item = (code: string, over: Partial<ItemScoreFieldsFragment> = {}): ItemScoreFieldsFragment => ({
  code,
  title: `指标${code}`,
  group: '主动公开',
  rule: 'MANUAL',
  points: 4,
  maxPoints: 4,
  vetoed: false,
  basis: '',
  selfPoints: null,
  differs: false,
  pending: false,
  cases: null,
  casesMet: null,
  caution: false,
  itemRank: 1,
  facts: [],
  ...over,
});
const unit = (id: string, rank: number, items: ItemScoreFieldsFragment[] = []) => ({ department: { id, name: `单位${id}` }, rank, total: 100 - rank, items });

describe('labels and periods', () => {
  it('has a label and colour for every sheet state', () => {
    for (const s of Object.keys(AssessmentSheetStateLabel) as AssessmentSheetState[]) {
      expect(SHEET_STATE[s].label).toBe(AssessmentSheetStateLabel[s]);
      expect(SHEET_STATE[s].color).toMatch(/^#[0-9a-f]{6}$/);
    }
    expect(SHEET_STATE.FINAL.label).toBe('定稿');
  });

  it('names periods and opens the current year by default', () => {
    expect(periodLabel('2026')).toBe('2026年');
    expect(periodLabel('2026-H1')).toBe('2026年上半年');
    expect(periodLabel('2026-H2')).toBe('2026年下半年');
    expect(periodLabel('x')).toBe('x');
    expect(defaultPeriod(['2026-H2', '2026', '2025'], '2026-12-01')).toBe('2026');
    expect(defaultPeriod(['2026-H2', '2025'], '2026-12-01')).toBe('2026-H2');
    expect(defaultPeriod([], '2026-12-01')).toBeNull();
  });

  it('writes points and ranks', () => {
    expect(formatPoints(12.5)).toBe('12.5');
    expect(formatPoints(4)).toBe('4');
    expect(formatPoints(86.456)).toBe('86.46');
    expect(formatPoints(null)).toBe('—');
    expect(rankText(3, 12)).toBe('第3名/共12个单位');
    expect(rankText(2, 12, true)).toBe('并列第2名/共12个单位');
    expect([...sharedRanks([1, 2, 2, 4])]).toEqual([2]);
  });
});

describe('ranking', () => {
  it('orders units by rank, ties in the server order', () => {
    expect(byRank([unit('a', 2), unit('b', 1), unit('c', 2)]).map((u) => u.department.id)).toEqual(['b', 'a', 'c']);
  });

  it('ranks one item across the units, leaving out units without items', () => {
    const rows = itemRanking(
      [
        unit('a', 1, [item('12', { itemRank: 2, cases: 3, casesMet: 3, caution: true })]),
        unit('b', 2, []),
        unit('c', 3, [item('12', { itemRank: 1, cases: 20, casesMet: 19 })]),
      ],
      '12',
    );
    expect(rows.map((r) => r.department.id)).toEqual(['c', 'a']);
    expect(casesText(rows[0]!.item)).toBe('19/20件按时');
    expect(casesText(item('1'))).toBeNull();
  });

  it('groups items in the order of the set', () => {
    const groups = groupItems([item('1'), item('16', { group: '信息发布情况' }), item('2')]);
    expect(groups.map((g) => [g.group, g.items.map((i) => i.code)])).toEqual([
      ['主动公开', ['1', '2']],
      ['信息发布情况', ['16']],
    ]);
  });
});

describe('what can be done', () => {
  it('moves a sheet by its state', () => {
    expect(officeActions('SELF_ASSESSING')).toEqual(['finalize']);
    expect(officeActions('REVIEWING')).toEqual(['return', 'finalize']);
    expect(officeActions('FINAL')).toEqual(['reopen']);
  });

  it('gives each rule its entry form, none for an automatic item’s 复核', () => {
    expect(isAutomatic('PUBLICATION_QUOTA')).toBe(true);
    expect(isAutomatic('MANUAL')).toBe(false);
    expect(entryShape('MANUAL', 'REVIEW')).toEqual({ points: 'required', occurrences: false, veto: false, evidence: false });
    expect(entryShape(null, 'REVIEW')?.points).toBe('required');
    expect(entryShape('OCCURRENCES', 'REVIEW')).toEqual({ points: null, occurrences: true, veto: false, evidence: false });
    expect(entryShape('VETO', 'REVIEW')?.veto).toBe(true);
    for (const rule of ['PUBLICATION_QUOTA', 'NEW_MEDIA_FRESHNESS', 'DEADLINES_ON_TIME'] as const) {
      expect(entryShape(rule, 'REVIEW')).toBeNull();
      expect(entryShape(rule, 'SELF')).toEqual({ points: 'optional', occurrences: false, veto: false, evidence: true });
    }
    expect(entryShape('MANUAL', 'SELF')?.evidence).toBe(true);
  });

  it('finds the unit of a user: a direct child of an organisation', () => {
    const departments = [
      { id: '1', name: '局', kind: 'ORGANIZATION', parent: null },
      { id: '2', name: '局办公室', kind: 'OFFICE', parent: { id: '1' } },
      { id: '3', name: '执法一大队', kind: 'SUBORDINATE_UNIT', parent: { id: '9' } },
      { id: '9', name: '支队', kind: 'SUBORDINATE_UNIT', parent: { id: '1' } },
    ];
    expect(assessedUnit(departments, '2')).toEqual({ id: '2', name: '局办公室', organizationId: '1', organizationName: '局' });
    expect(assessedUnit(departments, '3')).toBeNull();
    expect(assessedUnit(departments, '1')).toBeNull();
    expect(assessedUnit(departments, null)).toBeNull();
  });
});

describe('entry input', () => {
  const kinds = [
    { label: '严重表述错误', amount: 5 },
    { label: '错别字', amount: 0.5 },
  ];

  it('sends the points and the reason of a manual 复核, leaving what is missing to the server', () => {
    const draft = { ...entryDraft(null, []), points: 3, reason: ' 栏目内容不全 ' };
    expect(entryInput(ref, '2', 'REVIEW', entryShape('MANUAL', 'REVIEW')!, draft)).toEqual({
      ok: true,
      value: { ...ref, itemCode: '2', side: 'REVIEW', points: 3, reason: '栏目内容不全' },
    });
    const empty = entryInput(ref, '2', 'REVIEW', entryShape('MANUAL', 'REVIEW')!, entryDraft(null, []));
    expect(empty.ok && empty.value.points).toBeNull();
    expect(entryInput(ref, '2', 'REVIEW', entryShape('MANUAL', 'REVIEW')!, { ...draft, points: 'abc' })).toMatchObject({ ok: false, field: 'points' });
  });

  it('counts occurrences per kind and refuses a count that is not a whole number', () => {
    const draft = entryDraft(null, kinds);
    expect(draft.occurrences).toEqual({ 严重表述错误: 0, 错别字: 0 });
    draft.occurrences['错别字'] = 2;
    draft.occurrences['严重表述错误'] = '';
    const parsed = entryInput(ref, '20', 'REVIEW', entryShape('OCCURRENCES', 'REVIEW')!, draft);
    expect(parsed.ok && parsed.value.occurrences).toEqual([
      { label: '严重表述错误', count: 0 },
      { label: '错别字', count: 2 },
    ]);
    expect(parsed.ok && 'points' in parsed.value).toBe(false);
    draft.occurrences['错别字'] = 1.5;
    expect(entryInput(ref, '20', 'REVIEW', entryShape('OCCURRENCES', 'REVIEW')!, draft)).toMatchObject({ ok: false, field: 'occurrences' });
  });

  it('sends a veto choice, and the evidence of a 自评 without blank rows', () => {
    const veto = entryInput(ref, '21', 'REVIEW', entryShape('VETO', 'REVIEW')!, { ...entryDraft(null, []), vetoed: 'no', reason: '已整改' });
    expect(veto.ok && veto.value.vetoed).toBe(false);
    const unset = entryInput(ref, '21', 'REVIEW', entryShape('VETO', 'REVIEW')!, entryDraft(null, []));
    expect(unset.ok && unset.value.vetoed).toBeNull();
    const self = entryInput(ref, '1', 'SELF', entryShape('MANUAL', 'SELF')!, {
      ...entryDraft(null, []),
      points: 4,
      evidence: [
        { title: ' 机构职能栏目 ', url: ' /admin/publications ' },
        { title: '', url: '' },
      ],
    });
    expect(self.ok && self.value.evidence).toEqual([{ title: '机构职能栏目', url: '/admin/publications' }]);
  });

  it('starts from the existing entry', () => {
    const entry = {
      id: '5',
      itemCode: '1',
      side: 'SELF' as const,
      points: 4,
      vetoed: false,
      reason: '已公开',
      enteredBy: 'bgs.head',
      updatedAt: '2026-03-02T01:30:00Z',
      evidence: [{ title: '栏目', url: '/admin/publications' }],
      occurrences: [],
    };
    expect(entryDraft(entry, [])).toEqual({
      points: 4,
      occurrences: {},
      vetoed: 'no',
      reason: '已公开',
      evidence: [{ title: '栏目', url: '/admin/publications' }],
    });
  });

  it('starts 按次扣分 from the counts already entered (0 for a kind not entered)', () => {
    const entry = {
      id: '6',
      itemCode: '20',
      side: 'REVIEW' as const,
      points: null,
      vetoed: false,
      reason: '抽查发现',
      enteredBy: 'office.admin',
      updatedAt: '2026-03-02T01:30:00Z',
      evidence: [],
      occurrences: [{ label: '错别字', count: 2 }],
    };
    expect(entryDraft(entry, [{ label: '严重表述错误' }, { label: '错别字' }]).occurrences).toEqual({ 严重表述错误: 0, 错别字: 2 });
  });
});
