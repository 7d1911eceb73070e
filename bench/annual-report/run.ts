/**
 * `npm run bench:annual-report` — the two figures of issue 14 (the statutory annual report), on a scratch embedded
 * PostgreSQL migrated like production and deleted afterwards, the server as a child process (`spawnServer`, the test
 * helper: `node --import tsx server/src/main.ts`, NODE_ENV=production) and HTTP on loopback as the bootstrap admin.
 *
 *   1. Bulk check — 200 published reports (bench/annual-report/texts.ts: the two reference reports varied) through
 *      `checkAnnualReportTexts`, with the dashboard's own document (BulkCheckPanel): one request of 200, 4 requests
 *      of 50 (one after the other, and at once), and — when the server refuses a request for its size — requests
 *      packed up to its body limit. Beside it, in this process: the same operation executed by graphql-js (no HTTP,
 *      no body limit) and the reader alone (`readAnnualReportText`) per report. Every reading must have found its
 *      tables, every report whose figures were moved must get an identity ERROR and no other report one, and the
 *      answers over HTTP must equal the readings in process.
 *   2. Generating a report — one organisation (6 departments) whose registers hold 10,000 entries for the year, and
 *      its ledger (bench/annual-report/registers.ts), last year's report published (figures frozen). Timed over HTTP:
 *      `createAnnualReport` (counts + drafted narrative; the report is deleted again between runs) and
 *      `annualReport(id) { figures text findings }` (and the report page's whole query); in process:
 *      `AnnualReportService.compute` and its two counting steps; one computation's SQL statements with their times,
 *      and EXPLAIN ANALYZE of the slowest. The same for 10× (100,000 entries, 200,000 publications) in a second
 *      organisation, then the first organisation again with the second one's rows in the same tables.
 *
 * Env: BENCH_REPORTS (200), BENCH_RUNS (30 per timed figure), BENCH_SCALES (1,10), BENCH_CPU_PROF (a directory: the
 * server writes a V8 CPU profile there when it stops).
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { sify } from 'chinese-conv';
import { execute, print, type DocumentNode } from 'graphql';
import fs from 'node:fs';
import path from 'node:path';
import { AnnualReportDocument, CheckAnnualReportTextsDocument, CreateAnnualReportDocument } from '../../dashboard/src/graphql/generated/graphql.js';
import { ensureDatabase, migrateAndSeed } from '../../server/src/db/database.js';
import { EmbeddedPostgres } from '../../server/src/db/embedded-postgres.js';
import { createOrmConfig } from '../../server/src/db/orm.config.js';
import { getSchema } from '../../server/src/graphql/schema.js';
import { AnnualReportService } from '../../server/src/modules/annual-report/annual-report.service.js';
import { allCells } from '../../server/src/modules/annual-report/format.js';
import { collectLiveFacts } from '../../server/src/modules/annual-report/narrative.js';
import { checkAnnualReportCells } from '../../server/src/modules/annual-report/reading/checks.js';
import { readAnnualReportText } from '../../server/src/modules/annual-report/reading/index.js';
import { readOrganization, readYear } from '../../server/src/modules/annual-report/reading/meta.js';
import { normalizeReportText } from '../../server/src/modules/annual-report/reading/normalize.js';
import { readTables } from '../../server/src/modules/annual-report/reading/tables.js';
import { checkNormalizedText } from '../../server/src/modules/annual-report/reading/text-checks.js';
import { tokenize } from '../../server/src/modules/annual-report/reading/tokens.js';
import { countRegisterFigures } from '../../server/src/modules/annual-report/report-figures.js';
import { SYSTEM_VIEWER } from '../../server/src/modules/auth/viewer.js';
import { shanghaiDate } from '../../server/src/time/calendar-date.js';
import { makeDataDir, spawnServer, type ServerProcess } from '../../test/helpers/spawn-server.js';
import { createOrganisation, loadRegisters, PER_SCALE, type Organisation } from './registers.js';
import { generateReports, type GeneratedReport } from './texts.js';
import { machine } from '../lib/machine.js';
import { percentile, time } from '../lib/stats.js';

const REPORTS = Number(process.env.BENCH_REPORTS ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const SCALES = (process.env.BENCH_SCALES ?? '1,10').split(',').map(Number);
const CPU_PROF = process.env.BENCH_CPU_PROF;
const ADMIN_PASSWORD = 'Bench@admin-2026';
/** Last year's report, as drafted in January. */
const YEAR = Number(shanghaiDate().slice(0, 4)) - 1;
const BULK_GOAL_MS = 10_000;
const REPORT_GOAL_MS = 500;

