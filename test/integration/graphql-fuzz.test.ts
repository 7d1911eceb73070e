/**
 * GraphQL fuzzing (issue 11, item 7): operations generated from the executable schema — every
 * root query, mutation and subscription field — with valid-looking and hostile arguments (random
 * unicode, control characters, huge and fractional numbers, wrong types, malformed ids, impossible
 * dates, input objects with unknown fields) and random selections (nested objects, connections,
 * deep chains within the limits), sent to a production-mode server for a bounded time per role.
 *
 * Every response: no 5xx, no INTERNAL_SERVER_ERROR, a code on every error, nothing that looks
 * like a stack trace, a JavaScript exception or SQL. Callers that may not write (anonymous, the
 * wall-screen token, and a liaison or department head calling what the access table denies them)
 * leave every application table as it was.
 *
 * Reproducible: the operations come from a seeded PRNG (mulberry32), one stream per phase. The seed
 * is printed with every failure; FUZZ_SEED=<n> replays a run (FUZZ_SEED=random picks a new one).
 * FUZZ_SECONDS=<s> changes the time budget (default 32 s over all phases); every root field is
 * called at least MIN_PER_FIELD times per phase whatever the budget, and FUZZ_SECONDS=0 runs just
 * that fixed set (the same operations every time). FUZZ_DUMP=<file> writes every failure in full.
 *
 * Phases run in this order on one server: anonymous, wall screen, the refused operations of a liaison
 * and of a department head, then a liaison, a head and the admin with writes allowed (last, since
 * an admin may revoke the screen token or deactivate accounts). A caller that signs itself out or
 * changes its own account while fuzzing is put back (repairAccount) and signs in again.
 */
import {
  GraphQLEnumType,
  GraphQLList,
  GraphQLScalarType,
  Kind,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  parse,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessOf } from '../../server/src/graphql/operations.js';
import { QUERY_LIMITS, measureSelection } from '../../server/src/graphql/hardening.js';
import { getSchema } from '../../server/src/graphql/schema.js';
import { Role } from '../../server/src/modules/auth/role.js';
import { DEMO_PASSWORD, DEMO_SCREEN_TOKEN, TEST_ADMIN_PASSWORD } from '../helpers/constants.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

// ---------------------------------------------------------------- knobs

const SEED = (() => {
  const env = process.env.FUZZ_SEED;
  if (env === 'random') return (Math.random() * 2 ** 32) >>> 0;
  if (env && /^\d+$/.test(env)) return Number(env) >>> 0;
  return 20261130;
})();
/** Time budget over all phases; 0: only the fixed minimum (MIN_PER_FIELD per field), the same operations every run. */
const TOTAL_SECONDS = (() => {
  const n = Number(process.env.FUZZ_SECONDS ?? 32);
  return Number.isFinite(n) && n >= 0 ? n : 32;
})();
/** Operations per root field and role, whatever the time budget. */
const MIN_PER_FIELD = 2;
/** An operation slower than this is reported (not failed): a hint of a denial of service. */
const SLOW_MS = 3_000;

// ---------------------------------------------------------------- PRNG

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed per phase, so that a phase replays the same operations whatever the others did. */
function phaseSeed(name: string): number {
  let h = SEED ^ 0x9e3779b9;
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h >>> 0;
}

class Rng {
  constructor(readonly next: () => number) {}
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

// ---------------------------------------------------------------- values

/** A page cursor as the server makes them (graphql/connection.ts). */
const encodeCursor = (id: number) => Buffer.from(`id:${id}`).toString('base64url');

/** Ids that exist, by table (read from the demo database at the start). */
type Pools = Record<string, string[]> & { usernames: string[]; ruleCodes: string[] };

const TODAYISH = ['2026-11-30', '2026-11-02', '2026-11-16', '2026-10-08', '2026-12-31', '2027-01-04', '2026-01-01', '2025-12-31', '2027-06-30', '2026-09-30'];
const CHINESE = '政务公开督办台工作要点任务科室信息发布依申请答复期限延期补正征求意见留言处罚建议提案年度季度月度指标索引号门户网站栏目新媒体';

/** Hostile strings (besides random ones). */
const NASTY_STRINGS = [
  '',
  ' ',
  '\t\n\r',
  'a\u0000b',
  '\u0000',
  '\u0001\u0002\u0003\u001f\u007f',
  '\u2028\u2029',
  '\u202e\u202dRTL',
  '\ufeff',
  '\ud800',
  '\udc00x',
  '😀👨‍👩‍👧‍👦',
  "'; DROP TABLE task; --",
  '" OR 1=1 --',
  '$$; select pg_sleep(5); $$',
  '%',
  '_',
  '\\',
  '%_%\\%',
  '%s%n%x',
  '{SEQ:99999999}',
  '{SEQ:0}',
  '{SEQ:}',
  '{YYYY}{YYYY}{YYYY}{MM}{DD}{orgCode}{creditCode}',
  '{unknown}',
  '{{{{',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e308',
  '0x10',
  '2026-Q5',
  '2026-Q0',
  '2026-00',
  '2026-13',
  '0000',
  '9999-Q4',
  '0000-01',
  '275760',
  'http://',
  'javascript:alert(1)',
  'https://',
  'https://例子.测试/路径?q=1#x',
  'ftp://example.com/x',
  '<script>alert(1)</script>',
  '一、二、三',
  '（一）',
  '⑴⑵⑶',
  '2027年度政务公开工作要点\n二、重点领域\n(一)\n',
];

function randomUnicode(rng: Rng, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) {
    const kind = rng.int(0, 9);
    if (kind < 3) s += String.fromCharCode(rng.int(0x20, 0x7e));
    else if (kind < 6) s += CHINESE[rng.int(0, CHINESE.length - 1)];
    else if (kind === 6) s += String.fromCharCode(rng.int(0, 0x1f));
    else if (kind === 7) s += String.fromCodePoint(rng.int(0x1f300, 0x1faff));
    else if (kind === 8) s += String.fromCharCode(rng.int(0x80, 0xd7ff));
    else s += String.fromCharCode(rng.int(0xe000, 0xfffd));
  }
  return s;
}

