// @vitest-environment happy-dom
import { Client, type Exchange, type OperationResult } from '@urql/core';
import { flushPromises, mount } from '@vue/test-utils';
import { shallowRef } from 'vue';
import { describe, expect, it } from 'vitest';
import { filter, map, pipe } from 'wonka';
import type { MyTasksQuery } from '../../graphql/generated/graphql';
import TaskEditor from './TaskEditor.vue';

type Task = MyTasksQuery['tasks']['nodes'][number];

const task: Task = {
  id: '42',
  version: 3,
  status: 'IN_PROGRESS',
  progress: 40,
  role: 'LEAD',
  dueDate: '2026-12-31',
  notApplicableReason: null,
  selfInspection: null,
  evidenceUrls: [],
  updatedAt: '2026-11-20T00:00:00.000Z',
  checklist: [{ text: '⑴ 公开年度报告', done: false }],
  department: { id: '2', name: '局办公室' },
  workPoint: { id: '7', number: '二(一)', title: '建议提案办理结果公开' },
};

/** A client whose every mutation answers with `answer(variables)`; records the variables. */
function mockClient(answer: (variables: any) => Partial<OperationResult>) {
  const sent: any[] = [];
  const exchange: Exchange = () => (ops$) =>
    pipe(
      ops$,
      filter((op) => op.kind !== 'teardown'),
      map((op) => {
        sent.push(op.variables);
        return { operation: op, data: undefined, error: undefined, stale: false, hasNext: false, ...answer(op.variables) } as OperationResult;
      }),
    );
  return { client: new Client({ url: 'http://test/graphql', exchanges: [exchange] }), sent };
}

function mountEditor(answer: (variables: any) => Partial<OperationResult>) {
  const { client, sent } = mockClient(answer);
  const wrapper = mount(TaskEditor, { props: { task }, global: { provide: { $urql: shallowRef(client) } } });
  return { wrapper, sent };
}

describe('TaskEditor', () => {
  it('sends the progress report with the version it was based on', async () => {
    const { wrapper, sent } = mountEditor(() => ({ data: { updateTaskProgress: { ...task, version: 4, progress: 60 } } }));
    await wrapper.find('input[type=number]').setValue('60');
    await wrapper.find('textarea').setValue('已完成初稿');
    await wrapper.find('input[type=url]').setValue('https://example.gov.cn/a');
    await wrapper.find('input[type=checkbox]').setValue(true);
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(sent[0].input).toEqual({
      id: '42',
      version: 3,
      status: 'IN_PROGRESS',
      progress: 60,
      note: '已完成初稿',
      evidenceUrls: ['https://example.gov.cn/a'],
      checklist: [true],
    });
    expect(wrapper.text()).toContain('已保存');
    expect(wrapper.emitted('saved')?.[0]?.[0]).toMatchObject({ id: '42', version: 4 });
  });

  it('shows the reason error next to the 不适用 reason field', async () => {
    const { wrapper } = mountEditor(() => ({
      error: {
        name: 'CombinedError',
        message: '',
        graphQLErrors: [
          { message: '标记为“不适用”时须说明理由（如：不在我单位职能范围内）', extensions: { code: 'BAD_USER_INPUT', field: 'notApplicableReason' } },
        ],
      } as any,
    }));
    await wrapper.find('select').setValue('NOT_APPLICABLE');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    const reason = wrapper.find('textarea[placeholder="如：不在我单位职能范围内"]');
    expect(reason.attributes('aria-invalid')).toBe('true');
    expect(reason.element.parentElement!.querySelector('.field-error')!.textContent).toContain('须说明理由');
  });

  it('explains a version conflict in Chinese and offers a reload', async () => {
    const { wrapper } = mountEditor(() => ({
      error: {
        name: 'CombinedError',
        message: '',
        graphQLErrors: [
          {
            message: '任务已被他人修改（您提交的版本 3，当前版本 4），请刷新后重试',
            extensions: { code: 'STALE_VERSION', field: 'version', currentVersion: 4 },
          },
        ],
      } as any,
    }));
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    const alert = wrapper.find('.stale-conflict');
    expect(alert.text()).toContain('该任务已被他人修改');
    expect(alert.text()).toContain('当前版本 4');
    await alert.find('button').trigger('click');
    expect(wrapper.emitted('reload')).toHaveLength(1);
    // The parent passes the newer task: the conflict clears and the next save is based on it.
    await wrapper.setProps({ task: { ...task, version: 4, progress: 70 } });
    expect(wrapper.find('.stale-conflict').exists()).toBe(false);
    expect((wrapper.find('input[type=number]').element as HTMLInputElement).value).toBe('70');
  });

  it('keeps status and progress coherent: 已完成 is 100 %, 未开始 is 0 %, a figure starts the task', async () => {
    const { wrapper, sent } = mountEditor(() => ({ data: { updateTaskProgress: { ...task, version: 4, status: 'DONE', progress: 100 } } }));
    const select = wrapper.find('select');
    const progress = () => (wrapper.find('input[type=number]').element as HTMLInputElement).value;
    await select.setValue('NOT_STARTED');
    expect(progress()).toBe('0');
    await wrapper.find('input[type=number]').setValue('30');
    expect((select.element as HTMLSelectElement).value).toBe('IN_PROGRESS');
    await select.setValue('DONE');
    expect(progress()).toBe('100');
    await wrapper.find('input[type=number]').setValue('90');
    expect((select.element as HTMLSelectElement).value).toBe('IN_PROGRESS');
    await select.setValue('DONE');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(sent[0].input).toMatchObject({ status: 'DONE', progress: 100 });
  });

  it('shows a status/progress mismatch next to the progress field', async () => {
    const { wrapper } = mountEditor(() => ({
      error: {
        name: 'CombinedError',
        message: '',
        graphQLErrors: [
          {
            message: '状态为“已完成”时进度应为100%（提交的是60%）：请将进度改为100%；如尚未完成，请将状态改为“进行中”',
            extensions: { code: 'BAD_USER_INPUT', reason: 'STATUS_PROGRESS_MISMATCH', field: 'progress' },
          },
        ],
      } as any,
    }));
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    const input = wrapper.find('input[type=number]');
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(input.element.parentElement!.querySelector('.field-error')!.textContent).toContain('进度应为100%');
  });
});
