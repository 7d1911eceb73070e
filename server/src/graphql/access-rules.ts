import type { MiddlewareFn } from 'type-graphql';
import { BadInputError } from '../errors.js';
import { InvalidCredentialsError, LoginRequiredError, RoleForbiddenError } from '../modules/auth/auth.errors.js';
import { auditContext } from '../modules/audit/audit-context.js';
import { accessOf, topicsOf } from './operations.js';
import type { GraphQLContext } from './context.js';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * Global middleware: applies each root operation's access rule (operations.ts; an operation without
 * a row is refused for everyone — deny by default) and refuses NUL characters at the edge.
 */
export const accessRules: MiddlewareFn<GraphQLContext> = async ({ context, info, args }, next) => {
  if (!ROOT_TYPES.has(info.parentType.name)) return next();
  const operation = info.fieldName;
  const access = accessOf(operation);
  const viewer = context.viewer;
  if (access === undefined) throw new RoleForbiddenError(operation);
  // PostgreSQL cannot store a NUL character: refuse it at the edge, not as an internal error.
  if (containsNul(args))
    throw operation === 'login' ? new InvalidCredentialsError() : new BadInputError('输入中含有不允许的控制字符（\\u0000）', 'CONTROL_CHARACTER');
  if (access !== 'PUBLIC') {
    if (context.authError) throw context.authError;
    if (!viewer) throw new LoginRequiredError();
    if (!access.includes(viewer.role)) throw new RoleForbiddenError(operation);
  }
  return next();
};

/** Global middleware: a mutation runs inside its audit context (who, which operation, which request). */
export const auditTrail: MiddlewareFn<GraphQLContext> = ({ context, info, args }, next) => {
  if (info.parentType.name !== 'Mutation') return next();
  const viewer = context.viewer;
  return auditContext.run(
    {
      actorType: viewer ? viewer.kind : 'anonymous',
      actorId: viewer?.id ?? null,
      // A login is traced under the name that was tried.
      actorName: viewer?.name ?? (typeof args.username === 'string' ? args.username.slice(0, 64) : '匿名'),
      operation: info.fieldName,
      requestId: context.requestId,
    },
    next,
  );
};

/** Global middleware: once a mutation has committed (resolved without error), its live topics are invalidated. */
export const liveInvalidation: MiddlewareFn<GraphQLContext> = async ({ context, info }, next) => {
  if (info.parentType.name !== 'Mutation') return next();
  const result = await next();
  const topics = topicsOf(info.fieldName);
  if (topics.length) context.realtime?.invalidate(topics);
  return result;
};

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object') return Object.values(value).some(containsNul);
  return false;
}