function nastyString(rng: Rng): string {
  const k = rng.int(0, 9);
  if (k < 4) return rng.pick(NASTY_STRINGS);
  if (k < 7) return randomUnicode(rng, rng.int(1, 40));
  if (k === 7) return randomUnicode(rng, rng.int(200, 5_000));
  // Long, but well under the 1 MB body limit (a CJK character is 3 bytes of UTF-8).
  if (k === 8) return rng.pick(['a', '公', '%', '0', ' ']).repeat(rng.int(10_000, 250_000));
  return `${rng.pick(NASTY_STRINGS)}${randomUnicode(rng, 5)}`;
}

// Number.MAX_SAFE_INTEGER + 1 (2^53) is the first integer past the safe range; it was written as
// 9007199254740993 before, which is no double and was rounded to this very value.
const NASTY_INTS = [
  0,
  -1,
  1,
  2147483647,
  -2147483648,
  2147483648,
  -2147483649,
  1e308,
  -1e308,
  1.5,
  -0.5,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 1,
  4294967296,
  100,
  101,
  1000000,
];
const NASTY_FLOATS = [0, -0, 1e308, -1e308, 5e-324, 0.1, 1.7976931348623157e308];
const NASTY_IDS = [
  '0',
  '-1',
  '1.5',
  'abc',
  '',
  ' ',
  ' 1',
  '1 ',
  '1e3',
  '0x10',
  '2147483647',
  '2147483648',
  '9999999999',
  '99999999999999999999',
  '007',
  '１',
  '1;select 1',
  'null',
  '\u00001',
  '1'.repeat(400),
];
const NASTY_DATES = [
  '0000-01-01',
  '0001-01-01',
  '0099-12-31',
  '1000-01-01',
  '1899-12-31',
  '1970-01-01',
  '9999-12-31',
  '9999-01-01',
  '2026-02-29',
  '2024-02-29',
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '2026-11-31',
  '2026-11-00',
  '2026-1-1',
  '26-11-30',
  '20261130',
  '2026/11/30',
  '2026-11-30T00:00:00Z',
  ' 2026-11-30',
  '2026-11-30 ',
  '+2026-11-30',
  '-2026-11-30',
  '',
];
const NASTY_DATETIMES = [
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z',
  '-004713-11-24T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '1970-01-01',
  '2026-02-30T00:00:00Z',
  '2026-11-30T25:00:00Z',
  'garbage',
  '1',
  '',
  'Tue, 01 Dec 2026 00:00:00 GMT',
];

/** A value of the wrong type (or null), whatever the argument's type. */
function wrongTypeValue(rng: Rng): unknown {
  return rng.pick<() => unknown>([
    () => null,
    () => rng.pick(NASTY_INTS),
    () => rng.pick([true, false]),
    () => nastyString(rng),
    () => ({ [randomUnicode(rng, 4)]: nastyString(rng) }),
    () => [nastyString(rng), rng.pick(NASTY_INTS)],
    () => ({}),
    () => [],
    () => [[[[[]]]]],
  ])();
}

const DATE_NAMES = /(^on$|On$|^from$|^to$|Date$|^asOf$|dueFrom|dueTo|completedOn|eventOn|receivedOn|publishedOn|approvedOn)/;

interface ValueContext {
  /** Root field, e.g. updatePlan. */
  root: string;
  /** Input type holding the field, if any, e.g. UpdatePlanInput. */
  holder: string;
  /** Argument or input field name. */
  name: string;
  role: Caller;
}

/** The table whose ids an ID argument wants, from its name and where it is. */
function idTable(c: ValueContext): string | undefined {
  const n = c.name;
  if (['departmentId', 'withinId', 'organizationId', 'usableById', 'leadDepartmentIds', 'responsibleDepartmentIds', 'departmentIds'].includes(n))
    return 'department';
  if (n === 'parentId') return /Categor/.test(c.holder + c.root) ? 'category' : 'department';
  if (n === 'orderedIds') return 'category';
  if (n === 'planId') return 'plan';
  if (n === 'workPointId') return 'work_point';
  if (n === 'taskId') return 'task';
  if (n === 'categoryId') return 'category';
  if (n === 'channelId') return 'channel';
  if (n === 'actorId') return 'app_user';
  if (n === 'screenTokenId') return 'screen_token';
  if (n !== 'id' && n !== 'targetId') return undefined;
  const where = `${c.root} ${c.holder}`;
  const rules: [RegExp, string][] = [
    [/workpoint/i, 'work_point'],
    [/plan/i, 'plan'],
    [/task/i, 'task'],
    [/department/i, 'department'],
    [/screentoken/i, 'screen_token'],
    [/user/i, 'app_user'],
    [/categor/i, 'category'],
    [/channel/i, 'channel'],
    [/publication/i, 'publication'],
    [/request|correction|consultation/i, 'information_request'],
    [/duty/i, 'event_duty'],
    [/quota/i, 'quota'],
  ];
  return rules.find(([re]) => re.test(where))?.[1];
}

interface Generator {
  rng: Rng;
  pools: Pools;
  /** Probability that a value is made hostile. */
  hostility: number;
}

