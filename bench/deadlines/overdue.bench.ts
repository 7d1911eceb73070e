/**
 * `npm run bench:overdue` — issue 18, goal 4 (first half): `overdueItems` p95 ≤ 20 ms at 10,000 open deadlines over
 * 500 departments. On a scratch embedded PostgreSQL (migrated like production, deleted afterwards):
 *
 *   1. 500 departments under one organisation; 10,000 open deadlines of mixed kinds and rules (most on track, some due
 *      soon or paused, ~1,500 overdue or long overdue) and 100,000 done ones, loaded in bulk;
 *   2. `overdueItems` with the wall screen's fields (dashboard/src/graphql/live.graphql), executed through the GraphQL
 *      schema in process (parsed once), as an admin (whole bureau) and as a department head (one county unit's subtree);
 *   3. the service call alone, and beside it, interleaved run by run, the plain computation it replaced
 *      (overdue-reference.ts: entities loaded and classified one by one) — with a check that both give the same list;
 *   4. SQL statements per call, and EXPLAIN ANALYZE of the statement that reads the candidates.
 *
 * Runs with NODE_ENV=production (as deployed). Options (env): BENCH_RUNS (300), BENCH_OPEN (10000), BENCH_DONE (100000).
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { execute, parse, validate, type GraphQLSchema } from 'graphql';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDatabase, migrateAndSeed } from '../../server/src/db/database.js';
import { EmbeddedPostgres } from '../../server/src/db/embedded-postgres.js';
import { createOrmConfig } from '../../server/src/db/orm.config.js';
import { getSchema } from '../../server/src/graphql/schema.js';
import { Role } from '../../server/src/modules/auth/role.js';
import { SYSTEM_VIEWER, type Viewer } from '../../server/src/modules/auth/viewer.js';
import { DeadlineService, type OverdueItemData } from '../../server/src/modules/deadlines/deadline.service.js';
import { referenceOverdueItems } from '../../server/src/modules/deadlines/overdue-reference.js';
import { percentile, time } from '../lib/stats.js';
import { createBenchOrganization } from '../lib/org-tree.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const OPEN = Number(process.env.BENCH_OPEN ?? 10_000);
const DONE = Number(process.env.BENCH_DONE ?? 100_000);
const DEPARTMENTS = 500;
const WARM_UP = 30;
const AS_OF = '2026-08-14';

const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;

const pcts = (xs: number[]) => `p50 ${ms(percentile(xs, 50))}, p95 ${ms(percentile(xs, 95))}, p99 ${ms(percentile(xs, 99))}`;

/** The machine's state (as bench/lib/machine.ts, without asking git: others work in this tree concurrently). */
function machine(): string {
  const sh = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' }).trimEnd();
    } catch {
      return '(unavailable)';
    }
  };
  return [
    `nproc: ${sh('nproc', [])} · cpu: ${os.cpus()[0]?.model ?? '?'} · node ${process.version}`,
    `free -m:\n${sh('free', ['-m'])}`,
    `uptime: ${sh('uptime', [])}`,
  ].join('\n');
}

/** The wall screen's selection (OverdueLive in dashboard/src/graphql/live.graphql). */
const WALL_QUERY = `query($f: OverdueFilter, $a: LocalDate) {
  overdueItems(filter: $f, asOf: $a) { kind id deadlineId title department { id name } dueDate workingDaysOverdue state rule policyBasis }
}`;

/** What the wall screen would show of an item: for comparing the two computations. */
const shown = (x: OverdueItemData) =>
  [
    x.kind,
    x.id,
    x.deadlineId,
    x.title,
    x.department?.id ?? '',
    x.department?.name ?? '',
    x.dueDate,
    x.originalDueDate,
    x.workingDaysOverdue,
    x.state,
    x.rule,
    x.ruleCode,
    x.policyBasis,
    x.provisional,
  ].join('|');

