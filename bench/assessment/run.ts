/**
 * `npm run bench:assessment` — issue 17's figure: scores and ranking for 500 units over a year of data (1,000,000
 * publications, 10,000 requests) in ≤ 1 s. On a scratch embedded PostgreSQL, migrated like production and deleted
 * afterwards:
 *
 *   1. the data set of bench/assessment/generate.ts (one organisation, its units and their year), loaded in bulk;
 *   2. seed 000's indicator set for the organisation, for the year and for 2026-H2 (`seedAssessmentSet`);
 *   3. `AssessmentService.scores` for the year as of its last day: the first call (cold), then 20 runs; 20 runs for
 *      the second half-year (2026-H2); and the `assessmentScores` GraphQL operation executed in process (no HTTP,
 *      the document parsed once, as Apollo caches it), as an admin, 20 runs.
 *
 * Runs with NODE_ENV=production (as deployed): graphql-js then skips its development-mode checks.
 * Env: BENCH_PUBLICATIONS (1000000), BENCH_UNITS (500), BENCH_REQUESTS (10000), BENCH_RUNS (20 per series).
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { execute, parse, validate } from 'graphql';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDatabase, migrateAndSeed } from '../../server/src/db/database.js';
import { EmbeddedPostgres } from '../../server/src/db/embedded-postgres.js';
import { createOrmConfig } from '../../server/src/db/orm.config.js';
import { getSchema } from '../../server/src/graphql/schema.js';
import { seedAssessmentSet } from '../../server/src/modules/assessment/assessment-demo.js';
import { AssessmentService } from '../../server/src/modules/assessment/assessment.service.js';
import { SYSTEM_VIEWER } from '../../server/src/modules/auth/viewer.js';
import { Department } from '../../server/src/modules/departments/department.entity.js';
import { machine } from '../lib/machine.js';
import { generate } from './generate.js';
import { percentile, time } from '../lib/stats.js';

const PUBLICATIONS = Number(process.env.BENCH_PUBLICATIONS ?? 1_000_000);
const UNITS = Number(process.env.BENCH_UNITS ?? 500);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const YEAR = 2026;
const GOAL_MS = 1000;

const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(n < 10 ? 2 : 1)} ms`);
const int = (n: number) => n.toLocaleString('en');

const spread = (s: readonly number[]) => `p50 ${ms(percentile(s, 50))} · p95 ${ms(percentile(s, 95))} · max ${ms(Math.max(...s))}`;
const verdict = (s: readonly number[]) => (percentile(s, 95) <= GOAL_MS ? 'met' : `not met (p95 ${ms(percentile(s, 95))})`);

async function series<T>(runs: number, fn: () => Promise<T>): Promise<[number[], T]> {
  const samples: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const [t, r] = await time(fn);
    samples.push(t);
    last = r;
  }
  return [samples, last!];
}

/** What the bench reads of a unit's score (assessment.types.ts UnitScore). */
interface ScoreRow {
  department: { id: number | string; name: string };
  total: number;
  rank: number;
  items: { code: string; points: number; maxPoints: number; vetoed: boolean; basis: string }[];
  /** The date the service counted as of (it caps the date asked for at today). */
  asOf?: string;
}

const QUERY = `query($o: ID!, $p: String!) { assessmentScores(organizationId: $o, period: $p) { department { id name } total rank items { code points maxPoints vetoed basis } } }`;

