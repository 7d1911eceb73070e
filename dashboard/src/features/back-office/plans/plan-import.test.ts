import { describe, expect, it } from 'vitest';
import type { DepartmentItem } from '../../../composables/departments';
import { departmentsOf, insertAt, mappingInput, NEW_DEPARTMENT, periodsText } from './plan-import';

const item = (id: string, parent: string | null) => ({ id, parent: parent ? { id: parent } : null }) as unknown as DepartmentItem;

describe('periodsText', () => {
  it('names each period up to six, then the first and the last', () => {
    expect(periodsText(['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31'])).toBe('分4期：3月31日、6月30日、9月30日、12月31日');
    expect(periodsText(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-10`))).toBe('分12期：1月10日起至12月10日');
    expect(periodsText([])).toBe('');
  });
});

describe('plan import helpers', () => {
  it('lists the departments under an organisation, at any depth', () => {
    const tree = [item('1', null), item('2', '1'), item('3', '2'), item('4', null), item('5', '4')];
    expect(departmentsOf('1', tree).map((d) => d.id)).toEqual(['2', '3']);
  });

  it('builds the mapping only when every unmapped name is decided', () => {
    expect(mappingInput(['甲', '乙'], { 甲: '7' })).toBeNull();
    expect(mappingInput(['甲', '乙'], { 甲: '7', 乙: NEW_DEPARTMENT })).toEqual({
      unitMapping: [{ name: '甲', departmentId: '7' }],
      createMissingDepartments: true,
    });
    expect(mappingInput([], {})).toEqual({ unitMapping: [], createMissingDepartments: false });
  });

  it('inserts pasted text at the selection', () => {
    expect(insertAt('abcdef', 2, 4, 'X')).toBe('abXef');
  });
});
