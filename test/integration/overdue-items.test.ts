/**
 * The overdue list read as plain rows (DeadlineService.overdueItems, issue 18) against the plain computation it
 * replaced (overdue-reference.ts: candidates loaded as entities and classified one by one): the same items, in the same
 * order, with the same values — on a generated mix of kinds, rules, due dates around holidays, paused clocks,
 * extensions and deadlines without a department, for several viewers, filters and dates.
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrmConfig } from '../../server/src/db/orm.config.js';
import { Role } from '../../server/src/modules/auth/role.js';
import { ANONYMOUS, SYSTEM_VIEWER, type Viewer } from '../../server/src/modules/auth/viewer.js';
import { DeadlineService, type OverdueFilter, type OverdueItemData } from '../../server/src/modules/deadlines/deadline.service.js';
import { DeadlineKind, DeadlineState } from '../../server/src/modules/deadlines/deadline-enums.js';
import { referenceOverdueItems } from '../../server/src/modules/deadlines/overdue-reference.js';
import { createTestDatabase } from '../helpers/test-server.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let orm: MikroORM;
let departments: { id: number; path: string }[];

beforeAll(async () => {
  db = await createTestDatabase('demo');
  orm = await MikroORM.init(createOrmConfig({ clientUrl: db.url, quiet: true }));
  const sql = orm.em.getConnection();
  // Different due-soon windows per rule, so that the per-rule bounds differ.
  await sql.execute(`update deadline_rule set due_soon_working_days = 10 where code = 'APPLICATION_REPLY'`);
  await sql.execute(`update deadline_rule set due_soon_working_days = 0 where code = 'MESSAGE_REPLY'`);
  // 3,000 open deadlines due from mid-2026 to spring 2027 (National Day, New Year, the Spring Festival of a year
  // without a notice), of 8 kinds/rules; some paused, some extended, some done, some without a department.
  await sql.execute(
    `with d as (select array_agg(id order by id) as ids from department),
          k as (select array['TASK','APPLICATION','PROPOSAL','MESSAGE','PENALTY','NEW_MEDIA','SUPERVISION','ANNUAL_REPORT'] as kinds,
                       array['TASK_DUE','APPLICATION_REPLY','PROPOSAL_DISCLOSURE','MESSAGE_REPLY','PENALTY_PUBLICATION','NEW_MEDIA_UPDATE','SUPERVISION_REPLY','ANNUAL_REPORT'] as rules)
     insert into deadline (kind, subject_id, rule_code, occasion, department_id, title, start_date, original_due_date, due_date, provisional, stopped, extensions,
                           paused, state, state_changed_at, completed_on, version)
     select k.kinds[1 + g % 8]::deadline_kind, 900000 + g, k.rules[1 + g % 8], '', case when g % 23 = 0 then null else d.ids[1 + (g * 7) % array_length(d.ids, 1)] end,
            '生成事项 ' || g, case when g % 11 = 0 then null else x.due - (g % 17) - 1 end, x.due - g % 3, x.due, g % 13 = 0, '[]',
            case when g % 5 = 0 then '[{"workingDays":' || (g % 20) || ',"reason":"延期","approver":"张三","approvedOn":"2026-07-01"}]' else '[]' end::jsonb,
            g % 19 = 0, 'ON_TRACK', now(), case when g % 9 = 0 then x.due else null end, 1
     from generate_series(1, 3000) g, d, k, lateral (select date '2026-06-01' + (g * 37) % 300 as due) x`,
  );
  departments = await sql.execute<{ id: number; path: string }[]>(`select id, path from department order by id`);
}, 120_000);

afterAll(async () => {
  await orm?.close(true);
  await db?.drop();
});

const line = (x: OverdueItemData) => ({ ...x, department: x.department ? { id: x.department.id, name: x.department.name } : null });

async function both(viewer: Viewer, filter: OverdueFilter, asOf: string) {
  const fast = await new DeadlineService(orm.em.fork()).overdueItems(viewer, filter, asOf);
  const plain = await referenceOverdueItems(orm.em.fork(), viewer, filter, asOf);
  return { fast: fast.map(line), plain: plain.map(line) };
}

const DATES = ['2026-08-14', '2026-09-29', '2026-12-31', '2027-02-05'];

describe('overdueItems read as plain rows', () => {
  it.each(DATES)('gives the plain computation’s list as of %s: whole bureau, scoped viewers, filters', async (asOf) => {
    const sub = departments.find((d) => d.path.split('/').filter(Boolean).length === 2)!;
    const head: Viewer = {
      kind: 'user',
      id: 1,
      name: 'head',
      role: Role.DEPARTMENT_HEAD,
      scope: { subtreePaths: [sub.path], exactIds: [] },
      departmentId: sub.id,
    };
    const liaison: Viewer = {
      kind: 'user',
      id: 2,
      name: 'liaison',
      role: Role.LIAISON,
      scope: { subtreePaths: [], exactIds: [departments[3]!.id] },
      departmentId: departments[3]!.id,
    };
    const screen: Viewer = {
      kind: 'screen',
      id: 3,
      name: 'screen',
      role: Role.SCREEN,
      scope: { subtreePaths: [sub.path], exactIds: [departments[1]!.id, departments[2]!.id] },
      departmentId: null,
    };
    const cases: [Viewer, OverdueFilter][] = [
      [SYSTEM_VIEWER, {}],
      [head, {}],
      [liaison, {}],
      [screen, {}],
      [ANONYMOUS, {}],
      [SYSTEM_VIEWER, { kinds: [DeadlineKind.APPLICATION, DeadlineKind.NEW_MEDIA, DeadlineKind.MESSAGE] }],
      [SYSTEM_VIEWER, { states: [DeadlineState.DUE_SOON] }],
      [SYSTEM_VIEWER, { states: [DeadlineState.OVERDUE, DeadlineState.LONG_OVERDUE] }],
      [SYSTEM_VIEWER, { states: [DeadlineState.ON_TRACK, DeadlineState.PAUSED] }],
      [SYSTEM_VIEWER, { states: [DeadlineState.PAUSED, DeadlineState.DUE_SOON] }],
      [SYSTEM_VIEWER, { departmentId: String(sub.id) }],
      [head, { departmentId: String(sub.id), kinds: [DeadlineKind.TASK] }],
    ];
    let total = 0;
    for (const [viewer, filter] of cases) {
      const { fast, plain } = await both(viewer, filter, asOf);
      expect(fast, `${viewer.name} ${JSON.stringify(filter)}`).toEqual(plain);
      total += fast.length;
    }
    expect(total).toBeGreaterThan(100);
  });

  it('covers every attention state and each kind of rule on the generated data', async () => {
    const { fast } = await both(SYSTEM_VIEWER, {}, '2026-09-29');
    const states = new Set(fast.map((x) => x.state));
    expect([...states].sort()).toEqual([DeadlineState.DUE_SOON, DeadlineState.LONG_OVERDUE, DeadlineState.OVERDUE].sort());
    expect(new Set(fast.map((x) => x.ruleCode)).size).toBeGreaterThanOrEqual(7);
    expect(fast.some((x) => x.department === null)).toBe(true);
  });
});