function validString(g: Generator, c: ValueContext): string {
  const { rng } = g;
  const n = c.name;
  const tag = rng.int(0, 1e6).toString(36);
  switch (true) {
    case n === 'period':
      return rng.pick(['2026', '2026-Q4', '2026-Q1', '2026-11', '2026-01', '2025', '2025-Q4', '2027-Q1', '2026-12']);
    case /url/i.test(n):
      return rng.pick([`https://fuzz.example.gov.cn/${tag}`, `http://fuzz.example.gov.cn/a/${tag}.html`, 'https://www.pds.gov.cn/']);
    case n === 'username':
      return rng.pick(g.pools.usernames);
    case n === 'password' && c.root === 'login':
      return rng.chance(0.3) ? DEMO_PASSWORD : `Fuzz@${tag}-2026`;
    case n === 'currentPassword':
      // Sometimes the right one: the password then really changes (the account is repaired after).
      if (!rng.chance(0.15)) return `Wrong@${tag}`;
      return c.role === 'admin' ? TEST_ADMIN_PASSWORD : DEMO_PASSWORD;
    case /password/i.test(n):
      return rng.pick([`Fuzz@${tag}-2026x`, 'short', 'Passw0rd!', 'abcdefgh']);
    case n === 'template':
      return rng.pick(['{orgCode}-{YYYY}-{SEQ:4}', '{creditCode}/{YYYY}{MM}-{SEQ:5}', '{YY}{MM}{DD}-{SEQ:3}', 'PDS-{SEQ:6}', '{orgCode}']);
    case n === 'code' && /ScreenLink/.test(c.root):
      return rng.pick([`zsl_${tag}`, 'zsl_', tag]);
    case n === 'code' && /Deadline/.test(c.holder):
      return rng.pick(g.pools.ruleCodes);
    case n === 'code':
      return `FZ-${tag}`.toUpperCase();
    case n === 'creditCode':
      return rng.pick(['11410400MB1D00001X', '91410400MA00000000', tag]);
    case n === 'refreshToken':
      return rng.pick([`zrt_${tag}`, 'zrt_', tag]);
    case n === 'text':
      return `2027年度政务公开工作要点\n二、重点领域信息公开\n(一)模糊${tag}\n1.政策依据:《条例》。\n2.职责分工:公开${tag}。⑴第一项；⑵第二项。\n牵头科室:局办公室\n责任单位:机关各科室\n时限:每年4月1日前`;
    case n === 'search':
      return rng.pick(['公开', '工作', '2026', 'PDS', '%', '_', '政务公开', 'a']);
    case n === 'operation':
      return rng.pick(['updateTaskProgress', 'createPlan', 'login', 'recordPublication']);
    case n === 'targetType':
      return rng.pick(['Task', 'Plan', 'User', 'Department', 'Publication']);
    case n === 'section':
      return rng.pick(['重点领域信息公开', '政策解读', `模糊${tag}`]);
    case n === 'number':
      return rng.pick([`二(${tag})`, `Z${tag}`, '一']);
    case n === 'after':
      return encodeCursor(rng.pick([0, 1, 5, 50, 500, 2147483647]));
    case n === 'basisDocuments' || n === 'citedDocuments':
      return rng.pick(['国办发〔2018〕45号', '国办发〔2016〕80号', `模糊〔2026〕${rng.int(1, 99)}号`]);
    case n === 'timeLimit':
      return rng.pick(['每年4月1日前', '2026年12月底前', '长期坚持', '']);
    default:
      return `模糊${rng.pick(['测试', '科室', '计划', '信息', '事项'])}${tag}`;
  }
}

function validInt(g: Generator, c: ValueContext): number {
  const { rng } = g;
  const n = c.name;
  if (/year/i.test(n) || n === 'openAtEndOf') return rng.int(2020, 2027);
  if (n === 'first') return rng.int(1, 5);
  if (n === 'version') return rng.int(1, 3);
  if (n === 'workingDays') return rng.int(0, 25);
  if (n === 'progress') return rng.pick([0, 10, 50, 100]);
  if (n === 'target') return rng.int(1, 60);
  if (n === 'validMinutes') return rng.int(1, 60);
  if (/days/i.test(n)) return rng.int(0, 40);
  return rng.int(0, 10);
}

