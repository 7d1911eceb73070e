import { describe, expect, it } from 'vitest';
import { DeadlineKind } from '../deadlines/deadline-enums.js';
import { AssessmentRule, parseAssessmentPeriod, TimelinessScoring } from './assessment-enums.js';
import { AssessmentItemDefinition } from './assessment.entity.js';
import { competitionRanks, scoreUnitItems, wilsonLowerBound, type UnitFacts } from './scoring.js';

const item = (over: Partial<AssessmentItemDefinition>): AssessmentItemDefinition =>
  Object.assign(new AssessmentItemDefinition(), { code: '1', group: 'G', title: 'T', requirement: '', maxPoints: 10, rule: AssessmentRule.MANUAL, ...over });
const facts = (over: Partial<UnitFacts> = {}): UnitFacts => ({
  quarterCounts: new Map(),
  accounts: [],
  reminders: [],
  deadlines: new Map(),
  self: new Map(),
  review: new Map(),
  ...over,
});
const year = parseAssessmentPeriod('2026')!;

describe('ranking', () => {
  it('ties share a rank and the next rank skips (1, 2, 2, 4); equal to 0.01 is a tie', () => {
    expect(competitionRanks([90, 95, 90, 80])).toEqual([2, 1, 2, 4]);
    expect(competitionRanks([85.001, 85, 84.99])).toEqual([1, 1, 3]);
    expect(competitionRanks([])).toEqual([]);
  });

  it('a rate on few cases ranks below the same or a lower rate on many (Wilson lower bound)', () => {
    expect(wilsonLowerBound(2, 2)).toBeLessThan(wilsonLowerBound(48, 50));
    expect(wilsonLowerBound(2, 2)).toBeCloseTo(0.342, 3);
    expect(wilsonLowerBound(48, 50)).toBeCloseTo(0.865, 3);
    expect(wilsonLowerBound(0, 0)).toBe(1);
  });
});

describe('scoring rules', () => {
  it('overdue plan tasks: a deduction per late task, capped at the item', () => {
    const tasks = item({
      rule: AssessmentRule.DEADLINES_ON_TIME,
      deadlineKinds: [DeadlineKind.TASK],
      scoring: TimelinessScoring.PER_LATE,
      deduction: 3,
      cap: 8,
    });
    const late = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        deadlineId: i + 1,
        kind: DeadlineKind.TASK,
        title: `任务${i}`,
        dueDate: '2026-03-31',
        completedOn: i ? '2026-04-03' : null,
      }));
    const score = (n: number) =>
      scoreUnitItems([tasks], facts({ deadlines: new Map([[DeadlineKind.TASK, { total: 10, late: late(n) }]]) }), { period: year, asOf: '2026-12-31' })[0]!;
    // 2 late × 3 = 6 → 10 − 6 = 4; 4 late × 3 = 12, capped at 8 → 2.
    expect(score(2).points).toBe(4);
    expect(score(4).points).toBe(2);
    expect(score(4).facts.map((f) => f.kind)).toEqual(['DEADLINE_OPEN_OVERDUE', 'DEADLINE_LATE', 'DEADLINE_LATE', 'DEADLINE_LATE']);
  });

  it('publications: a quarter under way counts for its share of days', () => {
    const quota = item({ rule: AssessmentRule.PUBLICATION_QUOTA, maxPoints: 15, perQuarter: 50, perYear: 200 });
    // As of 2026-02-14 (45 of Q1's 90 days): target 25; 20 published → 0.8; year 200 × 0.5/4 = 25 → 0.8 → 15 × 0.8 = 12.
    const [s] = scoreUnitItems([quota], facts({ quarterCounts: new Map([[1, 20]]) }), { period: year, asOf: '2026-02-14' });
    expect(s!.points).toBe(12);
    expect(s!.facts[0]!.text).toBe('一季度发布20条（截至2026-02-14应发布25条）');
    // On 1 January (1 of 90 days): ⌊50 × 1/90⌋ = 0 due yet — nobody is behind on the first day.
    const [first] = scoreUnitItems([quota], facts(), { period: year, asOf: '2026-01-01' });
    expect(first!.points).toBe(15);
    // 2026-01-10 (10/90): ⌊5.56⌋ = 5 due, 2 published → 0.4; year ⌊200 × (10/90)/4⌋ = 5 → 0.4 → 15 × 0.4 = 6.
    const [tenth] = scoreUnitItems([quota], facts({ quarterCounts: new Map([[1, 2]]) }), { period: year, asOf: '2026-01-10' });
    expect(tenth!.points).toBe(6);
  });

  it('new media: the day an account passes 14 days without an update must lie in the period; the veto zeroes the named items', () => {
    const fresh = item({ code: '19', rule: AssessmentRule.NEW_MEDIA_FRESHNESS, maxPoints: 6, deduction: 1, zeroAfterDays: 14 });
    const other = item({ code: '20', rule: AssessmentRule.MANUAL, maxPoints: 6 });
    const veto = item({ code: '21', rule: AssessmentRule.VETO, maxPoints: 0, vetoes: ['19', '20'], idleDays: 14 });
    const account = (gaps: { from: string; to: string }[], lastUpdate: string) => ({ channelId: 1, name: '公众号', lastUpdate, openedOn: '2025-01-01', gaps });
    const half = parseAssessmentPeriod('2026-H2')!;
    // A 20-day gap 06-20 → 07-10 passes its mark on 07-05, inside H2: zero.
    const crossing = scoreUnitItems([fresh], facts({ accounts: [account([{ from: '2026-06-20', to: '2026-07-10' }], '2026-12-28')] }), {
      period: half,
      asOf: '2026-12-31',
    });
    expect(crossing[0]!.points).toBe(0);
    // A 20-day gap 06-01 → 06-21 passed its mark in H1: not H2's.
    const before = scoreUnitItems([fresh], facts({ accounts: [account([{ from: '2026-06-01', to: '2026-06-21' }], '2026-12-28')] }), {
      period: half,
      asOf: '2026-12-31',
    });
    expect(before[0]!.points).toBe(6);
    // Exactly 14 days apart is not more than 14.
    const exact = scoreUnitItems([fresh], facts({ accounts: [account([{ from: '2026-08-01', to: '2026-08-15' }], '2026-12-28')] }), {
      period: half,
      asOf: '2026-12-31',
    });
    expect(exact[0]!.points).toBe(6);
    // Idle 14 days on the check date: the veto applies and zeroes 19 and 20.
    const idle = scoreUnitItems([fresh, other, veto], facts({ accounts: [account([], '2026-12-17')] }), { period: half, asOf: '2026-12-31' });
    expect(idle.map((i) => [i.code, i.points, i.vetoed])).toEqual([
      ['19', 0, true],
      ['20', 0, true],
      ['21', 0, true],
    ]);
    // The office says 不否决: the automatic veto yields.
    const overruled = scoreUnitItems(
      [fresh, other, veto],
      facts({ accounts: [account([], '2026-12-17')], review: new Map([['21', { points: null, occurrences: {}, vetoed: false, reason: '账号迁移期间' }]]) }),
      { period: half, asOf: '2026-12-31' },
    );
    expect(overruled.map((i) => i.vetoed)).toEqual([false, false, false]);
    expect(overruled[1]!.points).toBe(6);
  });
});
