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

  it('drops stack traces from errors it passes through when stacks are off', () => {
    const out = format({ message: 'Syntax Error', extensions: { code: 'GRAPHQL_PARSE_FAILED', stacktrace: ['at parse'] } }, new GraphQLError('Syntax Error'));
    expect(out.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
  });
});