async function main(): Promise<void> {
  const startedAt = performance.now();
  const before = machine();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-bench-'));
  fs.chmodSync(dir, 0o755);
  const pg = new EmbeddedPostgres({ dir: path.join(dir, 'pg') });
  let orm: MikroORM | undefined;
  let counting = false;
  let statements: string[] = [];
  try {
    await pg.start();
    await ensureDatabase(pg.url(), 'bench');
    orm = await MikroORM.init({
      ...createOrmConfig({
        clientUrl: pg.url('bench'),
        quiet: true,
        onQuery: (line) => {
          if (counting && /\b(select|insert|update|delete)\b/i.test(line)) statements.push(line);
        },
      }),
    });
    await migrateAndSeed(orm);
    const sql = orm.em.getConnection();

    // ---- 1. the data set
    log(`loading ${DEPARTMENTS} departments, ${OPEN.toLocaleString('en')} open and ${DONE.toLocaleString('en')} done deadlines…`);
    // 24 county-level units under the root, the rest townships under them.
    const orgId = await createBenchOrganization(sql, '基准测试局', DEPARTMENTS);
    const [loadMs] = await time(async () => {
      // Open: kind and rule by g % 8; bucket by (g * 37) % 100: < 15 overdue (1–90 days past due), < 20 due within
      // 0–2 days, < 22 paused, else on track (due 3–182 days ahead). Every 97th has no department.
      await sql.execute(
        `with d as (select array_agg(id order by id) as ids from department where path like '/${orgId}/%' and id <> ${orgId}),
              k as (select array['TASK','APPLICATION','PROPOSAL','MESSAGE','PENALTY','NEW_MEDIA','SUPERVISION','TASK'] as kinds,
                           array['TASK_DUE','APPLICATION_REPLY','PROPOSAL_DISCLOSURE','MESSAGE_REPLY','PENALTY_PUBLICATION','NEW_MEDIA_UPDATE','SUPERVISION_REPLY','TASK_DUE'] as rules)
         insert into deadline (kind, subject_id, rule_code, occasion, department_id, title, start_date, original_due_date, due_date, provisional, stopped, extensions,
                               paused, state, state_changed_at, completed_on, version)
         select k.kinds[1 + g % 8]::deadline_kind, g, k.rules[1 + g % 8], '', case when g % 97 = 0 then null else d.ids[(1 + (g * 7919) % array_length(d.ids, 1))::int] end,
                '基准事项 ' || g, x.due - case when g % 8 = 5 then 10 else 30 end, x.due, x.due, false, '[]',
                case when g % 8 = 1 and g % 3 = 0 then '[{"workingDays":10,"reason":"需要延期","approver":"张三","approvedOn":"2026-07-01"}]' else '[]' end::jsonb,
                x.b between 20 and 21, x.state::deadline_state, now(), null, 1
         from generate_series(1, ${OPEN}) g, d, k,
              lateral (select (g * 37) % 100 as b) y,
              lateral (select y.b as b,
                              case when y.b < 15 then date '${AS_OF}' - (1 + (g * 13) % 90) when y.b < 20 then date '${AS_OF}' + g % 3
                                   when y.b < 22 then date '${AS_OF}' - 5 + g % 10 else date '${AS_OF}' + 3 + (g * 17) % 180 end as due,
                              case when y.b < 15 then 'OVERDUE' when y.b < 20 then 'DUE_SOON' when y.b < 22 then 'PAUSED' else 'ON_TRACK' end as state) x`,
      );
      await sql.execute(
        `with d as (select array_agg(id order by id) as ids from department where path like '/${orgId}/%' and id <> ${orgId})
         insert into deadline (kind, subject_id, rule_code, occasion, department_id, title, start_date, original_due_date, due_date, provisional, stopped, extensions,
                               paused, state, state_changed_at, completed_on, version)
         select 'TASK', 1000000 + g, 'TASK_DUE', '', d.ids[(1 + (g * 31) % array_length(d.ids, 1))::int], '已办结事项 ' || g, null, x.due, x.due, false, '[]', '[]',
                false, 'DONE', now(), x.due - g % 5, 1
         from generate_series(1, ${DONE}) g, d, lateral (select date '2024-08-01' + g % 740 as due) x`,
      );
      await sql.execute('analyze deadline');
      await sql.execute('analyze department');
    });
    log(`loaded in ${(loadMs / 1000).toFixed(1)} s`);

    const [county] = await sql.execute<{ id: number; path: string; n: number }[]>(
      `select p.id, p.path, (select count(*)::int from department c where c.path like p.path || '%') as n from department p where p.parent_id = ${orgId} order by p.id limit 1`,
    );
    const head: Viewer = {
      kind: 'user',
      id: 1,
      name: 'bench-head',
      role: Role.DEPARTMENT_HEAD,
      scope: { subtreePaths: [county!.path], exactIds: [] },
      departmentId: county!.id,
    };

    // ---- 2. the GraphQL operation, and the service call beside the plain computation
    const schema: GraphQLSchema = await getSchema();
    const document = parse(WALL_QUERY);
    // Diagnostic: the same selection without the department's fields (Department is an entity type with per-field middleware).
    const withoutDepartment = parse(WALL_QUERY.replace('department { id name } ', ''));
    for (const doc of [document, withoutDepartment]) {
      const invalid = validate(schema, doc);
      if (invalid.length) throw invalid[0];
    }
    const graphql = async (viewer: Viewer, doc = document) => {
      const result = await execute({
        schema,
        document: doc,
        variableValues: { a: AS_OF },
        contextValue: { em: orm!.em.fork(), requestId: 'bench', viewer, authError: null },
      });
      if (result.errors?.length) throw result.errors[0];
      return (result.data as { overdueItems: { state: string }[] }).overdueItems;
    };
    const service = (viewer: Viewer) => new DeadlineService(orm!.em.fork()).overdueItems(viewer, {}, AS_OF);
    const reference = (viewer: Viewer) => referenceOverdueItems(orm!.em.fork(), viewer, {}, AS_OF);

    const counted = async <T>(fn: () => Promise<T>): Promise<[number, T, string[]]> => {
      statements = [];
      counting = true;
      try {
        const result = await fn();
        return [statements.length, result, statements];
      } finally {
        counting = false;
      }
    };
    const [adminQueries, adminItems] = await counted(() => graphql(SYSTEM_VIEWER));
    const [headQueries, headItems] = await counted(() => graphql(head));
    const [referenceQueries] = await counted(() => reference(SYSTEM_VIEWER));
    const byState = (items: { state: string }[]) =>
      Object.entries(items.reduce<Record<string, number>>((m, x) => ({ ...m, [x.state]: (m[x.state] ?? 0) + 1 }), {}))
        .map(([s, n]) => `${s} ${n}`)
        .join(', ');
    log(`whole bureau: ${adminItems.length} items (${byState(adminItems)}), ${adminQueries} SQL statements; the plain computation: ${referenceQueries}`);
    log(`department head of ${county!.n} departments: ${headItems.length} items, ${headQueries} SQL statements`);

    // Same list, item by item, both viewers and a few filters.
    let mismatches = 0;
    for (const [viewer, filter] of [
      [SYSTEM_VIEWER, {}],
      [head, {}],
      [SYSTEM_VIEWER, { kinds: ['APPLICATION', 'NEW_MEDIA'] }],
      [SYSTEM_VIEWER, { states: ['ON_TRACK', 'PAUSED', 'OVERDUE'] }],
      [SYSTEM_VIEWER, { departmentId: String(county!.id) }],
    ] as const) {
      const a = (await new DeadlineService(orm.em.fork()).overdueItems(viewer, filter as never, AS_OF)).map(shown);
      const b = (await referenceOverdueItems(orm.em.fork(), viewer, filter as never, AS_OF)).map(shown);
      if (a.length !== b.length || a.some((x, i) => x !== b[i])) mismatches++;
    }
    log(`service = plain computation for 5 viewer/filter cases: ${mismatches === 0 ? 'yes' : `no (${mismatches} differ)`}`);

    for (let i = 0; i < WARM_UP; i++) {
      await graphql(SYSTEM_VIEWER);
      await graphql(head);
      await service(SYSTEM_VIEWER);
      await reference(SYSTEM_VIEWER);
    }
    const samples = {
      noDepartment: [] as number[],
      admin: [] as number[],
      head: [] as number[],
      service: [] as number[],
      reference: [] as number[],
      referenceHead: [] as number[],
    };
    for (let i = 0; i < RUNS; i++) {
      samples.admin.push((await time(() => graphql(SYSTEM_VIEWER)))[0]);
      samples.reference.push((await time(() => reference(SYSTEM_VIEWER)))[0]);
      samples.head.push((await time(() => graphql(head)))[0]);
      samples.referenceHead.push((await time(() => reference(head)))[0]);
      samples.service.push((await time(() => service(SYSTEM_VIEWER)))[0]);
      samples.noDepartment.push((await time(() => graphql(SYSTEM_VIEWER, withoutDepartment)))[0]);
    }
    log(`overdueItems (GraphQL), whole bureau: ${pcts(samples.admin)}`);
    log(`overdueItems (GraphQL), department head: ${pcts(samples.head)}`);
    log(`service alone, whole bureau: ${pcts(samples.service)}`);
    log(`GraphQL without department { id name }, whole bureau: ${pcts(samples.noDepartment)}`);
    log(`plain computation (before), whole bureau: ${pcts(samples.reference)}; department head: ${pcts(samples.referenceHead)}`);

    // The plain computation as it ran before this change: also without the partial index on open deadlines.
    await sql.execute('drop index deadline_open_due_date_index');
    const beforeIndex: number[] = [];
    for (let i = 0; i < Math.ceil(RUNS / 2); i++) beforeIndex.push((await time(() => reference(SYSTEM_VIEWER)))[0]);
    await sql.execute('create index "deadline_open_due_date_index" on "deadline" ("due_date", "id") where "completed_on" is null');
    await sql.execute('analyze deadline');
    log(`plain computation without the partial index (as before), whole bureau: ${pcts(beforeIndex)}`);

    // ---- 3. where the SQL time goes: the statement that reads the candidates, with its parameters as executed
    const connection = orm.em.getConnection();
    const plainExecute = connection.execute.bind(connection);
    const captured: { sql: string; params: unknown[] }[] = [];
    connection.execute = ((query: unknown, params?: unknown[], ...rest: unknown[]) => {
      if (typeof query === 'string' && /from "?deadline"? /.test(query)) captured.push({ sql: query, params: params ?? [] });
      return (plainExecute as (...args: unknown[]) => unknown)(query, params, ...rest);
    }) as typeof connection.execute;
    const explain = async (fn: () => Promise<unknown>) => {
      captured.length = 0;
      await fn();
      const statement = captured[0];
      if (!statement) return '(the candidates were not read through connection.execute)';
      const plan = await plainExecute<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers off) ${statement.sql}`, statement.params);
      return `${statement.sql.replace(/\s+/g, ' ')}\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`;
    };
    const planNow = await explain(() => service(SYSTEM_VIEWER));
    const planBefore = await explain(() => reference(SYSTEM_VIEWER));
    connection.execute = plainExecute;
    console.log(
      `\nEXPLAIN ANALYZE, candidates of the whole bureau (now):\n${planNow}\n\nEXPLAIN ANALYZE, the plain computation's candidates:\n${planBefore}\n`,
    );

    const total = ((performance.now() - startedAt) / 1000).toFixed(0);
    const goal = percentile(samples.admin, 95) <= 20 && percentile(samples.head, 95) <= 20;
    console.log(`
## Results (${new Date().toISOString().slice(0, 10)}, ${total} s in all, as of ${AS_OF})

| figure | value |
|---|---|
| data set | ${DEPARTMENTS} departments (1 root, 24 county units, 475 townships); ${OPEN.toLocaleString('en')} open deadlines (8 kinds/rules), ${DONE.toLocaleString('en')} done |
| whole bureau's list | ${adminItems.length} items (${byState(adminItems)}) |
| overdueItems, wall-screen fields, GraphQL executed in process, whole bureau (admin), ${RUNS} runs | ${pcts(samples.admin)} |
| … department head (${county!.n} departments, ${headItems.length} items) | ${pcts(samples.head)} |
| … the service call alone, whole bureau | ${pcts(samples.service)} |
| … diagnostic: the GraphQL operation without \`department { id name }\`, whole bureau | ${pcts(samples.noDepartment)} |
| before: the plain computation (entities, per-row classify), whole bureau, interleaved | ${pcts(samples.reference)} |
| before: … department head | ${pcts(samples.referenceHead)} |
| before: the plain computation without the partial index (as before the migration), whole bureau, ${Math.ceil(RUNS / 2)} runs after the others | ${pcts(beforeIndex)} |
| SQL statements per call (GraphQL, whole bureau / department head / before) | ${adminQueries} / ${headQueries} / ${referenceQueries} |
| same list as the plain computation (5 viewer/filter cases) | ${mismatches === 0 ? 'yes' : `no (${mismatches} differ)`} |
| goal p95 ≤ 20 ms (both viewers) | ${goal ? 'met' : 'not met'} |

Machine before the run:
\`\`\`
${before}
\`\`\`
Load after the run: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}
`);
    if (mismatches) process.exitCode = 1;
  } finally {
    await orm?.close(true);
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
