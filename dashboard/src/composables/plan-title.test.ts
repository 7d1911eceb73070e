import { describe, expect, it } from 'vitest';
import { planDisplayTitle, planSourceNote } from './plan-title';

describe('plan titles', () => {
  it('names the original year of a re-dated plan', () => {
    const plan = { year: 2027, title: '某局2027年度政务公开工作要点', sourceYear: 2021 };
    expect(planSourceNote(plan)).toBe('（据2021年度原文改编）');
    expect(planDisplayTitle(plan)).toBe('某局2027年度政务公开工作要点（据2021年度原文改编）');
  });

  it('adds nothing to a plan of its own year', () => {
    expect(planDisplayTitle({ year: 2023, title: '自查', sourceYear: null })).toBe('自查');
    expect(planDisplayTitle({ year: 2023, title: '自查' })).toBe('自查');
    expect(planSourceNote({ year: 2023, title: '自查', sourceYear: 2023 })).toBe('');
  });
});
