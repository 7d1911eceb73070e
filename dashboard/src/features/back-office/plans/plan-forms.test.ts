import { describe, expect, it } from 'vitest';
import { breakdownSummary, planBreakdownSummary, splitList } from './plan-forms';

const task = (name: string, role: 'LEAD' | 'COOPERATING' = 'COOPERATING') => ({ id: name, role, department: { id: name, name } });

describe('planBreakdownSummary', () => {
  const points = (...created: number[]) => created.map((createdCount) => ({ createdCount }));
  it('counts the points that gained tasks, and says only the changes that happened', () => {
    expect(
      planBreakdownSummary({ createdCount: 7, existingCount: 2, roleChangedCount: 0, unassignedCount: 0, restoredCount: 0, points: points(4, 0, 3) }),
    ).toBe('已分解 3 项条目：新建 7 项任务（涉及 2 项条目），已有 2 项保留。');
    expect(planBreakdownSummary({ createdCount: 0, existingCount: 9, roleChangedCount: 1, unassignedCount: 2, restoredCount: 3, points: points(0, 0) })).toBe(
      '已分解 2 项条目：新建 0 项任务（涉及 0 项条目），已有 9 项保留；调整角色 1 项；不再分配 2 项（已报进展保留）；恢复分配 3 项。',
    );
  });
});

describe('breakdownSummary', () => {
  it('says nothing new on a second run', () => {
    expect(breakdownSummary({ createdCount: 0, existingCount: 3, created: [], roleChanged: [], unassigned: [], restored: [] })).toBe(
      '已分解：新建 0 项任务，已有 3 项保留。',
    );
  });

  it('names what was added, moved, unassigned and restored', () => {
    const text = breakdownSummary({
      createdCount: 1,
      existingCount: 4,
      created: [task('政策法规科')],
      roleChanged: [task('局办公室', 'LEAD')],
      unassigned: [{ id: 'x', department: { id: 'x', name: '人事科' } }],
      restored: [{ id: 'y', department: { id: 'y', name: '财务科' } }],
    });
    expect(text).toBe(
      '已分解：新建 1 项任务（政策法规科），已有 4 项保留；调整角色 1 项（局办公室→牵头）；不再分配 1 项（人事科，已报进展保留）；恢复分配 1 项（财务科）。',
    );
  });
});

describe('splitList', () => {
  it('splits on lines and Chinese or Latin separators, drops blanks and repeats', () => {
    expect(splitList('国办发〔2018〕45号、国办发〔2018〕47号\n\n 国办发〔2018〕45号 ；国发〔2016〕1号')).toEqual([
      '国办发〔2018〕45号',
      '国办发〔2018〕47号',
      '国发〔2016〕1号',
    ]);
  });
});
