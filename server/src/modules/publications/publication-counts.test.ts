import { describe, expect, it } from 'vitest';
import { compare } from '../../core/compare.js';
import { countDeltas } from './publication-counts.js';
import { InterpretationForm } from './publication-enums.js';

const item = (over: Partial<Parameters<typeof countDeltas>[0][number]> = {}) => ({
  departmentId: 7,
  publishedOn: '2026-11-21',
  categoryPath: '/5/',
  interpretationForm: null,
  ...over,
});

describe('count deltas', () => {
  it('counts an item in its month, quarter and year, for all categories and its category with its ancestors', () => {
    const rows = countDeltas([], [item({ categoryPath: '/5/12/', interpretationForm: InterpretationForm.VIDEO })]);
    expect(rows.map((r) => `${r.periodKey}|${r.categoryId ?? '*'}`)).toEqual([
      '2026|*',
      '2026|5',
      '2026|12',
      '2026-11|*',
      '2026-11|5',
      '2026-11|12',
      '2026-Q4|*',
      '2026-Q4|5',
      '2026-Q4|12',
    ]);
    expect(rows.every((r) => r.count === 1 && r.interpretations === 1 && r.nonText === 1)).toBe(true);
  });

  it('moves only what changes, and nothing for an edit that changes no key', () => {
    expect(countDeltas([item()], [item()])).toEqual([]);
    const moved = countDeltas([item({ publishedOn: '2026-11-02' })], [item({ publishedOn: '2026-12-01' })]);
    expect(moved.map((r) => [r.periodKey, r.categoryId, r.count])).toEqual([
      ['2026-11', null, -1],
      ['2026-11', 5, -1],
      ['2026-12', null, 1],
      ['2026-12', 5, 1],
    ]);
  });

  it('counts text interpretations as interpretations but not as non-text', () => {
    const [all] = countDeltas([], [item({ interpretationForm: InterpretationForm.TEXT })]);
    expect(all).toMatchObject({ count: 1, interpretations: 1, nonText: 0 });
  });

  it('sorts rows in one fixed order (period, category with all-categories first, department) so writers lock alike', () => {
    const rows = countDeltas([], [item({ departmentId: 9 }), item({ departmentId: 3 })]);
    const keys = rows.map((r) => [r.periodKey, r.categoryId ?? -1, r.departmentId]);
    expect(keys).toEqual([...keys].sort((a, b) => compare(a[0]!, b[0]!) || (a[1] as number) - (b[1] as number) || (a[2] as number) - (b[2] as number)));
  });
});