function validScalar(g: Generator, type: GraphQLScalarType, c: ValueContext): unknown {
  const { rng } = g;
  switch (type.name) {
    case 'ID': {
      const table = idTable(c);
      const pool = (table && g.pools[table]?.length ? g.pools[table] : g.pools.any)!;
      const id = rng.pick(pool);
      return rng.chance(0.1) ? Number(id) : id;
    }
    case 'String':
      return validString(g, c);
    case 'Int':
      return validInt(g, c);
    case 'Float':
      return rng.pick([0, 0.5, 1, 10.5]);
    case 'Boolean':
      return rng.chance(0.5);
    case 'LocalDate':
      return rng.chance(0.7)
        ? rng.pick(TODAYISH)
        : `${rng.int(2020, 2027)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    case 'DateTime':
      return rng.pick(['2026-11-30T08:00:00.000Z', '2026-01-01T00:00:00+08:00', '2025-06-15T12:00:00Z', '2026-11-30T23:59:59.999+08:00']);
    case 'JSONObject':
      return {};
    default:
      return nastyString(rng);
  }
}

function nastyScalar(g: Generator, type: GraphQLScalarType | GraphQLEnumType, c: ValueContext): unknown {
  const { rng } = g;
  if (rng.chance(0.25)) return wrongTypeValue(rng);
  if (isEnumType(type)) return rng.pick(['NOPE', '', type.getValues()[0]!.name.toLowerCase(), `${type.getValues()[0]!.name} `, 1]);
  switch (type.name) {
    case 'ID':
      return rng.chance(0.8) ? rng.pick(NASTY_IDS) : rng.pick(NASTY_INTS);
    case 'Int':
      return rng.pick(NASTY_INTS);
    case 'Float':
      return rng.pick(NASTY_FLOATS);
    case 'Boolean':
      return rng.pick(['true', 0, 1, 'false']);
    case 'LocalDate':
      return rng.pick(NASTY_DATES);
    case 'DateTime':
      return rng.pick(NASTY_DATETIMES);
    case 'String':
      if (c.name === 'after') {
        return rng.pick([
          Buffer.from('id:99999999999999').toString('base64url'),
          Buffer.from('id:-1').toString('base64url'),
          Buffer.from('id:1.5').toString('base64url'),
          Buffer.from('id:').toString('base64url'),
          Buffer.from(`id:${'9'.repeat(400)}`).toString('base64url'),
          Buffer.from('id:2147483648').toString('base64url'),
          nastyString(rng),
        ]);
      }
      return nastyString(rng);
    default:
      return nastyString(rng);
  }
}

/** A value for an input type: valid-looking, or (with probability `hostility`) hostile somewhere. */
function inputValue(g: Generator, type: GraphQLInputType, c: ValueContext, depth = 0): unknown {
  const { rng } = g;
  const hostile = rng.chance(g.hostility);
  if (isNonNullType(type)) {
    if (hostile && rng.chance(0.1)) return null;
    return inputValue(g, type.ofType, c, depth);
  }
  if (hostile && rng.chance(0.05)) return wrongTypeValue(rng);
  if (isListType(type)) {
    if (hostile && rng.chance(0.15)) return inputValue(g, type.ofType, c, depth + 1); // a single value for a list (coerced) …
    const n = hostile && rng.chance(0.2) ? rng.int(40, 300) : rng.int(0, 3);
    return Array.from({ length: n }, () => inputValue(g, type.ofType, c, depth + 1));
  }
  if (isInputObjectType(type)) {
    if (depth > 6) return null;
    const out: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      if (!required && rng.chance(0.4)) continue;
      if (required && hostile && rng.chance(0.05)) continue; // a missing required field
      out[field.name] = inputValue(g, field.type, { ...c, holder: type.name, name: field.name }, depth + 1);
    }
    if (hostile && rng.chance(0.1)) out[rng.pick(['extra', '__proto__', 'id', randomUnicode(rng, 3)])] = nastyString(rng);
    return out;
  }
  const named = type as GraphQLScalarType | GraphQLEnumType;
  if (hostile) return nastyScalar(g, named, c);
  if (isEnumType(named)) return rng.pick(named.getValues()).name;
  if (named.name === 'String' && DATE_NAMES.test(c.name)) return rng.pick(TODAYISH);
  return validScalar(g, named, c);
}

/** A value as a GraphQL literal (for inline arguments). Not always valid GraphQL: that is the point. */
function literal(value: unknown, type: GraphQLInputType | undefined): string {
  const named = type ? getNamedType(type) : undefined;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => literal(v, type && isListType(getNullableType(type)) ? (getNullableType(type) as GraphQLList<GraphQLInputType>).ofType : type)).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = named && isInputObjectType(named) ? named.getFields() : {};
    return `{ ${Object.entries(value as Record<string, unknown>)
      .filter(([k]) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(k))
      .map(([k, v]) => `${k}: ${literal(v, fields[k]?.type)}`)
      .join(', ')} }`;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  if (typeof value === 'boolean') return String(value);
  if (named && isEnumType(named) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(String(value)) && !['true', 'false', 'null'].includes(String(value))) return String(value);
  return JSON.stringify(value);
}

// ---------------------------------------------------------------- selections

interface SelectionOptions {
  rng: Rng;
  g: Generator;
  root: string;
  role: Caller;
}

/** Fields of an object type, leaves and nested ones, chosen at random down to `depthLeft` levels. */
function selectionSet(o: SelectionOptions, type: GraphQLOutputType, depthLeft: number): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  const { rng } = o;
  if (isUnionType(named))
    return `{ __typename ${named
      .getTypes()
      .map((t) => `... on ${t.name} ${selectionSet(o, t, depthLeft - 1)}`)
      .join(' ')} }`;
  if (!isObjectType(named) && !isInterfaceType(named)) return '';
  const fields = Object.values(named.getFields());
  const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
  const nested = fields.filter((f) => !isLeafType(getNamedType(f.type)));
  const parts: string[] = [];
  for (const f of rng.shuffle(leaves)) if (parts.length === 0 || rng.chance(0.4)) parts.push(fieldWithArgs(o, f, ''));
  if (depthLeft > 1) {
    const budget = rng.int(0, depthLeft > 3 ? 2 : 3);
    for (const f of rng.shuffle(nested).slice(0, budget)) parts.push(fieldWithArgs(o, f, selectionSet(o, f.type, depthLeft - 1)));
  }
  if (rng.chance(0.1)) parts.push('__typename');
  if (rng.chance(0.05)) parts.push(`${rng.pick(['x', 'a1', 'dup'])}: ${leaves[0]?.name ?? '__typename'}`);
  if (rng.chance(0.02)) parts.push(rng.pick(['noSuchField', 'password', 'passwordHash', 'tokenHash'])); // unknown: validation error
  return `{ ${parts.join(' ')} }`;
}

function fieldWithArgs(o: SelectionOptions, field: GraphQLField<unknown, unknown>, sub: string): string {
  if (!field.args.length) return `${field.name} ${sub}`;
  const args = field.args
    .filter((a) => isNonNullType(a.type) || o.rng.chance(0.5))
    .map(
      (a) =>
        `${a.name}: ${literal(inputValue({ ...o.g, hostility: o.g.hostility / 3 }, a.type, { root: o.root, holder: field.name, name: a.name, role: o.role }), a.type)}`,
    );
  return args.length ? `${field.name}(${args.join(', ')}) ${sub}` : `${field.name} ${sub}`;
}

/** A chain of single-object links (`parent`, `workPoint`, `plan` …) as deep as `depthLeft`. */
function deepChain(o: SelectionOptions, type: GraphQLOutputType, depthLeft: number): string {
  const named = getNamedType(type);
  if (!isObjectType(named)) return '';
  const links = Object.values(named.getFields()).filter(
    (f) => isObjectType(getNamedType(f.type)) && !isListType(getNullableType(f.type)) && !f.args.some((a) => isNonNullType(a.type)),
  );
  if (depthLeft <= 1 || !links.length) return selectionSet(o, type, 1);
  const next = o.rng.pick(links);
  return `{ __typename ${next.name} ${deepChain(o, next.type, depthLeft - 1)} }`;
}

// ---------------------------------------------------------------- operations

type Caller = 'anonymous' | 'screen' | 'liaison' | 'head' | 'admin';
const ROLE_OF: Record<Caller, Role | null> = { anonymous: null, screen: Role.SCREEN, liaison: Role.LIAISON, head: Role.DEPARTMENT_HEAD, admin: Role.ADMIN };

interface RootField {
  kind: 'query' | 'mutation' | 'subscription';
  field: GraphQLField<unknown, unknown>;
}

interface Operation {
  field: string;
  query: string;
  variables: Record<string, unknown>;
}

function allowed(caller: Caller, field: string): boolean {
  const access = accessOf(field);
  if (access === undefined) return false;
  if (access === 'PUBLIC') return true;
  const role = ROLE_OF[caller];
  return role !== null && access.includes(role);
}

/** How hostile one operation's arguments are: half are benign, 35% a little hostile, 15% very. */
function hostilityOf(mode: number): number {
  if (mode < 0.5) return 0;
  if (mode < 0.85) return 0.2;
  return 0.7;
}

function generate(schema: GraphQLSchema, root: RootField, rng: Rng, pools: Pools, role: Caller): Operation {
  const mode = rng.next();
  const hostility = hostilityOf(mode);
  const g: Generator = { rng, pools, hostility };
  const o: SelectionOptions = { rng, g, root: root.field.name, role };
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  const args: string[] = [];
  const inline = rng.chance(0.15);
  root.field.args.forEach((arg: GraphQLArgument, i) => {
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    if (!required && rng.chance(0.35)) return;
    if (required && hostility > 0 && rng.chance(0.03)) return; // a missing required argument
    const value = inputValue(g, arg.type, { root: root.field.name, holder: '', name: arg.name, role });
    if (inline) {
      args.push(`${arg.name}: ${literal(value, arg.type)}`);
      return;
    }
    // Now and then a variable declared with the wrong type (a validation error).
    const declared = hostility > 0 && rng.chance(0.03) ? rng.pick(['String', 'Int!', '[ID]', 'Boolean', 'LocalDate']) : String(arg.type);
    definitions.push(`$v${i}: ${declared}`);
    args.push(`${arg.name}: $v${i}`);
    if (value !== undefined) variables[`v${i}`] = value;
  });
  if (hostility > 0 && rng.chance(0.03)) args.push(`${rng.pick(['bogus', 'id', 'first'])}: 1`);
  const alias = rng.chance(0.1) ? `${rng.pick(['a', 'b', 'alias_1'])}: ` : '';
  const opName = rng.chance(0.3) ? ` Fuzz${rng.int(0, 999)}` : '';
  const header = `${root.kind}${opName}${definitions.length ? `(${definitions.join(', ')})` : ''}`;
  const build = (sub: string) => `${header} { ${alias}${root.field.name}${args.length ? `(${args.join(', ')})` : ''} ${sub} }`;
  const isLeaf = isLeafType(getNamedType(root.field.type));
  let query = build(isLeaf && rng.chance(0.03) ? '{ id }' : ''); // a selection on a leaf: a validation error
  if (!isLeaf) {
    // Mostly shallow; now and then a chain down to the depth limit. A selection over the limits is
    // drawn again smaller (the server's own measure decides), so that most operations execute.
    const depth = rng.chance(0.1) ? QUERY_LIMITS.maxDepth - 1 : rng.int(1, 5);
    for (let attempt = 0; attempt < 5; attempt++) {
      const sub =
        depth > 6 && attempt < 2 ? deepChain(o, root.field.type, depth - attempt) : selectionSet(o, root.field.type, Math.max(1, Math.min(depth, 5) - attempt));
      query = build(sub);
      if (withinLimits(schema, query)) break;
    }
  }
  return { field: root.field.name, query, variables };
}

/** Whether an operation passes the server's depth/alias/cost limits (measured as the server measures them). */
function withinLimits(schema: GraphQLSchema, query: string): boolean {
  try {
    const doc = parse(query, { maxTokens: QUERY_LIMITS.maxTokens });
    const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
    const rootType = { query: schema.getQueryType(), mutation: schema.getMutationType(), subscription: schema.getSubscriptionType() }[op.operation]!;
    const shape = measureSelection(schema, rootType, op.selectionSet, {} as Record<string, FragmentDefinitionNode>);
    return shape.depth <= QUERY_LIMITS.maxDepth && shape.cost <= QUERY_LIMITS.maxCost && shape.aliases <= QUERY_LIMITS.maxAliases;
  } catch {
    return true; // not parseable: the server will say so
  }
}

// ---------------------------------------------------------------- checks

interface Failure {
  phase: string;
  field: string;
  problem: string;
  query: string;
  variables: Record<string, unknown>;
  status: number;
  response: string;
  index: number;
}

/** Error codes a client may see (the rest is an internal error leaking or unmasked). */
const KNOWN_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'STALE_VERSION',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'TOO_MANY_REQUESTS',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * What an unmasked internal error looks like: a JavaScript exception, a stack frame, SQL or a driver
 * message. Quantifiers are bounded: messages can be hundreds of kilobytes (inputs quoted back).
 */
const LEAK =
  /\b(TypeError|RangeError|ReferenceError|EvalError|URIError|DriverException|ValidationError:|MikroORM|QueryFailedError)\b|Cannot read propert|is not a function|\b[\w$]{1,80} is not defined\b(?! by)|Maximum call stack|\bat [^\n]{1,300}\.(ts|js):\d+|node_modules|\/work\/|violates|relation "|column "|syntax error at|duplicate key|invalid input syntax|out of range for type|invalid byte sequence|unterminated quoted|\bselect [^\n]{1,300} from\b|insert into|delete from|\bpostgres|\bpg_/i;

/**
 * The message without our own inputs in it (messages may quote a value back, e.g. "x" 不是有效日期,
 * or graphql-js's `Variable "$v0" got invalid value …`), so that only the server's words are checked.
 */
function stripInputs(message: string, variables: Record<string, unknown>, query: string): string {
  const strings: string[] = [];
  const collect = (v: unknown) => {
    if (typeof v === 'string') strings.push(v, JSON.stringify(v), JSON.stringify(v).slice(1, -1));
    else if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => (strings.push(k), collect(x)));
  };
  collect(variables);
  for (const m of query.matchAll(/"((?:[^"\\]|\\.)*)"/g)) strings.push(m[1]!, m[0]);
  let out = message;
  for (const s of strings.filter((s) => s.length > 2).sort((a, b) => b.length - a.length)) out = out.split(s).join('');
  return out;
}

function checkResponse(caller: Caller, op: Operation, status: number, text: string): string[] {
  const problems: string[] = [];
  if (status >= 500) problems.push(`HTTP ${status}`);
  let body: { data?: Record<string, unknown> | null; errors?: { message?: unknown; extensions?: Record<string, unknown> }[] } | null;
  try {
    body = JSON.parse(text);
  } catch {
    problems.push('response is not JSON');
    return problems;
  }
  if (!body || typeof body !== 'object') return [...problems, 'response is not a GraphQL response'];
  if (!body.errors?.length && body.data == null) problems.push('neither data nor errors');
  for (const e of body.errors ?? []) {
    const code = e.extensions?.code;
    if (typeof code !== 'string') problems.push(`error without a code: ${String(e.message).slice(0, 200)}`);
    else if (code === 'INTERNAL_SERVER_ERROR') problems.push('INTERNAL_SERVER_ERROR');
    else if (!KNOWN_CODES.has(code)) problems.push(`unexpected code ${code}: ${String(e.message).slice(0, 200)}`);
    if (e.extensions && 'stacktrace' in e.extensions) problems.push('stack trace in the response');
    // Only a message that looks like a leak is searched again without our own inputs (which may look like one).
    const leak = LEAK.test(String(e.message)) ? LEAK.exec(stripInputs(String(e.message), op.variables, op.query)) : null;
    if (leak) problems.push(`unmasked message (${leak[0]}): ${stripInputs(String(e.message), op.variables, op.query).slice(0, 200)}`);
  }
  // A refused caller gets nothing: the root field is null or absent.
  if (!allowed(caller, op.field) && body.data) {
    const value = Object.values(body.data)[0];
    if (value !== null && value !== undefined) problems.push(`data for a caller the access table refuses: ${JSON.stringify(value).slice(0, 200)}`);
  }
  return problems;
}

let server: TestServer;
let schema: GraphQLSchema;
let roots: RootField[];
let pools: Pools;
/** The accounts the writing phases act as (the demo's 局办公室 head and liaison, the test admin). */
const accounts: Record<'admin' | 'head' | 'liaison', { username: string; password: string }> = {
  admin: { username: 'admin', password: TEST_ADMIN_PASSWORD },
  head: { username: 'bgs.head', password: DEMO_PASSWORD },
  liaison: { username: 'bgs.liaison', password: DEMO_PASSWORD },
};
const tokens: Partial<Record<Caller, string | null>> = {};

/** Long strings and arrays cut down for printing (a failure's variables may hold 250k characters). */
function shorten(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 120 ? `${value.slice(0, 60)}…(${value.length} chars)` : value;
  if (Array.isArray(value)) return value.length > 12 ? [...value.slice(0, 12).map(shorten), `…(${value.length} items)`] : value.map(shorten);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shorten(v)]));
  return value;
}

function describeFailure(f: Failure): string {
  return [
    `[${f.phase}] ${f.field} (operation ${f.index}): ${f.problem}`,
    `  query: ${f.query.slice(0, 600)}`,
    `  variables: ${JSON.stringify(shorten(f.variables)).slice(0, 800)}`,
    `  HTTP ${f.status}: ${f.response.slice(0, 800)}`,
  ].join('\n');
}

/** The accounts' rows as they were, to put back when the fuzzing changed them (password, role, deactivation …). */
const originalAccounts: Record<string, Record<string, unknown>> = {};
const failures: Failure[] = [];
const slow: string[] = [];
const stats: string[] = [];

async function post(query: string, variables: Record<string, unknown>, token: string | null): Promise<{ status: number; text: string }> {
  const res = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, text: await res.text() };
}

async function loginAs(caller: 'admin' | 'head' | 'liaison'): Promise<string> {
  return server.login(accounts[caller].username, accounts[caller].password);
}

/**
 * Puts an account back as it was when the fuzzing changed it (a new password, a role, deactivated,
 * locked by failed logins …) and signs in again. Only in phases where the caller may write.
 */
async function repairAccount(caller: 'admin' | 'head' | 'liaison'): Promise<void> {
  const { username } = accounts[caller];
  const o = originalAccounts[username]!;
  await server.sql(
    `update app_user set password_hash = $2, role = $3, department_id = $4, is_active = true, locked_until = null, failed_logins = 0 where username = $1`,
    [username, o.password_hash, o.role, o.department_id],
  );
  await server.sql(`delete from login_throttle where name = $1`, [username]);
  tokens[caller] = await loginAs(caller);
}

/** Whether the caller's own account still is what it was (the fuzzing may have changed it). */
async function accountIntact(caller: 'admin' | 'head' | 'liaison'): Promise<boolean> {
  const { username } = accounts[caller];
  const [row] = await server.sql(`select password_hash, role, department_id, is_active from app_user where username = $1`, [username]);
  const o = originalAccounts[username]!;
  return !!row && row.password_hash === o.password_hash && row.role === o.role && row.department_id === o.department_id && row.is_active === true;
}

/**
 * A fingerprint of every application table: row count and a hash of all rows. A caller that may
 * not write must leave it unchanged. Left out, and why:
 * - screen_token.last_used_at: authentication bookkeeping of the wall-screen token (at most every
 *   5 minutes), not a write of the operation;
 * - with `signIn` (phases that call login/refreshSession/redeemScreenLink, which anyone may): what a
 *   sign-in attempt records by design — login_throttle, sessions and used refresh tokens, an
 *   account's failed-login count, lock and last sign-in, and the audit entries of those attempts
 *   (with the chain head that moves with every entry).
 */
async function fingerprint(signIn: boolean): Promise<Record<string, string>> {
  const tables: string[] = (
    await server.sql(`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`)
  ).map((r) => r.table_name);
  const skipped = signIn ? new Set(['login_throttle', 'auth_session', 'auth_used_refresh_token', 'audit_chain_head']) : new Set<string>();
  const columns: Record<string, string[]> = {
    screen_token: ['last_used_at'],
    ...(signIn ? { app_user: ['failed_logins', 'locked_until', 'last_login_at', 'version', 'updated_at'] } : {}),
  };
  const where: Record<string, string> = signIn ? { audit_entry: `where operation not in ('login', 'refreshSession', 'redeemScreenLink')` } : {};
  const parts = tables
    .filter((t) => !skipped.has(t))
    .map(
      (t) =>
        `select '${t}' as t, count(*)::int as n, coalesce(md5(string_agg(h, ',' order by h)), '') as h from (select md5((to_jsonb(x) - '{${(columns[t] ?? []).join(',')}}'::text[])::text) as h from "${t}" x ${where[t] ?? ''}) s`,
    );
  const rows = await server.sql(parts.join(' union all '));
  return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
}

function diff(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after })
    .sort()
    .filter((t) => before[t] !== after[t])
    .map((t) => `${t}: ${before[t]} → ${after[t]}`);
}

interface Phase {
  name: string;
  caller: Caller;
  /** Which root fields to call. */
  fields: (r: RootField) => boolean;
  /** Share of the time budget. */
  weight: number;
  /** Snapshot the tables before and after and require them unchanged (signIn: see fingerprint). */
  readOnly?: { signIn: boolean };
}

/** Runs one phase: every selected field MIN_PER_FIELD times, then random ones until its time is up. */
async function runPhase(phase: Phase): Promise<{ ops: number; ms: number; changed: string[] }> {
  const rng = new Rng(mulberry32(phaseSeed(phase.name)));
  const selected = roots.filter(phase.fields);
  expect(selected.length, `${phase.name}: no field selected`).toBeGreaterThan(0);
  const budgetMs = TOTAL_SECONDS * 1000 * phase.weight;
  const before = phase.readOnly ? await fingerprint(phase.readOnly.signIn) : undefined;
  const start = performance.now();
  const queue = Array.from({ length: MIN_PER_FIELD }, () => rng.shuffle(selected)).flat();
  let ops = 0;
  const seen = new Set<string>();
  const outcomes = new Map<string, number>();
  while (queue.length || performance.now() - start < budgetMs) {
    const root = queue.shift() ?? rng.pick(selected);
    const op = generate(schema, root, rng, pools, phase.caller);
    const token = phase.caller === 'anonymous' ? null : (tokens[phase.caller] ?? null);
    const t0 = performance.now();
    let status: number;
    let text: string;
    try {
      ({ status, text } = await post(op.query, op.variables, token));
    } catch {
      // Once more on a fresh connection (a kept-alive socket may close under us); twice is a failure.
      try {
        ({ status, text } = await post(op.query, op.variables, token));
      } catch (error) {
        status = -1;
        text = `request failed: ${String(error)} ${String((error as { cause?: unknown }).cause ?? '')}`;
      }
    }
    const took = performance.now() - t0;
    ops++;
    if (took > SLOW_MS)
      slow.push(`[${phase.name}] ${op.field} took ${Math.round(took)} ms: ${op.query.slice(0, 200)} ${JSON.stringify(shorten(op.variables)).slice(0, 300)}`);
    const problems = status === -1 ? ['no response'] : checkResponse(phase.caller, op, status, text);
    tally(outcomes, text);
    for (const problem of problems) {
      // One example per field and kind of problem (numbers and ids stripped).
      const key = `${phase.name}|${op.field}|${problem
        .replace(/[0-9a-f-]{36}/g, '<id>')
        .replace(/\d+/g, 'N')
        .slice(0, 80)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const failure = { phase: phase.name, field: op.field, problem, query: op.query, variables: op.variables, status, response: text, index: ops };
      failures.push(failure);
    }
    // A caller that may write may have signed itself out, changed its own password or role …: put it back.
    if (!phase.readOnly && phase.caller !== 'anonymous' && phase.caller !== 'screen') {
      // (A sign-in operation's own TOKEN_REVOKED, e.g. an unknown refresh token, says nothing of ours.)
      const ownToken = accessOf(op.field) !== 'PUBLIC';
      const tokenDead = (ownToken && /"reason":"TOKEN_(REVOKED|EXPIRED)"/.test(text)) || (op.field === 'logout' && /"logout":true/.test(text));
      if (tokenDead || (root.kind === 'mutation' && !(await accountIntact(phase.caller)))) await repairAccount(phase.caller);
    }
  }
  const ms = performance.now() - start;
  const changed = before ? diff(before, await fingerprint(phase.readOnly!.signIn)) : [];
  const histogram = [...outcomes]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  stats.push(`${phase.name}: ${ops} operations over ${selected.length} root fields in ${(ms / 1000).toFixed(1)} s (${histogram})`);
  return { ops, ms, changed };
}

