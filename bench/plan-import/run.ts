/**
 * `npm run bench:plan-import` — the figure of issue 15: importing a 300-row table takes ≤ 1 s end to end. A scratch
 * embedded PostgreSQL migrated like production (deleted afterwards), the server as a child process (`spawnServer`,
 * NODE_ENV=production) and HTTP on loopback as the bootstrap admin, as `bench:annual-report` does.
 *
 * One organisation with 30 departments (16 科室, 14 中心/大队/所, created with `createDepartment`), then deterministic
 * 任务分工 tables of 300 rows (bench/plan-import/tables.ts; a different document each time, since the same document
 * twice is refused), imported the three ways a person does, with the dashboard's own documents:
 *   a. pasted tab-separated text → `previewPlanImport` → `importPlan`;
 *   b. an .xlsx (exceljs, 工作任务 merged) → `POST /api/plans/document-text` → `previewPlanImport` → `importPlan`;
 *   c. HTML copied from a web page (rowspan) → `previewPlanImport` → `importPlan`.
 * Each import must have stored as many work points as the preview showed, with every unit matched.
 *
 * Env: BENCH_RUNS (15 per form, after BENCH_WARMUP = 2), BENCH_ROWS (300).
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { print, type DocumentNode } from 'graphql';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImportPlanDocument, PreviewPlanImportDocument } from '../../dashboard/src/graphql/generated/graphql.js';
import { ensureDatabase, migrateAndSeed } from '../../server/src/db/database.js';
import { EmbeddedPostgres } from '../../server/src/db/embedded-postgres.js';
import { createOrmConfig } from '../../server/src/db/orm.config.js';
import { makeDataDir, spawnServer, type ServerProcess } from '../../test/helpers/spawn-server.js';
import { generateTable, OFFICES, toHtml, toText, toXlsx, UNITS } from './tables.js';
import { percentile, time } from '../lib/stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const ROWS = Number(process.env.BENCH_ROWS ?? 300);
const ADMIN_PASSWORD = 'Bench@admin-2026';
const YEAR = 2027;
const GOAL_MS = 1000;

const log = (line: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(n < 10 ? 2 : 0)} ms`);

const spread = (s: readonly number[]) => `p50 ${ms(percentile(s, 50))} · p95 ${ms(percentile(s, 95))} · max ${ms(Math.max(...s))}`;

function sh(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8' }).trimEnd();
  } catch {
    return '(unavailable)';
  }
}

function machine(): string {
  let commit = sh('git', ['rev-parse', '--short', 'HEAD']);
  if (sh('git', ['status', '--porcelain', '--untracked-files=no']) !== '') commit += ' (with uncommitted changes in the work tree)';
  return [
    `nproc: ${sh('nproc', [])} · cpu: ${os.cpus()[0]?.model ?? '?'} · node ${process.version} · commit ${commit}`,
    `free -m:\n${sh('free', ['-m'])}`,
    `uptime: ${sh('uptime', [])}`,
  ].join('\n');
}

async function gql(url: string, document: DocumentNode | string, variables: Record<string, unknown>, token?: string): Promise<any> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables }),
  });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
  }
  if (res.status !== 200 || body.errors) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  return body.data;
}

async function upload(baseUrl: string, token: string, file: Buffer, filename: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([file]), filename);
  const res = await fetch(`${baseUrl}/api/plans/document-text`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`document-text: HTTP ${res.status}: ${text.slice(0, 300)}`);
  return (JSON.parse(text) as { text: string }).text;
}

type Form = 'text' | 'xlsx' | 'html';
const FORMS: { form: Form; label: string }[] = [
  { form: 'text', label: 'a. pasted tab-separated text → `previewPlanImport` → `importPlan`' },
  { form: 'xlsx', label: 'b. .xlsx → `POST /api/plans/document-text` → `previewPlanImport` → `importPlan`' },
  { form: 'html', label: 'c. HTML with rowspan → `previewPlanImport` → `importPlan`' },
];

interface Sample {
  form: Form;
  total: number;
  upload: number;
  preview: number;
  import: number;
  points: number;
  bytes: number;
}

interface Series {
  name: string;
  samples: Sample[];
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const before = machine();
  const dir = makeDataDir('zwgk-bench-pi-');
  const pg = new EmbeddedPostgres({ dir: path.join(dir, 'pg') });
  let orm: MikroORM | undefined;
  let server: ServerProcess | undefined;
  const series: Series[] = [];
  const problems: string[] = [];
  let departments = 0;
  try {
    await pg.start();
    await ensureDatabase(pg.url(), 'bench_pi');
    const clientUrl = pg.url('bench_pi');
    orm = await MikroORM.init(createOrmConfig({ clientUrl, quiet: true }));
    await migrateAndSeed(orm);
    server = spawnServer({
      NODE_ENV: 'production',
      DATABASE_URL: clientUrl,
      DATA_DIR: path.join(dir, 'data'),
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO_DATA: 'false',
      ADMIN_PASSWORD,
      DEADLINE_SWEEP_SECONDS: '0',
      REDIS_URL: undefined,
    });
    const baseUrl = (await server.waitForReady(120_000)).baseUrl;
    const url = `${baseUrl}/graphql`;
    const token = (
      await gql(url, `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }`, { u: 'admin', p: ADMIN_PASSWORD })
    ).login.accessToken as string;
    log(`server ready (${url})`);

    const create = `mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }`;
    let orgs = 0;
    /** An organisation with its 30 departments, created over HTTP as an administrator does (not timed). */
    const organisation = async (): Promise<string> => {
      const code = `BENCH-PI${++orgs}`;
      const org = (await gql(url, create, { i: { code, name: `基准市城市管理综合执法局（${orgs}）`, kind: 'ORGANIZATION' } }, token)).createDepartment
        .id as string;
      let order = 0;
      for (const [names, kind] of [
        [OFFICES, 'OFFICE'],
        [UNITS, 'SUBORDINATE_UNIT'],
      ] as const) {
        for (const name of names) {
          order++;
          await gql(url, create, { i: { code: `${code}-${String(order).padStart(2, '0')}`, name, kind, parentId: org, sortOrder: order } }, token);
        }
      }
      departments = order;
      return org;
    };

    let seed = 0;
    const measure = async (series: Series, org: string, warmUp: boolean): Promise<void> => {
      for (const { form } of FORMS) {
        const table = generateTable(++seed, YEAR, ROWS);
        const xlsx = form === 'xlsx' ? await toXlsx(table) : undefined;
        const pasted = form === 'html' ? toHtml(table) : toText(table);
        const start = performance.now();
        const [uploadMs, text] = xlsx ? await time(() => upload(baseUrl, token, xlsx, '任务分工.xlsx')) : [0, pasted];
        const input = { organizationId: org, text, year: YEAR, title: table.title, unitMapping: [], createMissingDepartments: false };
        const [previewMs, preview] = await time(() => gql(url, PreviewPlanImportDocument, { input }, token));
        const p = preview.previewPlanImport;
        const [importMs, imported] = await time(() => gql(url, ImportPlanDocument, { input }, token));
        const total = performance.now() - start;
        const planId = imported.importPlan.id as string;
        const stored = (await gql(url, `query($id: ID!) { plan(id: $id) { workPoints { id } } }`, { id: planId }, token)).plan.workPoints.length as number;
        if (stored !== p.points.length || p.unmappedNames.length || p.duplicateOfPlanId)
          problems.push(`${form} #${seed}: preview ${p.points.length} points, stored ${stored}, unmapped ${p.unmappedNames.join('、') || 'none'}`);
        if (p.points.length !== ROWS) problems.push(`${form} #${seed}: ${p.points.length} points from ${ROWS} rows (${p.layout})`);
        if (!warmUp)
          series.samples.push({
            form,
            total,
            upload: uploadMs,
            preview: previewMs,
            import: importMs,
            points: stored,
            bytes: xlsx?.length ?? Buffer.byteLength(pasted),
          });
        log(
          `${series.name} ${form} #${seed}${warmUp ? ' (warm-up)' : ''}: ${ms(total)} (upload ${ms(uploadMs)}, preview ${ms(previewMs)}, import ${ms(importMs)}), ${stored} points`,
        );
      }
    };

    // 1. A fresh organisation for each round of three imports: the figure as an office importing its year's plan sees it.
    const fresh: Series = { name: 'fresh', samples: [] };
    for (let run = 0; run < WARMUP + RUNS; run++) await measure(fresh, await organisation(), run < WARMUP);
    series.push(fresh);
    // 2. One organisation keeping every plan it imports (in force): 3 × RUNS plans of 300 points pile up.
    const kept: Series = { name: 'accumulating', samples: [] };
    const org = await organisation();
    for (let run = 0; run < RUNS; run++) await measure(kept, org, false);
    series.push(kept);
  } finally {
    if (server && !server.exit()) {
      server.child.kill('SIGTERM');
      await server.waitForExit(30_000).catch(() => server!.child.kill('SIGKILL'));
    }
    await orm?.close(true);
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const seconds = ((performance.now() - startedAt) / 1000).toFixed(0);
  console.log(`\n## Results (${new Date().toISOString().slice(0, 10)}, ${seconds} s in all)\n`);
  console.log(
    `Each organisation ${departments} departments; ${ROWS}-row tables; a different document each import. **Fresh**: a new organisation for each round of three imports, ${RUNS} rounds after ${WARMUP} warm-ups. **Accumulating**: then one organisation importing ${RUNS} rounds and keeping every plan (in force), so the last import finds ${3 * RUNS - 1} plans of ${ROWS} points already there.\n`,
  );
  console.log('| series | form | end to end | of which upload | preview | import | points stored | input | goal (p95 ≤ 1 s) |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  let met = true;
  for (const { name, samples } of series) {
    for (const { form, label } of FORMS) {
      const s = samples.filter((x) => x.form === form);
      const of = (k: 'total' | 'upload' | 'preview' | 'import' | 'points' | 'bytes') => s.map((x) => x[k]);
      const p95 = percentile(of('total'), 95);
      if (name === 'fresh') met &&= p95 <= GOAL_MS;
      const goal = p95 <= GOAL_MS ? 'met' : `**not met** (p95 ${ms(p95)} > 1 s)`;
      const upload = form === 'xlsx' ? `p50 ${ms(percentile(of('upload'), 50))}` : '—';
      const input = `${((s[0]?.bytes ?? 0) / 1024).toFixed(0)} KB`;
      const points = [...new Set(of('points'))].join(', ');
      console.log(
        `| ${name} | ${label} | ${spread(of('total'))} | ${upload} | p50 ${ms(percentile(of('preview'), 50))} | p50 ${ms(percentile(of('import'), 50))} | ${points} | ${input} | ${goal} |`,
      );
    }
  }
  const kept = series.find((x) => x.name === 'accumulating')?.samples ?? [];
  const third = Math.max(1, Math.floor(kept.length / 3));
  if (kept.length)
    console.log(
      `\nAccumulating, all forms: first ${third} imports p50 ${ms(
        percentile(
          kept.slice(0, third).map((x) => x.total),
          50,
        ),
      )}, last ${third} p50 ${ms(
        percentile(
          kept.slice(-third).map((x) => x.total),
          50,
        ),
      )}.`,
    );
  console.log(`\nChecks: ${problems.length ? problems.join('; ') : 'every import stored as many work points as its preview showed, every unit matched'}.`);
  console.log(
    `\nGoal (issue 15, a 300-row table imported in ≤ 1 s end to end; p95 of each form, fresh organisation): ${met && !problems.length ? 'met' : '**not met**'}.`,
  );
  console.log(`\nMachine before:\n\`\`\`\n${before}\n\`\`\`\nafter:\n\`\`\`\n${machine()}\n\`\`\``);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
