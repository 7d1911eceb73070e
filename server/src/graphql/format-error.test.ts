import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors.js';
import { createFormatError } from './format-error.js';

describe('formatError', () => {
  const logged: string[] = [];
  const format = createFormatError((_e, id) => logged.push(id), { exposeStack: false });

  it('masks unknown errors: no SQL, no stack, an id to quote', () => {
    const sqlError = new Error('insert into "task" ("x") values ($1) - duplicate key value violates unique constraint "task_pkey"');
    const wrapped = new GraphQLError(sqlError.message, { originalError: sqlError });
    const out = format({ message: sqlError.message, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } }, wrapped);
    expect(out.message).not.toMatch(/insert|task_pkey|duplicate/);
    expect(out.message).toContain('服务器内部错误');
    expect(out.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', errorId: logged.at(-1) });
  });

  it('keeps domain errors with their code, reason and field', () => {
    const err = new NotFoundError('任务', 'TASK_NOT_FOUND', 7);
    const out = format({ message: err.message }, new GraphQLError(err.message, { originalError: err }));
    expect(out).toMatchObject({ message: '任务不存在（id=7）', extensions: { code: 'NOT_FOUND', reason: 'TASK_NOT_FOUND', field: 'id', id: '7' } });
  });

  it('codes the error graphql-js adds after 50 bad variable values as bad input, not as an internal error', () => {
    const limit = new GraphQLError('Too many errors processing variables, error limit reached. Execution aborted.');
    const out = format({ message: limit.message }, limit);
    expect(out.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_INPUT_ERRORS' });
    expect(out.message).toMatch(/输入错误过多/);
  });

  it('drops stack traces from errors it passes through when stacks are off', () => {
    const out = format({ message: 'Syntax Error', extensions: { code: 'GRAPHQL_PARSE_FAILED', stacktrace: ['at parse'] } }, new GraphQLError('Syntax Error'));
    expect(out.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
  });
});

describe('long messages', () => {
  it('a refused input quoted back is cut to 1,000 characters', async () => {
    const { capMessage } = await import('./format-error.js');
    const long = `Variable "$x" got invalid value "${'a'.repeat(200_000)}"`;
    const capped = capMessage(long);
    expect(capped.length).toBeLessThan(1_100);
    expect(capped).toContain('已截断');
    expect(capMessage('短消息')).toBe('短消息');
  });
});
