import { flattenValidationErrors } from '../core/validation.js';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { ArgumentValidationError } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../errors.js';

/** Codes we let through as they are (from GraphQL itself, Apollo or our own errors). */
const PUBLIC_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'STALE_VERSION',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export type ErrorLogger = (error: unknown, errorId: string) => void;

/** The error graphql-js appends when a request's variables have too many problems (graphql/execution/values.js). */
function isVariableErrorLimit(error: unknown): boolean {
  return (
    error instanceof GraphQLError && !error.originalError && error.message === 'Too many errors processing variables, error limit reached. Execution aborted.'
  );
}

/**
 * The one place where errors become GraphQL errors: domain errors keep their code, reason
 * and Chinese message; validation errors list their fields; anything else is masked
 * (no SQL, no stack) and logged with an id the user can quote.
 */
export function createFormatError(log: ErrorLogger, options: { exposeStack: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    const base = { locations: formatted.locations, path: formatted.path };

    if (original instanceof DomainError) {
      return {
        ...base,
        message: original.message,
        extensions: { code: original.code, reason: original.reason, ...(original.field ? { field: original.field } : {}), ...original.details },
      };
    }
    if (original instanceof ArgumentValidationError) {
      const fields = flattenValidationErrors(original.extensions.validationErrors);
      return {
        ...base,
        message: `输入有误：${fields.map((f) => f.message).join('；')}`,
        extensions: { code: 'BAD_USER_INPUT', reason: 'VALIDATION_FAILED', field: fields[0]?.field, fields },
      };
    }
    if (original instanceof UniqueConstraintViolationException) {
      // A race past a service's own check (two identical creations at once): the loser is told plainly.
      return { ...base, message: '该记录已存在（可能刚被他人创建），请刷新后重试', extensions: { code: 'CONFLICT', reason: 'ALREADY_EXISTS' } };
    }
    if (original instanceof OptimisticLockError) {
      return { ...base, message: '记录已被他人修改，请刷新后重试', extensions: { code: 'STALE_VERSION', reason: 'STALE_VERSION' } };
    }
    if (isVariableErrorLimit(error)) {
      // graphql-js stops coercing variables after 50 problems and adds this error, without a code.
      return {
        ...base,
        message: '输入错误过多，已停止检查其余部分，请先改正上面列出的错误',
        extensions: { code: 'BAD_USER_INPUT', reason: 'TOO_MANY_INPUT_ERRORS' },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
      const { stacktrace, ...extensions } = formatted.extensions ?? {};
      // graphql-js quotes a refused variable back in full: a 1 MB input must not come back as a 1 MB message.
      return { ...formatted, message: capMessage(formatted.message), extensions: options.exposeStack ? { ...extensions, stacktrace } : extensions };
    }
    const errorId = randomUUID();
    log(original, errorId);
    return {
      ...base,
      message: `服务器内部错误，请稍后重试（错误编号 ${errorId}）`,
      extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
    };
  };
}

const MAX_MESSAGE = 1_000;

/** Long messages (an input quoted back) cut to their first MAX_MESSAGE characters. */
export function capMessage(message: string): string {
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…（已截断，共 ${message.length} 字符）` : message;
}
