import { CombinedError } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { fieldMessages, isStale, problemsOf } from './errors';

describe('API errors', () => {
  it('keeps the field, the code and the Chinese message', () => {
    const error = new CombinedError({
      graphQLErrors: [
        {
          message: '标记为“不适用”时须说明理由',
          extensions: { code: 'BAD_USER_INPUT', reason: 'NOT_APPLICABLE_REASON_REQUIRED', field: 'notApplicableReason' },
        },
      ],
    });
    const problems = problemsOf(error);
    expect(problems).toEqual([
      {
        message: '标记为“不适用”时须说明理由',
        code: 'BAD_USER_INPUT',
        reason: 'NOT_APPLICABLE_REASON_REQUIRED',
        field: 'notApplicableReason',
        currentVersion: undefined,
      },
    ]);
    expect(fieldMessages(problems)).toEqual({ notApplicableReason: '标记为“不适用”时须说明理由' });
  });

  it('splits validation errors per field and drops the input. prefix', () => {
    const error = new CombinedError({
      graphQLErrors: [
        {
          message: '输入有误',
          extensions: {
            code: 'BAD_USER_INPUT',
            reason: 'VALIDATION_FAILED',
            fields: [
              { field: 'input.url', message: '网址须以 http(s) 开头' },
              { field: 'input.title', message: '标题不能为空' },
            ],
          },
        },
      ],
    });
    expect(fieldMessages(problemsOf(error))).toEqual({ url: '网址须以 http(s) 开头', title: '标题不能为空' });
  });

  it('recognises a version conflict and a network failure', () => {
    const stale = problemsOf(
      new CombinedError({ graphQLErrors: [{ message: '任务已被他人修改', extensions: { code: 'STALE_VERSION', field: 'version', currentVersion: 4 } }] }),
    );
    expect(isStale(stale)).toBe(true);
    expect(stale[0]!.currentVersion).toBe(4);
    const offline = problemsOf(new CombinedError({ networkError: new Error('Failed to fetch') }));
    expect(offline).toEqual([{ message: '无法连接服务器，请检查网络后重试', code: 'NETWORK' }]);
    expect(problemsOf(null)).toEqual([]);
  });
});