const log = (line: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(n < 10 ? 2 : 1)} ms`);
const kb = (n: number) => `${(n / 1024).toFixed(n < 10_240 ? 1 : 0)} KB`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;
const int = (n: number) => n.toLocaleString('en');

const spread = (s: readonly number[]) => `p50 ${ms(percentile(s, 50))} · p95 ${ms(percentile(s, 95))} · max ${ms(Math.max(...s))}`;
const verdict = (value: number, goal: number) => (value <= goal ? 'met' : `**not met** (${ms(value)} > ${ms(goal)})`);

interface Answer {
  status: number;
  body: any;
  ms: number;
  requestBytes: number;
  responseBytes: number;
}

async function post(url: string, document: DocumentNode | string, variables: Record<string, unknown>, token?: string): Promise<Answer> {
  const body = JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables });
  const start = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body,
  });
  const text = await res.text();
  const elapsed = performance.now() - start;
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = { errors: [{ message: text.slice(0, 200) }] };
  }
  return { status: res.status, body: parsed, ms: elapsed, requestBytes: Buffer.byteLength(body), responseBytes: Buffer.byteLength(text) };
}

async function gqlOk(url: string, document: DocumentNode | string, variables: Record<string, unknown>, token?: string): Promise<any> {
  const a = await post(url, document, variables, token);
  if (a.status !== 200 || a.body.errors) throw new Error(`HTTP ${a.status}: ${JSON.stringify(a.body.errors ?? a.body).slice(0, 500)}`);
  return a.body.data;
}

const login = async (url: string) =>
  (await gqlOk(url, `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }`, { u: 'admin', p: ADMIN_PASSWORD })).login
    .accessToken as string;

// ---------------------------------------------------------------------------------------------------------------
// 1. Bulk check

interface Row {
  figure: string;
  value: string;
  goal?: string;
}

async function bulkCheck(url: string, orm: MikroORM, rows: Row[]): Promise<void> {
  const [genMs, reports] = await time(async () => generateReports(REPORTS));
  const sizes = reports.map((r) => r.bytes);
  const total = sizes.reduce((s, b) => s + b, 0);
  const layouts = [...new Set(reports.map((r) => r.layout))].map((l) => `${l} ${reports.filter((r) => r.layout === l).length}`).join(', ');
  log(
    `${reports.length} reports generated in ${ms(genMs)}: ${mb(total)}, ${kb(Math.min(...sizes))}–${kb(Math.max(...sizes))} (median ${kb(percentile(sizes, 50))}); ${layouts}`,
  );
  rows.push({
    figure: 'texts',
    value: `${reports.length} different reports, ${mb(total)} in all, ${kb(Math.min(...sizes))}–${kb(Math.max(...sizes))} each (median ${kb(percentile(sizes, 50))}); layouts: ${layouts}; ${reports.filter((r) => r.brokenCells).length} with table figures moved off their identities, ${reports.filter((r) => r.wrongClaims).length} with narrative figures that differ from the tables or breakdowns that do not add up`,
  });

  // The reader alone, in this process: every report once to warm up, then three passes, each report timed.
  const readings = reports.map((r) => readAnnualReportText(r.text));
  const perReport: number[] = [];
  let passMs: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    const start = performance.now();
    for (const r of reports) {
      const t = performance.now();
      readAnnualReportText(r.text);
      perReport.push(performance.now() - t);
    }
    passMs.push(performance.now() - start);
  }
  passMs = passMs.sort((a, b) => a - b);
  // Where the reader's time goes: its steps (reading/index.ts) timed one by one over all reports, median of 3 passes.
  const steps: Record<string, number[]> = { simplify: [], normalize: [], tables: [], tableChecks: [], textChecks: [], meta: [] };
  for (let pass = 0; pass < 3; pass++) {
    const sums = Object.fromEntries(Object.keys(steps).map((k) => [k, 0])) as Record<keyof typeof steps, number>;
    for (const r of reports) {
      let t = performance.now();
      sify(r.text);
      sums.simplify += performance.now() - t;
      t = performance.now();
      const normalized = normalizeReportText(r.text);
      sums.normalize += performance.now() - t;
      t = performance.now();
      const tables = readTables(tokenize(normalized));
      sums.tables += performance.now() - t;
      t = performance.now();
      checkAnnualReportCells(tables.cells);
      sums.tableChecks += performance.now() - t;
      t = performance.now();
      const year = readYear(normalized);
      readOrganization(normalized);
      sums.meta += performance.now() - t;
      t = performance.now();
      checkNormalizedText(normalized, tables.cells, year);
      sums.textChecks += performance.now() - t;
    }
    for (const k of Object.keys(steps)) steps[k]!.push(sums[k]!);
  }
  const step = (k: string) => ms(percentile(steps[k]!, 50));
  const stepsRow = {
    figure: `… its steps over all ${reports.length} (median of 3 passes)`,
    value: `normalising ${step('normalize')} (of which traditional → simplified, chinese-conv \`sify\`, ${step('simplify')}); tokens and tables ${step('tables')}; table checks ${step('tableChecks')}; year and organisation ${step('meta')}; narrative checks (\`checkNormalizedText\`) ${step('textChecks')}`,
  };
  const cells = allCells().length;
  const complete = readings.filter((r) => r.cells.length === cells).length;
  const identityErrors = (i: number) => readings[i]!.findings.filter((f) => f.severity === 'ERROR' && /^T[34]-/.test(f.rule)).length;
  const broken = reports.map((r, i) => [r, i] as const).filter(([r]) => r.brokenCells > 0);
  const caught = broken.filter(([, i]) => identityErrors(i) > 0).length;
  const falseAlarms = reports.filter((r, i) => r.brokenCells === 0 && identityErrors(i) > 0).length;
  const findings = readings.reduce((s, r) => s + r.findings.length, 0);
  log(`reader: per report ${spread(perReport)}; ${reports.length} reports ${ms(passMs[1]!)}; all tables read in ${complete}/${reports.length}`);
  rows.push({ figure: `reader alone (\`readAnnualReportText\`, in process), per report, ${reports.length} × 3 passes`, value: spread(perReport) });
  rows.push({ figure: `… all ${reports.length} one after the other`, value: `${ms(passMs[1]!)} (median of 3 passes)` });
  rows.push(stepsRow);
  rows.push({
    figure: 'readings that found tables 二, 三 and 四 whole',
    value: `${complete}/${reports.length} (${cells} figures each); ${int(findings)} findings in all; moved figures caught (identity ERROR): ${caught}/${broken.length}; identity ERRORs in reports whose figures were not moved: ${falseAlarms}`,
  });
  if (complete !== reports.length) {
    const missing = reports.filter((_, i) => readings[i]!.cells.length !== cells).map((r) => r.label);
    throw new Error(`the reader did not find every table in ${missing.length} reports: ${missing.slice(0, 5).join(', ')}`);
  }

  // The operation executed by graphql-js in this process: what the server does with one request of all reports.
  const schema = await getSchema();
  const items = reports.map((r) => ({ label: r.label, text: r.text }));
  const inProcess: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [t, result] = await time(async () =>
      execute({
        schema,
        document: CheckAnnualReportTextsDocument,
        variableValues: { reports: items },
        contextValue: { em: orm.em.fork(), requestId: 'bench', viewer: SYSTEM_VIEWER, authError: null },
      }),
    );
    if (result.errors?.length) throw result.errors[0];
    if (i > 0) inProcess.push(t);
  }
  rows.push({
    figure: `\`checkAnnualReportTexts\` with all ${reports.length}, executed by graphql-js in process (no HTTP, no body limit), median of 3`,
    value: ms(percentile(inProcess, 50)),
    goal: verdict(percentile(inProcess, 50), BULK_GOAL_MS),
  });

  // Over HTTP as the admin, with the dashboard's document.
  const token = await login(url);
  const check = (batch: GeneratedReport[]) =>
    post(url, CheckAnnualReportTextsDocument, { reports: batch.map((r) => ({ label: r.label, text: r.text })) }, token);
  const compare = (answers: Answer[], batches: GeneratedReport[][]) => {
    let offset = 0;
    answers.forEach((a, b) => {
      const got = a.body.data.checkAnnualReportTexts as { errorCount: number; warningCount: number; reading: { cells: unknown[] } }[];
      got.forEach((row, k) => {
        const reading = readings[offset + k]!;
        const errors = reading.findings.filter((f) => f.severity === 'ERROR').length;
        if (row.reading.cells.length !== reading.cells.length || row.errorCount !== errors || row.errorCount + row.warningCount !== reading.findings.length)
          throw new Error(`report ${offset + k}: the server's answer differs from the reading in process`);
      });
      offset += batches[b]!.length;
    });
  };
  await check(reports.slice(0, 10)); // warm-up

  const describe = (answers: Answer[]) => {
    const refused = answers.find((a) => a.status !== 200 || a.body.errors);
    return refused ? `HTTP ${refused.status}: ${refused.body.errors?.[0]?.message ?? ''}` : null;
  };
  const scenario = async (label: string, batches: GeneratedReport[][], concurrent: boolean): Promise<string | null> => {
    const samples: number[] = [];
    let refusal: string | null = null;
    let sent = 0;
    let received = 0;
    for (let round = 0; round < 3 && !refusal; round++) {
      const start = performance.now();
      const answers = concurrent ? await Promise.all(batches.map(check)) : await sequential(batches, check);
      samples.push(performance.now() - start);
      refusal = describe(answers);
      if (!refusal) compare(answers, batches);
      sent = answers.reduce((s, a) => s + a.requestBytes, 0);
      received = answers.reduce((s, a) => s + a.responseBytes, 0);
    }
    const largest = Math.max(
      ...batches.map((b) => Buffer.byteLength(JSON.stringify({ query: print(CheckAnnualReportTextsDocument), variables: { reports: b } }))),
    );
    if (refusal) {
      log(`${label}: refused — ${refusal} (largest request ${mb(largest)})`);
      rows.push({ figure: label, value: `**refused**: ${refusal} — the request is ${mb(largest)}`, goal: '**not met**' });
    } else {
      const median = percentile(samples, 50);
      log(`${label}: ${samples.map(ms).join(', ')}`);
      rows.push({
        figure: label,
        value: `${ms(median)} (median of 3; ${samples.map(ms).join(', ')}); sent ${mb(sent)}, received ${mb(received)}`,
        goal: verdict(median, BULK_GOAL_MS),
      });
    }
    return refusal;
  };
  const refusedWhole = await scenario(`HTTP, one request of ${reports.length}`, [reports], false);
  const quarters = Array.from({ length: 4 }, (_, q) => reports.slice((q * reports.length) / 4, ((q + 1) * reports.length) / 4));
  const refusedQuarters = await scenario(`HTTP, 4 requests of ${quarters[0]!.length}, one after the other`, quarters, false);
  await scenario(`HTTP, 4 requests of ${quarters[0]!.length}, at once`, quarters, true);
  const refused = refusedWhole ?? refusedQuarters;
  const limit = refused ? /上限\s*(\d+)\s*(kb|mb)/i.exec(refused) : null;
  if (limit) {
    // As many reports per request as the body limit lets through.
    const bytesLimit = Number(limit[1]) * (limit[2]!.toLowerCase() === 'mb' ? 1024 * 1024 : 1024) - 4096;
    const batches: GeneratedReport[][] = [[]];
    const overhead = Buffer.byteLength(JSON.stringify({ query: print(CheckAnnualReportTextsDocument), variables: { reports: [] } }));
    let size = overhead;
    for (const r of reports) {
      const item = Buffer.byteLength(JSON.stringify({ label: r.label, text: r.text })) + 1;
      if (size + item > bytesLimit && batches.at(-1)!.length) {
        batches.push([]);
        size = overhead;
      }
      batches.at(-1)!.push(r);
      size += item;
    }
    const counts = batches.map((b) => b.length).join(' + ');
    await scenario(`HTTP, ${batches.length} requests each within the ${limit[1]}${limit[2]} body limit (${counts}), one after the other`, batches, false);
    await scenario(`HTTP, the same ${batches.length} requests at once`, batches, true);
  }
}