/** Counts what came back: `data` (executed without error) or the first error's code. */
function tally(outcomes: Map<string, number>, text: string): void {
  let key = 'unreadable';
  try {
    const body = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
    key = body.errors?.length ? String(body.errors[0]!.extensions?.code) : 'data';
  } catch {
    // counted as unreadable (and failed by checkResponse)
  }
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
}

function report(phase: string): string {
  const mine = failures.filter((f) => f.phase === phase);
  return `FUZZ_SEED=${SEED}: ${mine.length} distinct failure(s) in ${phase}\n\n${mine.map(describeFailure).join('\n\n')}`;
}

beforeAll(async () => {
  server = await startTestServer({
    env: {
      // Production: masked errors, no stack traces, no introspection — what the public sees.
      NODE_ENV: 'production',
      // The fuzzer fails sign-ins by the hundred from one address: without this, the per-address
      // limit would answer TOO_MANY_REQUESTS to everything after the 50th (and to our own sign-ins).
      LOGIN_FAILURES_PER_IP: '0',
      // No background sweep moving deadlines between the before/after snapshots.
      DEADLINE_SWEEP_SECONDS: '0',
    },
  });
  expect(server.config.isProduction).toBe(true);
  schema = await getSchema();
  roots = [
    ...Object.values(schema.getQueryType()!.getFields()).map((field) => ({ kind: 'query' as const, field })),
    ...Object.values(schema.getMutationType()!.getFields()).map((field) => ({ kind: 'mutation' as const, field })),
    // Subscriptions too: over HTTP, Apollo runs a subscription operation once, like a query (the
    // live updates need the WebSocket). It must behave like one: access rules, no internal error.
    ...Object.values(schema.getSubscriptionType()?.getFields() ?? {}).map((field) => ({ kind: 'subscription' as const, field })),
  ];
  const ids = async (table: string) => (await server.sql(`select id::text as id from "${table}" order by id limit 200`)).map((r) => r.id as string);
  const tables = [
    'department',
    'plan',
    'work_point',
    'task',
    'category',
    'channel',
    'publication',
    'information_request',
    'event_duty',
    'quota',
    'app_user',
    'screen_token',
  ];
  pools = { usernames: [], ruleCodes: [], any: [] } as unknown as Pools;
  for (const t of tables) pools[t] = await ids(t);
  pools.any = tables.flatMap((t) => pools[t]!.slice(0, 10));
  pools.usernames = [...(await server.sql(`select username from app_user order by id`)).map((r) => r.username as string), 'nobody', 'ADMIN', ' admin '];
  pools.ruleCodes = [...(await server.sql(`select code from deadline_rule order by code`)).map((r) => r.code as string), 'NO_SUCH_RULE'];
  for (const { username } of Object.values(accounts)) {
    const [row] = await server.sql(`select username, password_hash, role, department_id from app_user where username = $1`, [username]);
    originalAccounts[username] = row;
  }
  tokens.anonymous = null;
  tokens.screen = DEMO_SCREEN_TOKEN;
  tokens.admin = await loginAs('admin');
  tokens.head = await loginAs('head');
  tokens.liaison = await loginAs('liaison');
  console.log(`GraphQL fuzz: FUZZ_SEED=${SEED}, ${TOTAL_SECONDS} s, ${roots.length} root fields`);
});

