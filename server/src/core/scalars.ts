import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isCalendarDate } from '../time/calendar-date.js';
import { dateDomainProblem, EARLIEST_DATE, latestAcceptedDate } from '../time/date-domain.js';

const invalid = (value: unknown) =>
  new GraphQLError(`"${String(value).slice(0, 40)}" 不是有效日期，应为 YYYY-MM-DD 格式的日历日期`, {
    extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_DATE' },
  });

/** A real calendar date inside the product's date domain (time/date-domain.ts), else a coded error. */
function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) throw invalid(value);
  const problem = dateDomainProblem(value);
  if (problem)
    throw new GraphQLError(problem, {
      extensions: { code: 'BAD_USER_INPUT', reason: 'DATE_OUT_OF_RANGE', earliest: EARLIEST_DATE, latest: latestAcceptedDate() },
    });
  return value;
}

/** A calendar date (YYYY-MM-DD) in Asia/Shanghai; rejects 2021-02-30 and dates outside 2000-01-01 … end of next year. */
export const LocalDate = new GraphQLScalarType<string, string>({
  name: 'LocalDate',
  description: 'A calendar date, YYYY-MM-DD (Asia/Shanghai); input from 2000-01-01 to 31 December of next year',
  specifiedByURL: 'https://tools.ietf.org/html/rfc3339#section-5.6',
  serialize(value) {
    if (typeof value === 'string' && isCalendarDate(value)) return value;
    throw invalid(value);
  },
  parseValue(value) {
    return parseDate(value);
  },
  parseLiteral(ast) {
    return parseDate(ast.kind === Kind.STRING ? ast.value : ast.kind);
  },
});

/**
 * An instant JavaScript can hold but PostgreSQL cannot compare with (year 0, or ±275760) would
 * fail in the database as an internal error: only years 1–9999 (UTC), the four-digit ISO years.
 */
function parseInstant(value: unknown): Date {
  const d = typeof value === 'string' ? new Date(value) : new Date(NaN);
  const year = d.getUTCFullYear();
  if (Number.isNaN(d.getTime()) || year < 1 || year > 9999) {
    throw new GraphQLError(`"${String(value).slice(0, 100)}" 不是有效时间，应为 ISO 8601 格式（公元1年至9999年），如 2026-11-21T08:00:00+08:00`, {
      extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_DATE_TIME' },
    });
  }
  return d;
}

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
    return parseInstant(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseInstant(ast.value);
  },
});