async function sequential<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await fn(item));
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Generating a report

const CREATE_ID_ONLY = `mutation($input: CreateAnnualReportInput!) { createAnnualReport(input: $input) { id } }`;
const REPORT_QUERY = `query($id: ID!) { annualReport(id: $id) {
  id version
  figures { table row column value source note registerValue }
  text { preamble overview proactiveText problems otherMatters }
  findings { rule severity message cells { table row column } }
} }`;

type Sql = ReturnType<MikroORM['em']['getConnection']>;

async function deleteReport(sql: Sql, id: number | string): Promise<void> {
  await sql.execute(`delete from deadline where kind = 'ANNUAL_REPORT' and subject_id = ${Number(id)}`);
  await sql.execute(`delete from annual_report where id = ${Number(id)}`);
}

/** Last year's report of the organisation, published: created through the API, its figures frozen as 定稿 does. */
async function publishLastYear(url: string, token: string, sql: Sql, org: Organisation): Promise<void> {
  const { createAnnualReport } = await gqlOk(url, CreateAnnualReportDocument, { input: { organizationId: String(org.id), year: YEAR - 1 } }, token);
  const { annualReport } = await gqlOk(url, REPORT_QUERY, { id: createAnnualReport.id }, token);
  const frozen = annualReport.figures.map((f: any) => ({ table: f.table, row: f.row, column: f.column, value: f.value, source: f.source }));
  await sql.execute(`update annual_report set frozen_cells = ?::jsonb, status = 'PUBLISHED', signed_on = ?, submitted_on = ?, published_on = ? where id = ?`, [
    JSON.stringify(frozen),
    `${YEAR}-01-20`,
    `${YEAR}-01-22`,
    `${YEAR}-01-25`,
    Number(createAnnualReport.id),
  ]);
}