function describe(scores: readonly ScoreRow[]): string {
  const totals = scores.map((s) => s.total).sort((a, b) => a - b);
  const items = scores.reduce((n, s) => n + s.items.length, 0);
  const vetoedUnits = scores.filter((s) => s.items.some((i) => i.vetoed)).length;
  const ranks = new Set(scores.map((s) => s.rank)).size;
  const top = [...scores].sort((a, b) => a.rank - b.rank);
  return (
    `${scores.length} units, ${items} item scores, ${vetoedUnits} units with a veto, ${ranks} distinct ranks; ` +
    `totals min ${totals[0]?.toFixed(1)} · median ${totals[Math.floor(totals.length / 2)]?.toFixed(1)} · max ${totals.at(-1)?.toFixed(1)}; ` +
    `first ${top[0]?.department.name} (${top[0]?.total.toFixed(1)}), last ${top.at(-1)?.department.name} (${top.at(-1)?.total.toFixed(1)})`
  );
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const before = machine();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-bench-assessment-'));
  fs.chmodSync(dir, 0o755);
  const pg = new EmbeddedPostgres({ dir: path.join(dir, 'pg') });
  let orm: MikroORM | undefined;
  try {
    await pg.start();
    await ensureDatabase(pg.url(), 'bench_assessment');
    const url = pg.url('bench_assessment');
    orm = await MikroORM.init(createOrmConfig({ clientUrl: url, quiet: true }));
    await migrateAndSeed(orm);

    // ---- 1. the data set
    log(`generating ${int(UNITS)} units, ${int(PUBLICATIONS)} publications, ${int(REQUESTS)} requests for ${YEAR}…`);
    const [loadMs, data] = await time(() => generate(orm!, url, { units: UNITS, publications: PUBLICATIONS, requests: REQUESTS, year: YEAR }));
    for (const [step, t] of data.steps) log(`  ${step}: ${ms(t)}`);
    log(`generated in ${ms(loadMs)}`);
    const width = Math.max(...data.counts.map(([label]) => label.length));
    for (const [label, n] of data.counts) console.log(`  ${label.padEnd(width)}  ${int(n).padStart(9)}`);

    // ---- 2. the indicator set
    const em = orm.em.fork();
    const organization = await em.findOneOrFail(Department, data.organizationId);
    const [seedMs, set] = await time(() => seedAssessmentSet(em, organization, String(YEAR)));
    // The half-year's set too, as the demo seeds them (seedDemoAssessment).
    await seedAssessmentSet(em, organization, `${YEAR}-H2`);
    log(`indicator set seeded in ${ms(seedMs)}: ${set.items.length} items`);

    // ---- 3. the scores
    const orgId = String(data.organizationId);
    const scores = (period: string): Promise<ScoreRow[]> => new AssessmentService(orm!.em.fork(), SYSTEM_VIEWER).scores(orgId, period, data.asOf);
    const [coldMs, cold] = await time(() => scores(String(YEAR)));
    log(`scores ${YEAR}, first call (cold): ${ms(coldMs)} — ${describe(cold)}`);
    const [yearSamples, year] = await series(RUNS, () => scores(String(YEAR)));
    const countedAsOf = year[0]?.asOf ?? data.asOf;
    log(`scores ${YEAR} as of ${data.asOf} (counted as of ${countedAsOf}), ${RUNS} runs: ${spread(yearSamples)}`);
    const [halfSamples, half] = await series(RUNS, () => scores(`${YEAR}-H2`));
    log(`scores ${YEAR}-H2, ${RUNS} runs: ${spread(halfSamples)} — ${describe(half)}`);

    // The operation as the dashboard sends it (no asOf: the service counts as of today, or the period's end once over),
    // parsed and validated once as Apollo caches a repeated document; an admin's context.
    const schema = await getSchema();
    const document = parse(QUERY);
    const invalid = validate(schema, document);
    if (invalid.length) throw invalid[0];
    const operation = async () => {
      const result = await execute({
        schema,
        document,
        variableValues: { o: orgId, p: String(YEAR) },
        contextValue: { em: orm!.em.fork(), requestId: 'bench', viewer: SYSTEM_VIEWER, authError: null },
      });
      if (result.errors?.length) throw result.errors[0];
      return (result.data as { assessmentScores: ScoreRow[] }).assessmentScores;
    };
    const [graphqlColdMs] = await time(operation);
    const [graphqlSamples, graphqlRows] = await series(RUNS, operation);
    log(
      `assessmentScores(period: "${YEAR}") through GraphQL in process: first ${ms(graphqlColdMs)}, ${RUNS} runs ${spread(graphqlSamples)} — ${graphqlRows.length} rows`,
    );

    const total = ((performance.now() - startedAt) / 1000).toFixed(0);
    const publications = data.counts.find(([l]) => l === 'publications')?.[1] ?? 0;
    const requests = data.counts.find(([l]) => l === 'information requests')?.[1] ?? 0;
    console.log(`
## Results (${new Date().toISOString().slice(0, 10)}, ${total} s in all)

| figure | value |
|---|---|
| data set | ${int(UNITS)} units, ${int(publications)} publications, ${int(requests)} requests (see the counts above) |
| generation (bulk INSERT … SELECT, rebuildCounts, analyze) | ${ms(loadMs)} |
| seedAssessmentSet (${set.items.length} indicators, ${YEAR}) | ${ms(seedMs)} |
| scores ${YEAR}, first call | ${ms(coldMs)} |
| scores ${YEAR} asked as of ${data.asOf} (counted as of ${countedAsOf}), ${RUNS} runs | ${spread(yearSamples)} |
| scores ${YEAR}-H2, ${RUNS} runs | ${spread(halfSamples)} |
| assessmentScores ${YEAR} (GraphQL in process, admin, as of today), ${RUNS} runs | ${spread(graphqlSamples)} (${graphqlRows.length} rows) |
| scores ${YEAR}: ${year.length} units | ${describe(year)} |

goal ≤ ${GOAL_MS} ms (p95, scores for the year): ${verdict(yearSamples)}
goal ≤ ${GOAL_MS} ms (p95, scores for ${YEAR}-H2): ${verdict(halfSamples)}
goal ≤ ${GOAL_MS} ms (p95, through GraphQL): ${verdict(graphqlSamples)}

Machine before:
\`\`\`
${before}
\`\`\`
after:
\`\`\`
${machine()}
\`\`\``);
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
