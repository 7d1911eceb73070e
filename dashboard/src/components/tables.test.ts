// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import OverdueTable from './OverdueTable.vue';
import QuotaTable from './QuotaTable.vue';

describe('text alternatives', () => {
  it('QuotaTable: one row per department with its id, published count and target', () => {
    const wrapper = mount(QuotaTable, {
      props: {
        caption: '2026年第四季度',
        rows: [
          {
            department: { id: '2', name: '局办公室' },
            category: null,
            depth: 1,
            parentId: '1',
            target: 50,
            published: 13,
            expectedByToday: 26.6,
            completion: 0.26,
            status: 'BEHIND',
          },
          {
            department: { id: '2', name: '局办公室' },
            category: { id: '5', name: '政策解读' },
            depth: 1,
            parentId: '1',
            target: 4,
            published: 1,
            expectedByToday: 2.1,
            completion: 0.25,
            status: 'AT_RISK',
          },
        ],
      },
    });
    const rows = wrapper.findAll('tr[data-department-id]');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.attributes('data-department-id')).toBe('2');
    expect(rows[0]!.text()).toMatch(/局办公室.*13.*50.*26\.6.*26%.*严重滞后/);
    expect(wrapper.text()).toContain('政策解读');
  });

  it('OverdueTable: each row carries its kind and id', () => {
    const wrapper = mount(OverdueTable, {
      props: {
        caption: '逾期',
        rows: [
          {
            kind: 'APPLICATION',
            id: '17',
            deadlineId: '90',
            title: '申请公开某信息',
            department: { id: '2', name: '局办公室' },
            dueDate: '2026-11-02',
            workingDaysOverdue: 14,
            state: 'OVERDUE',
            rule: '依申请公开答复',
            policyBasis: '条例第三十三条',
          },
        ],
      },
    });
    const row = wrapper.get('tr[data-overdue-kind]');
    expect(row.attributes()).toMatchObject({ 'data-overdue-kind': 'APPLICATION', 'data-id': '17' });
    expect(row.text()).toMatch(/已逾期.*依申请公开.*申请公开某信息.*局办公室.*14.*条例第三十三条/);
  });
});
