/**
 * `npm run bench:quota-board` — the figures issue 4 asks for, in one run, on a scratch embedded
 * PostgreSQL (migrated like production, deleted afterwards):
 *
 *   1. 1,000,000 publications over 500 departments and 8 quarters (2025-Q1 … 2026-Q4), loaded in bulk;
 *   2. quotaBoard for one quarter, executed server-side (GraphQL execution in process, no HTTP),
 *      p50/p99 — answered from the kept board (QuotaBoardCache, as the server runs it) and computed
 *      each time (no cache), alternating in the same loop; then the invalidation path: a publication
 *      recorded through the GraphQL mutation (its invalidation clears the kept boards), the next
 *      query recomputing, the one after answered again — beside the plain GROUP BY over the
 *      publications that gives the same counts;
 *   3. recording throughput through PublicationService (索引号, audit, counts) with the counts
 *      maintained vs without (the same service with a no-op count maintainer);
 *   4. rebuilding one quarter's counts from scratch (and all counts).
 *
 * Runs with NODE_ENV=production (as deployed): graphql-js then skips its development-mode checks.
 * Options (env): BENCH_PUBLICATIONS (1000000), BENCH_RECORD_SECONDS (8 per round, 2 rounds per variant), BENCH_WORKERS (8).
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { execute, parse, validate, type GraphQLSchema } from 'graphql';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { machine } from '../lib/machine.js';
import type { Topic } from '../../server/src/realtime/topics.js';
import { ensureDatabase, migrateAndSeed } from '../../server/src/db/database.js';
import { EmbeddedPostgres } from '../../server/src/db/embedded-postgres.js';
import { createOrmConfig } from '../../server/src/db/orm.config.js';
import { getSchema } from '../../server/src/graphql/schema.js';
import { auditContext } from '../../server/src/modules/audit/audit-context.js';
import { SYSTEM_VIEWER } from '../../server/src/modules/auth/viewer.js';
import { COUNT_MAINTENANCE, NO_COUNT_MAINTENANCE, rebuildCounts, type CountMaintainer } from '../../server/src/modules/publications/publication-counts.js';
import { PublicationService } from '../../server/src/modules/publications/publication.service.js';
import { QuotaBoardCache } from '../../server/src/modules/quotas/quota-board-cache.js';
import { QuotaService, type BoardSnapshot } from '../../server/src/modules/quotas/quota.service.js';
import { shanghaiDate } from '../../server/src/time/calendar-date.js';
import { parsePeriod } from '../../server/src/time/period.js';
import { percentile, time } from '../lib/stats.js';
import { createBenchOrganization } from '../lib/org-tree.js';

const PUBLICATIONS = Number(process.env.BENCH_PUBLICATIONS ?? 1_000_000);
const DEPARTMENTS = 500;
const RECORD_SECONDS = Number(process.env.BENCH_RECORD_SECONDS ?? 8);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 8);
const BOARD_RUNS = 300;
const INVALIDATION_ROUNDS = 40;
const GROUP_BY_RUNS = 20;
const QUARTER = '2026-Q3';
const AS_OF = '2026-08-14';

const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;

async function main(): Promise<void> {
  const startedAt = performance.now();
  const before = machine();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-bench-'));
  fs.chmodSync(dir, 0o755);
  const pg = new EmbeddedPostgres({ dir: path.join(dir, 'pg') });
  let orm: MikroORM | undefined;
  try {
    await pg.start();
    await ensureDatabase(pg.url(), 'bench');
    orm = await MikroORM.init(createOrmConfig({ clientUrl: pg.url('bench'), quiet: true, poolMax: WORKERS + 4 }));
    await migrateAndSeed(orm);
    const sql = orm.em.getConnection();

    // ---- 1. the data set
    log(`loading ${DEPARTMENTS} departments and ${PUBLICATIONS.toLocaleString('en')} publications…`);
    // 24 county-level units under the root, the rest townships under them.
    const orgId = await createBenchOrganization(sql, '基准测试省', DEPARTMENTS);
    const [{ channelId }] = await sql.execute<{ channelId: number }[]>(
      `insert into channel (kind, name, department_id, is_active, version, created_at) values ('PORTAL_COLUMN', '门户网站', ${orgId}, true, 1, now()) returning id as "channelId"`,
    );
    for (const [periodType, target] of [
      ['QUARTER', 50],
      ['YEAR', 200],
    ] as const) {
      for (const kind of ['COUNTY_UNIT', 'TOWNSHIP']) {
        await sql.execute(
          `insert into quota (organization_id, department_kind, period_type, target, version, created_at, updated_at) values (${orgId}, '${kind}', '${periodType}', ${target}, 1, now(), now())`,
        );
      }
    }
    const [loadMs] = await time(async () => {
      await sql.execute(
        `with d as (select array_agg(id order by id) as ids from department where path like '/${orgId}/%'),
              c as (select array_agg(id order by id) as ids, (select id from category where is_interpretation limit 1) as interp from category where parent_id is null)
         insert into publication (organization_id, department_id, title, category_id, channel_id, published_on, url, canonical_url, index_number, interpretation_form, version, created_at, updated_at)
         select ${orgId}, d.ids[(1 + (g * 7919) % array_length(d.ids, 1))::int], '基准信息 ' || g, x.category_id, ${channelId},
                date '2025-01-01' + (g * 104729 % 730)::int, 'https://bench.example/p/' || g, 'https://bench.example/p/' || g, 'BENCH/' || lpad(g::text, 8, '0'),
                case when x.category_id = c.interp then (array['TEXT','CHART','VIDEO','ANIMATION','INTERVIEW'])[(1 + g % 5)::int]::interpretation_form end,
                1, now(), now()
         from generate_series(1::bigint, ${PUBLICATIONS}::bigint) g, d, c,
              lateral (select c.ids[(1 + (g * 31) % array_length(c.ids, 1))::int] as category_id) x`,
      );
      await sql.execute('analyze publication');
    });
    log(`loaded in ${(loadMs / 1000).toFixed(1)} s`);

    const [rebuildAllMs, rows] = await time(() => rebuildCounts(orm!.em.fork()));
    await sql.execute('analyze publication_count');
    log(`counts built from scratch (all periods): ${rows.toLocaleString('en')} rows in ${(rebuildAllMs / 1000).toFixed(1)} s`);

    // ---- 2. quotaBoard vs GROUP BY
    const schema: GraphQLSchema = await getSchema();
    const query = `query($p: String!, $a: LocalDate) { quotaBoard(period: $p, asOf: $a) { rows { department { id name } target published expectedByToday status rollup { published } } totals { published } } }`;
    // Parsed and validated once, as Apollo's document cache does for a repeated operation.
    const document = parse(query);
    const invalid = validate(schema, document);
    if (invalid.length) throw invalid[0];
    // The server's cache, and what the mutation middleware does with it after a commit (app.ts: the same instance's invalidation).
    const boards = new QuotaBoardCache<BoardSnapshot>();
    const contextOf = (cached: boolean) => ({
      em: orm!.em.fork(),
      requestId: 'bench',
      viewer: SYSTEM_VIEWER,
      authError: null,
      ...(cached ? { quotaBoards: boards, realtime: { invalidate: (topics: readonly Topic[]) => boards.invalidate(topics) } } : {}),
    });
    const board = async (cached: boolean) => {
      const result = await execute({ schema, document, variableValues: { p: QUARTER, a: AS_OF }, contextValue: contextOf(cached) });
      if (result.errors?.length) throw result.errors[0];
      return result.data as { quotaBoard: { rows: { department: { id: string }; published: number }[]; totals: { published: number } } };
    };
    for (let i = 0; i < 30; i++) {
      await board(false);
      await board(true);
    }
    // Alternating, so that both see the same load of the shared machine.
    const boardSamples: number[] = [];
    const cachedSamples: number[] = [];
    let answer: Awaited<ReturnType<typeof board>> | undefined;
    let cachedAnswer: Awaited<ReturnType<typeof board>> | undefined;
    for (let i = 0; i < BOARD_RUNS; i++) {
      const [t, a] = await time(() => board(false));
      boardSamples.push(t);
      answer = a;
      const [tc, ac] = await time(() => board(true));
      cachedSamples.push(tc);
      cachedAnswer = ac;
    }
    if (JSON.stringify(cachedAnswer) !== JSON.stringify(answer)) throw new Error('the kept board differs from the computed one');
    const service = () => new QuotaService(orm!.em.fork(), SYSTEM_VIEWER).quotaBoard(QUARTER, { asOf: AS_OF });
    for (let i = 0; i < 30; i++) await service();
    const serviceSamples: number[] = [];
    for (let i = 0; i < BOARD_RUNS; i++) serviceSamples.push((await time(service))[0]);
    const period = parsePeriod(QUARTER)!;
    const groupBySql = `select department_id, count(*)::int as n from publication where published_on between '${period.from}' and '${period.to}' group by department_id`;
    const groupBySamples: number[] = [];
    let truth: { department_id: number; n: number }[] = [];
    await sql.execute(groupBySql);
    for (let i = 0; i < GROUP_BY_RUNS; i++) {
      const [t, r] = await time(() => sql.execute<{ department_id: number; n: number }[]>(groupBySql));
      groupBySamples.push(t);
      truth = r;
    }
    const fromBoard = new Map(answer!.quotaBoard.rows.map((r) => [Number(r.department.id), r.published]));
    const mismatches = truth.filter((t) => fromBoard.get(t.department_id) !== t.n).length;
    const boardRows = answer!.quotaBoard.rows.length;
    const quarterTotal = truth.reduce((s, t) => s + t.n, 0);
    // The invalidation path: record through the GraphQL mutation (its middleware clears the kept boards), then the next query recomputes.
    const recordDocument = parse(`mutation($i: RecordPublicationInput!) { recordPublication(input: $i) { id } }`);
    const [{ categoryId: dynamicsId }] = await sql.execute<{ categoryId: number }[]>(`select id as "categoryId" from category where name = '工作动态'`);
    const [{ townId }] = await sql.execute<{ townId: number }[]>(`select max(id) as "townId" from department where path like '/${orgId}/%/%/'`);
    const recordSamples: number[] = [];
    const afterSamples: number[] = [];
    const againSamples: number[] = [];
    for (let i = 0; i < INVALIDATION_ROUNDS; i++) {
      const publishedBefore = (await board(true)).quotaBoard.rows.find((r) => r.department.id === String(townId))!.published;
      const [tr, recorded] = await time(() =>
        Promise.resolve(
          execute({
            schema,
            document: recordDocument,
            variableValues: {
              i: {
                departmentId: String(townId),
                title: `失效测试 ${i}`,
                categoryId: String(dynamicsId),
                channelId: String(channelId),
                publishedOn: AS_OF,
                url: `https://bench.example/inv/${i}`,
              },
            },
            contextValue: contextOf(true),
          }),
        ),
      );
      if (recorded.errors?.length) throw recorded.errors[0];
      recordSamples.push(tr);
      const [ta, after] = await time(() => board(true));
      afterSamples.push(ta);
      if (after.quotaBoard.rows.find((r) => r.department.id === String(townId))!.published !== publishedBefore + 1)
        throw new Error('the board missed a recorded publication');
      againSamples.push((await time(() => board(true)))[0]);
    }
    log(
      `quotaBoard ${QUARTER}: ${boardRows} rows, p50 ${ms(percentile(boardSamples, 50))}, p99 ${ms(percentile(boardSamples, 99))}; kept: p50 ${ms(percentile(cachedSamples, 50))}, p99 ${ms(percentile(cachedSamples, 99))}; after a recording: p50 ${ms(percentile(afterSamples, 50))}, p99 ${ms(percentile(afterSamples, 99))} (service alone p50 ${ms(percentile(serviceSamples, 50))}, p99 ${ms(percentile(serviceSamples, 99))}); GROUP BY over ${quarterTotal.toLocaleString('en')} rows: p50 ${ms(percentile(groupBySamples, 50))}, p99 ${ms(percentile(groupBySamples, 99))}; mismatching departments: ${mismatches}`,
    );
    if (mismatches) throw new Error('the board and the GROUP BY disagree');

    // ---- 3. recording throughput, counts maintained vs not
    const departmentIds = (await sql.execute<{ id: number }[]>(`select id from department where path like '/${orgId}/%/' and id <> ${orgId}`)).map((r) =>
      String(r.id),
    );
    const [{ categoryId }] = await sql.execute<{ categoryId: number }[]>(`select id as "categoryId" from category where name = '工作动态'`);
    const today = shanghaiDate();
    let seq = 0;
    const record = async (counts: CountMaintainer, seconds: number): Promise<number> => {
      const until = performance.now() + seconds * 1000;
      let done = 0;
      await Promise.all(
        Array.from({ length: WORKERS }, async (_, w) => {
          while (performance.now() < until) {
            const n = seq++;
            const day = new Date(Date.UTC(2026, 0, 1) + ((n * 7) % 300) * 86_400_000).toISOString().slice(0, 10);
            await auditContext.run({ actorType: 'user', actorId: 0, actorName: 'bench', operation: 'recordPublication', requestId: null }, () =>
              new PublicationService(orm!.em.fork(), SYSTEM_VIEWER, { counts }).recordPublication({
                departmentId: departmentIds[(n * 131 + w) % departmentIds.length]!,
                title: `基准登记 ${n}`,
                categoryId: String(categoryId),
                channelId: String(channelId),
                publishedOn: day <= today ? day : today,
                url: `https://bench.example/r/${n}`,
              }),
            );
            done++;
          }
        }),
      );
      return done / seconds;
    };
    await record(COUNT_MAINTENANCE, 2); // warm-up
    const without: number[] = [];
    const withCounts: number[] = [];
    for (let round = 0; round < 2; round++) {
      without.push(await record(NO_COUNT_MAINTENANCE, RECORD_SECONDS));
      withCounts.push(await record(COUNT_MAINTENANCE, RECORD_SECONDS));
    }
    const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    log(
      `recording (${WORKERS} concurrent writers): without counts ${avg(without).toFixed(0)}/s, with counts ${avg(withCounts).toFixed(0)}/s, ratio ${(avg(withCounts) / avg(without)).toFixed(2)}`,
    );
    // The no-count rounds left the counts short: rebuild them, then check they match the truth again.
    await rebuildCounts(orm.em.fork());

    // ---- 4. rebuild of one quarter
    const rebuildQuarter: number[] = [];
    for (let i = 0; i < 3; i++) rebuildQuarter.push((await time(() => rebuildCounts(orm!.em.fork(), period)))[0]);
    const months = ['2026-07', '2026-08', '2026-09'].map((k) => parsePeriod(k)!);
    const [monthsMs] = await time(async () => {
      for (const m of months) await rebuildCounts(orm!.em.fork(), m);
    });
    log(`rebuild of ${QUARTER} counts: ${ms(percentile(rebuildQuarter, 50))} (median of 3); its three months: ${ms(monthsMs)}`);

    const total = ((performance.now() - startedAt) / 1000).toFixed(0);
    console.log(`
## Results (${new Date().toISOString().slice(0, 10)}, ${total} s in all)

| figure | value |
|---|---|
| data set | ${PUBLICATIONS.toLocaleString('en')} publications, ${DEPARTMENTS} departments (1 root, 24 county units, 475 townships), 8 quarters 2025-Q1…2026-Q4, 12 categories; counts table ${rows.toLocaleString('en')} rows |
| bulk load (INSERT … SELECT, indexes in place) | ${(loadMs / 1000).toFixed(1)} s |
| quotaBoard ${QUARTER} (${boardRows} rows + roll-ups), the GraphQL operation executed in process (document parsed once), answered from the kept board, ${BOARD_RUNS} runs | p50 ${ms(percentile(cachedSamples, 50))}, p99 ${ms(percentile(cachedSamples, 99))}, max ${ms(Math.max(...cachedSamples))} |
| … computed each time (no cache), alternating with the above | p50 ${ms(percentile(boardSamples, 50))}, p99 ${ms(percentile(boardSamples, 99))}, max ${ms(Math.max(...boardSamples))} |
| … of which the resolver's service call (read + build the board), no cache | p50 ${ms(percentile(serviceSamples, 50))}, p99 ${ms(percentile(serviceSamples, 99))} |
| invalidation path, ${INVALIDATION_ROUNDS} rounds: recordPublication mutation (commit + clearing the kept boards) | p50 ${ms(percentile(recordSamples, 50))}, p99 ${ms(percentile(recordSamples, 99))} |
| … the next quotaBoard (recomputed, the new publication counted — checked) | p50 ${ms(percentile(afterSamples, 50))}, p99 ${ms(percentile(afterSamples, 99))}, max ${ms(Math.max(...afterSamples))} |
| … the one after (kept again) | p50 ${ms(percentile(againSamples, 50))}, p99 ${ms(percentile(againSamples, 99))} |
| same counts by plain GROUP BY on publication (${quarterTotal.toLocaleString('en')} rows in the quarter), ${GROUP_BY_RUNS} runs | p50 ${ms(percentile(groupBySamples, 50))}, p99 ${ms(percentile(groupBySamples, 99))} |
| board = GROUP BY, department by department | ${mismatches === 0 ? 'yes' : `no (${mismatches} differ)`} |
| recordPublication, ${WORKERS} concurrent writers, without counts | ${avg(without).toFixed(0)}/s (rounds: ${without.map((x) => x.toFixed(0)).join(', ')}) |
| recordPublication, with counts maintained | ${avg(withCounts).toFixed(0)}/s (rounds: ${withCounts.map((x) => x.toFixed(0)).join(', ')}) — ratio ${(avg(withCounts) / avg(without)).toFixed(2)} |
| rebuild one quarter's counts (${QUARTER}, all departments × categories) | ${ms(percentile(rebuildQuarter, 50))}; with its 3 months ${ms(percentile(rebuildQuarter, 50) + monthsMs)} |
| rebuild all counts (8 quarters, 24 months, 2 years) | ${(rebuildAllMs / 1000).toFixed(1)} s |

Machine before the run:
\`\`\`
${before}
\`\`\`
Machine after the run:
\`\`\`
${machine()}
\`\`\`
`);
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
