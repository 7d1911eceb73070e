import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isCalendarDate } from '../time/calendar-date.js';

const invalid = (value: unknown) =>
  new GraphQLError(`"${String(value)}" 不是有效日期，应为 YYYY-MM-DD 格式的日历日期`, {
    extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_DATE' },
  });

/** A calendar date (YYYY-MM-DD) in Asia/Shanghai; rejects 2021-02-30 and friends. */
export const LocalDate = new GraphQLScalarType<string, string>({
  name: 'LocalDate',
  description: 'A calendar date, YYYY-MM-DD (Asia/Shanghai)',
  specifiedByURL: 'https://tools.ietf.org/html/rfc3339#section-5.6',
  serialize(value) {
    if (typeof value === 'string' && isCalendarDate(value)) return value;
    throw invalid(value);
  },
  parseValue(value) {
    if (typeof value === 'string' && isCalendarDate(value)) return value;
    throw invalid(value);
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING && isCalendarDate(ast.value)) return ast.value;
    throw invalid(ast.kind === Kind.STRING ? ast.value : ast.kind);
  },
});

/** An instant, serialised as ISO 8601 with offset. */
export const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant, ISO 8601 (e.g. 2026-11-21T08:00:00.000Z)',
  serialize(value) {
    const d = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(d.getTime())) throw new GraphQLError('Invalid DateTime');
    return d.toISOString();
  },
  parseValue(value) {
    const d = new Date(String(value));
    if (typeof value !== 'string' || Number.isNaN(d.getTime())) throw new GraphQLError(`"${String(value)}" 不是有效时间`, { extensions: { code: 'BAD_USER_INPUT' } });
    return d;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string', { extensions: { code: 'BAD_USER_INPUT' } });
    const d = new Date(ast.value);
    if (Number.isNaN(d.getTime())) throw new GraphQLError(`"${ast.value}" 不是有效时间`, { extensions: { code: 'BAD_USER_INPUT' } });
    return d;
  },
});