afterAll(async () => {
  console.log(`GraphQL fuzz (FUZZ_SEED=${SEED}):\n  ${stats.join('\n  ')}`);
  if (slow.length) console.warn(`Slow operations (> ${SLOW_MS} ms):\n  ${slow.join('\n  ')}`);
  if (failures.length) console.error(`GraphQL fuzz failures (FUZZ_SEED=${SEED}):\n\n${failures.map(describeFailure).join('\n\n')}`);
  // FUZZ_DUMP=<file>: every failure in full (operation, variables, response), to replay one.
  if (process.env.FUZZ_DUMP) fs.writeFileSync(process.env.FUZZ_DUMP, JSON.stringify({ seed: SEED, failures }, null, 2));
  await server?.close();
});

const isPublic = (r: RootField) => accessOf(r.field.name) === 'PUBLIC';
const timeout = (weight: number) => TOTAL_SECONDS * 1000 * weight + 60_000;

describe('GraphQL fuzz', () => {
  it('covers every root field of the schema, and the table fingerprint sees a write (control)', async () => {
    expect(roots.length).toBeGreaterThan(50);
    expect(roots.filter((r) => r.kind === 'mutation').length).toBeGreaterThan(20);
    for (const signIn of [false, true]) {
      const before = await fingerprint(signIn);
      await server.gqlOk(`mutation($n: String!) { createCategory(input: { name: $n }) { id } }`, { n: `模糊测试对照${signIn}` }, { token: tokens.admin });
      const changed = diff(before, await fingerprint(signIn)).map((line) => line.slice(0, line.indexOf(':')));
      expect(changed).toEqual(signIn ? ['audit_entry', 'category'] : ['audit_chain_head', 'audit_entry', 'category']);
    }
  });

  const phases: Phase[] = [
    { name: 'anonymous', caller: 'anonymous', fields: (r) => !isPublic(r), weight: 0.1, readOnly: { signIn: false } },
    { name: 'anonymous sign-in', caller: 'anonymous', fields: isPublic, weight: 0.04, readOnly: { signIn: true } },
    { name: 'screen token', caller: 'screen', fields: (r) => !isPublic(r), weight: 0.1, readOnly: { signIn: false } },
    { name: 'screen token sign-in', caller: 'screen', fields: isPublic, weight: 0.02, readOnly: { signIn: true } },
    { name: 'liaison, refused operations', caller: 'liaison', fields: (r) => !allowed('liaison', r.field.name), weight: 0.07, readOnly: { signIn: false } },
    { name: 'department head, refused operations', caller: 'head', fields: (r) => !allowed('head', r.field.name), weight: 0.07, readOnly: { signIn: false } },
    { name: 'liaison', caller: 'liaison', fields: (r) => allowed('liaison', r.field.name), weight: 0.15 },
    { name: 'department head', caller: 'head', fields: (r) => allowed('head', r.field.name), weight: 0.15 },
    { name: 'admin', caller: 'admin', fields: () => true, weight: 0.3 },
  ];

  for (const phase of phases) {
    const what = phase.readOnly ? 'writes nothing' : 'may write';
    it(`${phase.name}: no 5xx, no internal or unmasked error, ${what}`, { timeout: timeout(phase.weight) }, async () => {
      const { ops, changed } = await runPhase(phase);
      expect(ops).toBeGreaterThan(0);
      expect(
        failures.filter((f) => f.phase === phase.name).map((f) => `${f.field}: ${f.problem}`),
        report(phase.name),
      ).toEqual([]);
      expect(changed, `FUZZ_SEED=${SEED}: ${phase.name} changed tables it may not write`).toEqual([]);
    });
  }
});