interface Statement {
  sql: string;
  ms: number;
}

/** One computation with every SQL statement logged (a second ORM, same database): the statements and their times. */
async function statementsOf(clientUrl: string, reportId: string): Promise<Statement[]> {
  const lines: string[] = [];
  // The project's config, with the parameters printed into the logged statements (to EXPLAIN them).
  const orm = await MikroORM.init({
    ...createOrmConfig({ clientUrl, quiet: true, poolMax: 2 }),
    debug: ['query', 'query-params'],
    logger: (line: string) => lines.push(line),
    colors: false,
  });
  try {
    const service = new AnnualReportService(orm.em.fork(), SYSTEM_VIEWER);
    await service.compute(await service.getReport(reportId)); // warm the pool
    lines.length = 0;
    const em = orm.em.fork();
    const s = new AnnualReportService(em, SYSTEM_VIEWER);
    await s.compute(await s.getReport(reportId));
  } finally {
    await orm.close(true);
  }
  return lines
    .map((line) => {
      // "[query] select … [took 12 ms, 1 result]"
      const m = /^\[query\]\s+([\s\S]*?)\s+\[took (\d+(?:\.\d+)?) ms/.exec(line);
      return m ? { sql: m[1]!, ms: Number(m[2]) } : null;
    })
    .filter((s): s is Statement => s !== null);
}

async function explain(sql: Sql, statement: string): Promise<string[]> {
  const plan = await sql.execute<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers) ${statement}`);
  return plan.map((p) => p['QUERY PLAN']);
}

interface Measured {
  label: string;
  create: number[];
  createIdOnly: number[];
  read: number[];
  page: number[];
  compute: number[];
  counts: number[];
  facts: number[];
  statements: Statement[];
  plans: { sql: string; plan: string[] }[];
  figures: number;
  findings: string[];
}

async function measureReport(url: string, orm: MikroORM, clientUrl: string, org: Organisation, label: string): Promise<Measured> {
  const sql = orm.em.getConnection();
  const token = await login(url);
  const create = async (document: DocumentNode | string = CreateAnnualReportDocument) => {
    const a = await post(url, document, { input: { organizationId: String(org.id), year: YEAR } }, token);
    if (a.status !== 200 || a.body.errors) throw new Error(`createAnnualReport: ${JSON.stringify(a.body.errors ?? a.status)}`);
    return { ms: a.ms, id: a.body.data.createAnnualReport.id as string };
  };
  for (let i = 0; i < 3; i++) await deleteReport(sql, (await create()).id);
  const createMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c = await create();
    createMs.push(c.ms);
    await deleteReport(sql, c.id);
  }
  // The same mutation asking for the new report's id only: without the fields that compute the report (dueDate …).
  const createIdMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c = await create(CREATE_ID_ONLY);
    createIdMs.push(c.ms);
    await deleteReport(sql, c.id);
  }
  const { id } = await create();
  const read = async (document: DocumentNode | string) => {
    const a = await post(url, document, { id }, token);
    if (a.status !== 200 || a.body.errors) throw new Error(`annualReport: ${JSON.stringify(a.body.errors ?? a.status)}`);
    return a;
  };
  for (let i = 0; i < 5; i++) await read(REPORT_QUERY);
  const readMs: number[] = [];
  let last: Answer | undefined;
  for (let i = 0; i < RUNS; i++) {
    last = await read(REPORT_QUERY);
    readMs.push(last.ms);
  }
  const report = last!.body.data.annualReport;
  const pageMs: number[] = [];
  for (let i = 0; i < 3; i++) await read(AnnualReportDocument);
  for (let i = 0; i < RUNS; i++) pageMs.push((await read(AnnualReportDocument)).ms);

  // In this process: the service the resolvers call, and its two counting steps.
  const computeMs: number[] = [];
  const countsMs: number[] = [];
  const factsMs: number[] = [];
  const department = { id: org.id, path: org.path };
  for (let i = 0; i < RUNS + 5; i++) {
    const em = orm.em.fork();
    const service = new AnnualReportService(em, SYSTEM_VIEWER);
    const [t] = await time(async () => service.compute(await service.getReport(id)));
    const [c, figures] = await time(() => countRegisterFigures(orm.em.fork(), department, YEAR));
    const [f] = await time(() => collectLiveFacts(orm.em.fork(), department, YEAR, figures));
    if (i >= 5) {
      computeMs.push(t);
      countsMs.push(c);
      factsMs.push(f);
    }
  }
  const statements = await statementsOf(clientUrl, id);
  const slowest = [...statements].sort((a, b) => b.ms - a.ms).slice(0, 2);
  const plans: { sql: string; plan: string[] }[] = [];
  for (const s of slowest) plans.push({ sql: s.sql, plan: await explain(sql, s.sql) });
  await deleteReport(sql, id);
  log(
    `${label}: createAnnualReport ${spread(createMs)} ({ id } only: ${spread(createIdMs)}); annualReport ${spread(readMs)}; page query ${spread(pageMs)}; compute ${spread(computeMs)} (counts ${ms(percentile(countsMs, 50))}, live facts ${ms(percentile(factsMs, 50))})`,
  );
  return {
    label,
    create: createMs,
    createIdOnly: createIdMs,
    read: readMs,
    page: pageMs,
    compute: computeMs,
    counts: countsMs,
    facts: factsMs,
    statements,
    plans,
    figures: report.figures.length,
    findings: report.findings.map((f: any) => `${f.severity} ${f.rule}`),
  };
}

function reportRows(m: Measured, rows: Row[]): void {
  rows.push({
    figure: `${m.label}: \`createAnnualReport\` over HTTP with the dashboard's document (\`AnnualReportSummary\`), ${RUNS} runs`,
    value: spread(m.create),
    goal: verdict(percentile(m.create, 95), REPORT_GOAL_MS),
  });
  rows.push({
    figure: `${m.label}: … the same mutation selecting only \`{ id }\``,
    value: spread(m.createIdOnly),
    goal: verdict(percentile(m.createIdOnly, 95), REPORT_GOAL_MS),
  });
  rows.push({
    figure: `${m.label}: \`annualReport(id) { figures text findings }\` over HTTP, ${RUNS} runs`,
    value: `${spread(m.read)} (${m.figures} figures; findings: ${m.findings.length ? [...new Set(m.findings)].join(', ') : 'none'})`,
    goal: verdict(percentile(m.read, 95), REPORT_GOAL_MS),
  });
  rows.push({
    figure: `${m.label}: the report page's whole \`AnnualReport\` query over HTTP`,
    value: spread(m.page),
    goal: verdict(percentile(m.page, 95), REPORT_GOAL_MS),
  });
  rows.push({
    figure: `${m.label}: \`AnnualReportService.compute\` in process`,
    value: `${spread(m.compute)}; of which counting the registers p50 ${ms(percentile(m.counts, 50))}, the ledger's live facts p50 ${ms(percentile(m.facts, 50))}`,
  });
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const startedAt = performance.now();
  const before = machine();
  const dir = makeDataDir('zwgk-bench-ar-');
  const pg = new EmbeddedPostgres({ dir: path.join(dir, 'pg') });
  let orm: MikroORM | undefined;
  let server: ServerProcess | undefined;
  const rows: Row[] = [];
  const measured: Measured[] = [];
  const loads: string[] = [];
  try {
    await pg.start();
    await ensureDatabase(pg.url(), 'bench_ar');
    const clientUrl = pg.url('bench_ar');
    orm = await MikroORM.init(createOrmConfig({ clientUrl, quiet: true }));
    await migrateAndSeed(orm);
    if (CPU_PROF) fs.mkdirSync(CPU_PROF, { recursive: true });
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
      ...(CPU_PROF ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${path.resolve(CPU_PROF)}` } : {}),
    });
    const url = `${(await server.waitForReady(120_000)).baseUrl}/graphql`;
    log(`server ready (${url}); report year ${YEAR}`);

    log('1. bulk check');
    await bulkCheck(url, orm, rows);

    log('2. generating a report');
    const orgs: Organisation[] = [];
    for (const scale of SCALES) {
      const org = await createOrganisation(orm.em.fork(), `BENCH-AR-${scale}`, `基准县城市管理和综合执法局${scale === 1 ? '' : `（${scale}倍）`}`);
      const [loadMs, written] = await time(() => loadRegisters(orm!.em.fork(), org, YEAR, scale));
      const entries = written.information_request! + written.event_duty! + written.legal_case! + written.normative_document!;
      loads.push(
        `${int(entries)} register entries (${int(written.information_request!)} applications, ${int(written.event_duty!)} penalty decisions, ${int(written.legal_case!)} legal cases, ${int(written.normative_document!)} normative documents) and ${int(written.publication!)} publications, loaded in ${ms(loadMs)}`,
      );
      log(`organisation ${org.id}: ${loads.at(-1)}`);
      await publishLastYear(url, await login(url), orm.em.getConnection(), org);
      measured.push(await measureReport(url, orm, clientUrl, org, `${int(entries)} entries`));
      orgs.push(org);
    }
    if (orgs.length > 1) {
      const total = SCALES.reduce((s, k) => s + k, 0) * Object.values(PER_SCALE).reduce((s, n) => s + n, 0);
      measured.push(await measureReport(url, orm, clientUrl, orgs[0]!, `${int(SCALES[0]! * 10_000)} entries again, ${int(total)} rows in the tables`));
    }
  } finally {
    if (server && !server.exit()) {
      server.child.kill('SIGTERM');
      await server.waitForExit(30_000).catch(() => server!.child.kill('SIGKILL'));
    }
    await orm?.close(true);
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  for (const m of measured) reportRows(m, rows);
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(0);
  console.log(`\n## Results (${new Date().toISOString().slice(0, 10)}, ${seconds} s in all; report year ${YEAR})\n`);
  console.log('| figure | value | goal |');
  console.log('|---|---|---|');
  for (const r of rows) console.log(`| ${r.figure} | ${r.value} | ${r.goal ?? ''} |`);
  console.log(`\nData sets: ${loads.join('; ')}.`);
  for (const m of measured) {
    console.log(`\n### ${m.label}: one computation's SQL (${m.statements.length} statements, ${ms(m.statements.reduce((s, x) => s + x.ms, 0))} as logged)\n`);
    console.log('| ms | statement |');
    console.log('|---|---|');
    for (const s of [...m.statements].sort((a, b) => b.ms - a.ms).slice(0, 8))
      console.log(`| ${s.ms} | \`${s.sql.replace(/\s+/g, ' ').replace(/\|/g, '\\|').slice(0, 150)}${s.sql.length > 150 ? '…' : ''}\` |`);
    for (const p of m.plans) {
      console.log(`\nEXPLAIN ANALYZE of \`${p.sql.replace(/\s+/g, ' ').slice(0, 100)}…\`:\n\n\`\`\`\n${p.plan.join('\n')}\n\`\`\``);
    }
  }
  console.log(`\nMachine before:\n\`\`\`\n${before}\n\`\`\`\nafter:\n\`\`\`\n${machine()}\n\`\`\``);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
