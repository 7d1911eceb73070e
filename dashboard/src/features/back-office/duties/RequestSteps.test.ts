// @vitest-environment happy-dom
import { Client, type Exchange, type OperationResult } from '@urql/core';
import { flushPromises, mount } from '@vue/test-utils';
import { shallowRef } from 'vue';
import { describe, expect, it } from 'vitest';
import { filter, map, pipe } from 'wonka';
import { shanghaiDate } from '../../../composables/clock';
import type { InformationRequestsQuery } from '../../../graphql/generated/graphql';
import RequestSteps from './RequestSteps.vue';

type Request = InformationRequestsQuery['informationRequests']['nodes'][number];

const request: Request = {
  id: '17',
  version: 2,
  serialNumber: '2026-0007',
  applicantName: '张某',
  applicantType: 'NATURAL_PERSON',
  channel: 'ONLINE',
  content: '申请公开某信息',
  receivedOn: '2026-11-02',
  status: 'PROCESSING',
  outcome: null,
  repliedOn: null,
  correctionRequestedOn: null,
  correctionReceivedOn: null,
  consultations: [],
  extension: null,
  department: { id: '2', name: '局办公室' },
  deadline: { dueDate: '2026-11-30', state: 'ON_TRACK', provisional: false },
};

/** A client whose every mutation answers with `answer(variables)`; records the operation names and variables. */
function mockClient(answer: (variables: any) => Partial<OperationResult>) {
  const sent: { name: string | undefined; variables: any }[] = [];
  const exchange: Exchange = () => (ops$) =>
    pipe(
      ops$,
      filter((op) => op.kind !== 'teardown'),
      map((op) => {
        const def = op.query.definitions[0] as { name?: { value: string } };
        sent.push({ name: def.name?.value, variables: op.variables });
        return { operation: op, data: undefined, error: undefined, stale: false, hasNext: false, ...answer(op.variables) } as OperationResult;
      }),
    );
  return { client: new Client({ url: 'http://test/graphql', exchanges: [exchange] }), sent };
}

function mountSteps(row: Request, answer: (variables: any) => Partial<OperationResult> = () => ({ data: {} })) {
  const { client, sent } = mockClient(answer);
  const wrapper = mount(RequestSteps, { props: { request: row }, global: { provide: { $urql: shallowRef(client) } } });
  return { wrapper, sent };
}
const buttons = (wrapper: ReturnType<typeof mountSteps>['wrapper']) => wrapper.findAll('button').map((b) => b.text());

describe('RequestSteps', () => {
  it('offers only the steps valid for the status', () => {
    expect(buttons(mountSteps(request).wrapper)).toEqual(['告知补正', '征求意见', '延期答复', '答复']);
    expect(buttons(mountSteps({ ...request, status: 'AWAITING_CORRECTION', correctionRequestedOn: '2026-11-03' }).wrapper)).toEqual(['收到补正', '答复']);
    const extension = { workingDays: 10, approver: '李某', approvedOn: '2026-11-20' };
    expect(buttons(mountSteps({ ...request, status: 'CONSULTING', extension }).wrapper)).toEqual(['收到意见', '答复']);
    expect(buttons(mountSteps({ ...request, status: 'CONSULTING' }).wrapper)).toEqual(['收到意见', '延期答复', '答复']);
    expect(buttons(mountSteps({ ...request, status: 'ANSWERED', outcome: 'GRANTED' }).wrapper)).toEqual([]);
  });

  it('sends 征求意见 with the id, version, today and the party, then asks for a refresh', async () => {
    const { wrapper, sent } = mountSteps(request, () => ({
      data: { startConsultation: { __typename: 'InformationRequest', id: '17', version: 3, status: 'CONSULTING' } },
    }));
    await wrapper
      .findAll('button')
      .find((b) => b.text() === '征求意见')!
      .trigger('click');
    expect((wrapper.find('input[type=date]').element as HTMLInputElement).value).toBe(shanghaiDate());
    await wrapper.find('#party-17').setValue(' 某公司 ');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(sent[0]).toEqual({ name: 'StartConsultation', variables: { input: { id: '17', version: 2, on: shanghaiDate(), party: '某公司' } } });
    expect(wrapper.emitted('done')).toHaveLength(1);
    expect(wrapper.find('form').exists()).toBe(false);
  });

  it('shows the API error in Chinese next to its field', async () => {
    const { wrapper, sent } = mountSteps(request, () => ({
      error: {
        name: 'CombinedError',
        message: '',
        graphQLErrors: [
          { message: '延期须在答复期限（2026-11-30）届满前批准', extensions: { code: 'BAD_USER_INPUT', reason: 'EXTENSION_TOO_LATE', field: 'on' } },
        ],
      } as any,
    }));
    await wrapper
      .findAll('button')
      .find((b) => b.text() === '延期答复')!
      .trigger('click');
    await wrapper.find('#days-17').setValue('21');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.find('#days-17').element.nextElementSibling!.textContent).toContain('1至20个工作日');
    expect(sent).toHaveLength(0);
    await wrapper.find('#days-17').setValue('15');
    await wrapper.find('#reason-17').setValue('需调取档案');
    await wrapper.find('#approver-17').setValue('李某');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(sent[0]!.variables.input).toEqual({ id: '17', version: 2, on: shanghaiDate(), workingDays: 15, reason: '需调取档案', approver: '李某' });
    const on = wrapper.find('#on-17');
    expect(on.attributes('aria-invalid')).toBe('true');
    expect(on.element.nextElementSibling!.textContent).toContain('届满前批准');
    expect(wrapper.emitted('done')).toBeUndefined();
  });
});
