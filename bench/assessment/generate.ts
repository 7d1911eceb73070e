/**
 * The data set of issue 17's figure, in bulk (`INSERT … SELECT … FROM generate_series`, one session of its own): one
 * organisation (a county), `units` units directly under it (县直单位 and 乡镇 mixed) with 0–2 offices each, and a
 * year of their work, as of the year's last day:
 *
 *   - publications: `publications` in all, on the organisation's portal columns and gazette, and on the units'
 *     政务新媒体 accounts (1 per unit, some 0 or 2), which post weekly-ish (every 5th skips weeks: gaps over 14 days,
 *     a few fall silent in November); spread unevenly over the units (a twelfth far below 50 a quarter, a sixth around it,
 *     the rest sharing the bulk), a quarter of each unit's by its offices; then `rebuildCounts`;
 *   - `requests` 依申请公开 applications with their APPLICATION deadlines (20 working days, from the official calendar):
 *     mostly answered in time, ~5 % late, ~2 % still open and overdue;
 *   - 建议提案 duties (4 per unit) with PROPOSAL deadlines (7 working days), one 2025 annual report per unit with its
 *     ANNUAL_REPORT deadline (31 January; some late, a few never published), a plan of 40 work points with a task per
 *     unit each (TASK deadlines, some late or overdue), a NEW_MEDIA deadline per account (its clock from its latest
 *     post) and ~5,000 reminder occasions over the year ('due', 'overdue-2', 'escalate-head'), most on the accounts
 *     that skip weeks;
 *   - the quotas of the quota board (50 a quarter, 200 a year, for both kinds).
 *
 * Deadline states are what the sweep would have set on the last day (DONE, ON_TRACK, DUE_SOON, OVERDUE, LONG_OVERDUE).
 * Everything is deterministic (hashes of the row number, no randomness): two runs give the same data.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { rebuildCounts } from '../../server/src/modules/publications/publication-counts.js';

export interface GenerateOptions {
  units: number;
  publications: number;
  requests: number;
  year: number;
}

export interface Generated {
  organizationId: number;
  /** The year's last day: the data's "today". */
  asOf: string;
  /** Rows per table (and a few breakdowns). */
  counts: [string, number][];
  /** Each step and its time (ms). */
  steps: [string, number][];
}

/** Tasks per unit: the plan's work points. */
const WORK_POINTS = 40;
/** 建议提案 per unit. */
const PROPOSALS_PER_UNIT = 4;

/**
 * Publications per unit on the ordinary channels, `total` in all: every 12th unit far below 50 a quarter (10–40),
 * two in 12 around it (40–70 a quarter), the rest sharing what is left by weights between 0.4 and 2.9.
 */
export function unitShares(units: number, total: number): number[] {
  const fixed = Array.from({ length: units }, (_, k) => {
    const i = k + 1;
    if (i % 12 === 0) return 40 + ((i * 37) % 120);
    if (i % 12 === 1 || i % 12 === 2) return 160 + ((i * 53) % 120);
    return null;
  });
  const fixedSum = fixed.reduce<number>((s, n) => s + (n ?? 0), 0);
  // A small run (few publications) keeps the shape: the fixed shares shrink to at most half of the total.
  const scale = fixedSum > total / 2 ? total / 2 / fixedSum : 1;
  const shares = fixed.map((n) => (n === null ? null : Math.floor(n * scale)));
  const rest = total - shares.reduce<number>((s, n) => s + (n ?? 0), 0);
  const weights = shares.map((n, k) => (n === null ? 0.4 + (((k + 1) * 7919) % 1000) / 400 : 0));
  const weightSum = weights.reduce((s, w) => s + w, 0);
  const result = shares.map((n, k) => n ?? Math.floor((rest * weights[k]!) / weightSum));
  // Rounding: the remainder to the last weighted unit, so that the total is exact.
  const fromEnd = [...shares].reverse().findIndex((n) => n === null);
  result[result.length - 1 - Math.max(0, fromEnd)]! += total - result.reduce((s, n) => s + n, 0);
  return result;
}

export async function generate(orm: MikroORM, url: string, options: GenerateOptions): Promise<Generated> {
  const { units: U, publications: P, requests: R, year: Y } = options;
  const asOf = `${Y}-12-31`;
  const yearStart = `${Y}-01-01`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const steps: [string, number][] = [];
  const q = async <T extends pg.QueryResultRow = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> =>
    (await client.query<T>(text, values)).rows;
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await fn();
    steps.push([name, performance.now() - started]);
    return result;
  };
  try {
    await q(`set maintenance_work_mem = '256MB'`);
    await q(`set synchronous_commit = off`);
    // A scratch database, consistent by construction: no foreign-key triggers per row (NOT NULL, unique and check
    // constraints still apply; every id comes from rows inserted before).
    await q(`set session_replication_role = replica`);

    // ---- the organisation, its units and their offices
    const org = await step('departments', async () => {
      const [{ id }] = await q<{ id: number }>(
        `insert into department (name, code, kind, path, credit_code, created_at)
         values ('基准考核县人民政府', 'BENCH', 'ORGANIZATION', '', '11000000MB0000000X', now()) returning id`,
      );
      await q(`update department set path = '/' || id || '/' where id = $1`, [id]);
      await q(
        `insert into department (name, code, kind, parent_id, path, sort_order, created_at)
         select case when g % 5 < 2 then '县直单位' else '乡镇' end || lpad(g::text, 3, '0'), 'BENCH-U' || g,
                (case when g % 5 < 2 then 'COUNTY_UNIT' else 'TOWNSHIP' end)::department_kind, $1, '', g, now()
         from generate_series(1, $2::int) g`,
        [id, U],
      );
      await q(`update department set path = '/' || $1::int || '/' || id || '/' where parent_id = $1`, [id]);
      await q(
        `insert into department (name, code, kind, parent_id, path, sort_order, created_at)
         select u.name || '·科室' || s, u.code || '-' || s, 'OFFICE', u.id, '', s, now()
         from department u, generate_series(1, u.sort_order % 3) s where u.parent_id = $1`,
        [id],
      );
      await q(`update department d set path = p.path || d.id || '/' from department p where d.parent_id = p.id and d.path = ''`);
      // The units, numbered 1…U, each with its subtree (the unit itself first).
      await q(
        `create temp table bench_unit as
         select u.id, u.sort_order as i, array(select d.id from department d where d.path like u.path || '%' order by d.id) as depts
         from department u where u.parent_id = $1`,
        [id],
      );
      await q(`alter table bench_unit add primary key (i)`);
      return id;
    });

    // ---- working days (the official calendar, weekends otherwise): n = working days up to and including d
    await step('working-day table', async () => {
      await q(
        `create temp table bench_day as
         select d::date as d, w as working, (count(*) filter (where w) over (order by d))::int as n
         from generate_series($1::date - 60, $1::date + 540, interval '1 day') d
         left join calendar_day c on c.date = d::date,
         lateral (select coalesce(c.kind = 'WORKDAY', extract(isodow from d) < 6) as w) x`,
        [yearStart],
      );
      await q(`alter table bench_day add primary key (d)`);
      await q(`create temp table bench_wd as select n, d from bench_day where working`);
      await q(`alter table bench_wd add primary key (n)`);
      // The k-th working day after s (s not counted), as the engine's addWorkingDays.
      await q(
        `create function pg_temp.add_wd(s date, k int) returns date language sql stable as
         $$ select w.d from bench_day b join bench_wd w on w.n = b.n + k where b.d = s $$`,
      );
      // What the sweep would say on the last day (deadline-engine classify; MAX_GAP apart).
      await q(
        `create function pg_temp.state(due date, completed date, long_period int) returns deadline_state language sql stable as
         $$ select (case
              when completed is not null then 'DONE'
              when due < '${asOf}'::date then
                case when (select n from bench_day where d = '${asOf}') - (select n from bench_day where d = due) > long_period then 'LONG_OVERDUE' else 'OVERDUE' end
              when (select n from bench_day where d = due) - (select n from bench_day where d = '${asOf}') <= 2 then 'DUE_SOON'
              else 'ON_TRACK' end)::deadline_state $$`,
      );
    });

    // ---- channels: the organisation's portal columns and gazette, open to everything under it; the units' accounts
    await step('channels', async () => {
      await q(
        `insert into channel (kind, name, department_id, url, is_active, version, created_at)
         values ('PORTAL_COLUMN', '门户网站·政务公开·工作动态', $1, 'https://www.bench.example/zwgk/gzdt/', true, 1, now()),
                ('PORTAL_COLUMN', '门户网站·通知公告', $1, 'https://www.bench.example/tzgg/', true, 1, now()),
                ('GAZETTE', '政府公报', $1, null, true, 1, now())`,
        [org],
      );
      await q(
        `insert into channel (kind, name, department_id, url, is_active, version, created_at)
         select 'NEW_MEDIA_ACCOUNT', (array['微信公众号', '政务微博'])[a] || '“' || d.name || '”', u.id, 'https://mp.bench.example/' || u.id || '/' || a, true, 1,
                $1::timestamptz
         from bench_unit u join department d on d.id = u.id,
              generate_series(1, case when u.i % 25 = 0 then 0 when u.i % 10 = 3 then 2 else 1 end) a`,
        [`${Y - 1}-06-01T00:00:00+08:00`],
      );
      await q(
        `create temp table bench_account as
         select c.id, c.department_id, (row_number() over (order by c.id))::int as k
         from channel c join bench_unit u on u.id = c.department_id where c.kind = 'NEW_MEDIA_ACCOUNT'`,
      );
      // Categories, weighted (工作动态 most), and the ordinary channels.
      await q(
        `create temp table bench_pick as
         select (select array_agg(c.id order by w.o, g) from category c
                   join (values ('工作动态', 6, 1), ('政策文件', 2, 2), ('政策解读', 1, 3), ('行政执法', 1, 4), ('重点领域', 1, 5), ('财政资金', 1, 6),
                                ('人事信息', 1, 7), ('计划总结', 1, 8), ('建议提案', 1, 9), ('机构概况', 1, 10), ('指南', 1, 11)) w(name, k, o) on w.name = c.name,
                   generate_series(1, w.k) g) as cats,
                (select id from category where is_interpretation order by id limit 1) as interp,
                (select id from category where name = '工作动态') as news,
                (select array_agg(id order by id) from channel where department_id = $1) as chans`,
        [org],
      );
    });

    // ---- publications, with the plain indexes dropped meanwhile and built again after (constraints stay)
    const indexes = await q<{ name: string; def: string }>(
      `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def from pg_index i
       where i.indrelid = 'publication'::regclass and not i.indisprimary and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
    );
    for (const i of indexes) await q(`drop index ${i.name}`);
    const newMedia = await step('publications on the accounts', async () => {
      // Weekly, on a day that wanders; some weeks a second post. Every 5th account skips two weeks in 13 (gaps over
      // 14 days), every 7th one week in 19, every 17th stops posting in November.
      await q(
        `insert into publication (organization_id, department_id, title, category_id, channel_id, published_on, url, canonical_url, index_number, version, created_at, updated_at)
         select $1, a.department_id, '新媒体推送 ' || a.id || '-' || w || '-' || x, p.news, a.id, d.day,
                'https://mp.bench.example/s/' || a.id || '/' || w || '/' || x, 'https://mp.bench.example/s/' || a.id || '/' || w || '/' || x,
                'BENCH-M/' || a.id || '/' || w || '/' || x, 1, now(), now()
         from bench_account a, bench_pick p, generate_series(0, 52) w, generate_series(0, 1) x,
              lateral (select $2::date + w * 7 + ((w * w * 7 + a.k * 13 + w * 3) % 5)::int + x * 2 as day) d
         where d.day <= $3::date
           and (x = 0 or (w * a.k) % 9 = 0)
           and not (a.k % 5 = 0 and (w + a.k) % 13 in (0, 1))
           and not (a.k % 7 = 0 and (w + a.k) % 19 = 0)
           and not (a.k % 17 = 0 and w > 44)`,
        [org, yearStart, asOf],
      );
      const [{ n }] = await q<{ n: number }>(`select count(*)::int as n from publication where channel_id in (select id from bench_account)`);
      return n;
    });
    await step('publications on the portal and gazette', async () => {
      const shares = unitShares(U, Math.max(0, P - newMedia));
      const offsets = shares.map((_, k) => shares.slice(0, k).reduce((s, n) => s + n, 0));
      await q(`create temp table bench_share as select i::int, n::int, off::bigint from unnest($1::int[], $2::int[], $3::bigint[]) as s(i, n, off)`, [
        shares.map((_, k) => k + 1),
        shares,
        offsets,
      ]);
      // A quarter by the unit's offices (when it has some); dates hashed over the year; 政策解读 mostly not plain
      // text, but every 9th unit only text.
      await q(
        `insert into publication (organization_id, department_id, title, category_id, channel_id, published_on, url, canonical_url, index_number,
                                  interpretation_form, version, created_at, updated_at)
         select $1, u.depts[case when s % 4 = 0 and cardinality(u.depts) > 1 then 2 + (s / 4) % (cardinality(u.depts) - 1) else 1 end],
                '基准信息 ' || g, cat, p.chans[case when g % 33 = 0 then 3 when g % 8 = 0 then 2 else 1 end],
                $2::date + ((s * 104729 + u.i * 7919) % ($3::date - $2::date + 1))::int,
                'https://www.bench.example/p/' || g, 'https://www.bench.example/p/' || g, 'BENCH/' || lpad(g::text, 8, '0'),
                case when cat = p.interp then (case when u.i % 9 = 0 then 'TEXT' else (array['TEXT', 'TEXT', 'CHART', 'VIDEO', 'INTERVIEW', 'ANIMATION'])[1 + g % 6] end)::interpretation_form end,
                1, now(), now()
         from bench_share sh join bench_unit u on u.i = sh.i, bench_pick p,
              generate_series(1::bigint, sh.n::bigint) s,
              lateral (select sh.off + s as g) gg,
              lateral (select p.cats[1 + (g * 31) % cardinality(p.cats)] as cat) c`,
        [org, yearStart, asOf],
      );
    });
    await step('publication indexes', async () => {
      for (const i of indexes) await q(i.def);
      await q('analyze publication');
    });
    await step('rebuildCounts', () => rebuildCounts(orm.em.fork()));
    await q('analyze publication_count');

    // ---- 依申请公开 and their deadlines
    await step('requests and their deadlines', async () => {
      // Units picked unevenly (the first ones get more); h < 20: still open (received by late November, so
      // overdue), h < 70: answered late, else answered in time; anything answered after the last day is still open.
      await q(
        `create temp table bench_req as
         select g, u.depts[case when g % 5 = 0 and cardinality(u.depts) > 1 then 2 + (g / 5) % (cardinality(u.depts) - 1) else 1 end] as dept,
                h, r.received, pg_temp.add_wd(r.received, 20) as due, null::date as completed
         from generate_series(1, $1::int) g
         cross join lateral (select ((g::bigint * 7919) % 1000)::int as h) hh
         join bench_unit u on u.i = 1 + least($2::int - 1, floor($2::int * power(((g * 0.6180339887) % 1)::float8, 1.5))::int)
         cross join lateral (select $3::date + (case when h < 20 then (g::bigint * 104729) % 320 else (g::bigint * 104729) % 362 end)::int as received) r`,
        [R, U, yearStart],
      );
      await q(
        `update bench_req set completed = case when h < 20 then null when h < 70 then due + 1 + g % 12 else received + 1 + (g * 31) % greatest(due - received, 1) end`,
      );
      await q(`update bench_req set completed = null where completed > $1::date`, [asOf]);
      await q(
        `insert into information_request (department_id, serial_number, applicant_type, applicant_name, channel, received_on, content, status,
                                          consultations, replied_on, outcome, version, created_at)
         select dept, $1::int || '-' || lpad(g::text, 6, '0'),
                (array['NATURAL_PERSON', 'NATURAL_PERSON', 'NATURAL_PERSON', 'COMMERCIAL_ENTERPRISE', 'LEGAL_SERVICE_ORG', 'OTHER_ORG'])[1 + g % 6]::applicant_type,
                '申请人' || g, (array['ONLINE', 'ONLINE', 'POST', 'IN_PERSON', 'EMAIL'])[1 + g % 5]::request_channel, received,
                '申请公开' || received || '的有关政府信息（' || g || '）',
                (case when completed is null then 'PROCESSING' else 'ANSWERED' end)::request_status, '[]', completed,
                case when completed is not null then (array['granted', 'granted', 'partiallyGranted', 'unable_notHeld', 'denied_processInfo'])[1 + g % 5]::request_outcome end,
                1, received::timestamptz
         from bench_req`,
        [Y],
      );
      await q(
        `insert into deadline (kind, subject_id, rule_code, department_id, title, start_date, original_due_date, due_date, stopped, extensions, state, state_changed_at, completed_on)
         select 'APPLICATION', r.id, 'APPLICATION_REPLY', b.dept, '依申请公开：' || r.serial_number, b.received, b.due, b.due, '[]', '[]',
                pg_temp.state(b.due, b.completed, 20), coalesce(b.completed, least(b.due, $2::date))::timestamptz, b.completed
         from bench_req b join information_request r on r.department_id = b.dept and r.serial_number = $1::int || '-' || lpad(b.g::text, 6, '0')`,
        [Y, asOf],
      );
    });

    // ---- 建议提案复文公开 (7 working days)
    await step('proposals and their deadlines', async () => {
      await q(
        `create temp table bench_duty as
         select g, u.id as dept, h, e.event_on, pg_temp.add_wd(e.event_on, 7) as due, null::date as completed
         from generate_series(1, $1::int) g
         cross join lateral (select ((g::bigint * 7919) % 100)::int as h) hh
         join bench_unit u on u.i = 1 + g % $2::int
         cross join lateral (select $3::date + 4 + ((g::bigint * 104729) % 350)::int as event_on) e`,
        [U * PROPOSALS_PER_UNIT, U, yearStart],
      );
      await q(
        `update bench_duty set completed = case when h < 2 then null when h < 8 then due + 1 + g % 10 else event_on + 1 + (g * 31) % greatest(due - event_on, 1) end`,
      );
      await q(`update bench_duty set completed = null where completed > $1::date`, [asOf]);
      await q(
        `insert into event_duty (kind, department_id, title, reference_number, party, event_on, completed_on, url, version, created_at)
         select 'PROPOSAL', dept, '关于第' || g || '号建议的答复', 'BENCH-JY-' || g, '人大代表' || (g % 97), event_on, completed,
                case when completed is not null then 'https://www.bench.example/jyta/' || g end, 1, event_on::timestamptz
         from bench_duty`,
      );
      await q(
        `insert into deadline (kind, subject_id, rule_code, department_id, title, start_date, original_due_date, due_date, stopped, extensions, state, state_changed_at, completed_on)
         select 'PROPOSAL', e.id, 'PROPOSAL_DISCLOSURE', b.dept, '建议提案复文公开：' || e.title, b.event_on, b.due, b.due, '[]', '[]',
                pg_temp.state(b.due, b.completed, 7), coalesce(b.completed, least(b.due, $1::date))::timestamptz, b.completed
         from bench_duty b join event_duty e on e.reference_number = 'BENCH-JY-' || b.g and e.department_id = b.dept`,
        [asOf],
      );
    });

    // ---- last year's annual report of each unit, due 31 January
    await step('annual reports and their deadlines', async () => {
      await q(
        `insert into annual_report (organization_id, year, reporting_body, status, entered_cells, history, published_on, version, created_at, updated_at)
         select u.id, $1::int - 1, 'DEPARTMENT', (case when p.published_on is null then 'DRAFT' else 'PUBLISHED' end)::annual_report_status, '[]', '[]',
                p.published_on, 1, $2::timestamptz, $2::timestamptz
         from bench_unit u,
              lateral (select case when u.i % 50 = 7 then null when u.i % 10 = 0 then $3::date + u.i % 25 else $4::date + u.i % 20 end as published_on) p`,
        [Y, `${Y}-01-05T09:00:00+08:00`, `${Y}-02-01`, `${Y}-01-08`],
      );
      await q(
        `insert into deadline (kind, subject_id, rule_code, department_id, title, start_date, original_due_date, due_date, stopped, extensions, state, state_changed_at, completed_on)
         select 'ANNUAL_REPORT', a.id, 'ANNUAL_REPORT', a.organization_id, (a.year) || '年政府信息公开工作年度报告', null, $2::date, $2::date, '[]', '[]',
                pg_temp.state($2::date, a.published_on, 20), coalesce(a.published_on, $2::date)::timestamptz, a.published_on
         from annual_report a join bench_unit u on u.id = a.organization_id where a.year = $1::int - 1`,
        [Y, `${Y}-01-31`],
      );
    });

    // ---- the year's plan: 40 work points, a task for each unit on each (due Feb…Dec)
    await step('plan, tasks and their deadlines', async () => {
      const [{ id: planId }] = await q<{ id: number }>(
        `insert into plan (year, title, issuer, organization_id, basis_documents, source, created_at)
         values ($1, $2, '基准考核县人民政府办公室', $3, '{}', null, $4) returning id`,
        [Y, `${Y}年政务公开工作要点`, org, `${Y}-01-10T09:00:00+08:00`],
      );
      await q(
        `insert into work_point (plan_id, number, sequence, section, title, cited_documents, duty_items, responsible_scopes, due_date, created_at)
         select $1, k::text, k, (array['一、主动公开', '二、依申请公开', '三、政策解读', '四、平台建设'])[1 + k % 4], '基准工作要点' || k, '{}', '{}',
                '{COUNTY_UNITS,TOWNSHIPS}', $2::date + 45 + (k * 53) % 318, $3
         from generate_series(1, $4::int) k`,
        [planId, yearStart, `${Y}-01-10T09:00:00+08:00`, WORK_POINTS],
      );
      // h < 86: done in time, h < 92: done late, else open (overdue once its due date has passed).
      await q(
        `create temp table bench_task as
         select w.id as wp, w.number || ' ' || w.title as title, u.id as dept, w.due_date as due, h,
                case when h < 86 then w.due_date - h % 20 when h < 92 then w.due_date + 1 + h % 9 end as completed
         from work_point w, bench_unit u, lateral (select ((w.id::bigint * 7919 + u.i::bigint * 104729) % 100)::int as h) hh where w.plan_id = $1`,
        [planId],
      );
      await q(`update bench_task set completed = null where completed > $1::date`, [asOf]);
      await q(
        `insert into task (work_point_id, department_id, role, status, progress, due_date, checklist, version, updated_at)
         select wp, dept, 'LEAD', (case when completed is not null then 'DONE' when h % 3 = 0 then 'NOT_STARTED' else 'IN_PROGRESS' end)::task_status,
                case when completed is not null then 100 when h % 3 = 0 then 0 else 10 + h % 80 end, due, '[]', 1, coalesce(completed, due)::timestamptz
         from bench_task`,
      );
      await q(
        `insert into deadline (kind, subject_id, rule_code, department_id, title, start_date, original_due_date, due_date, stopped, extensions, state, state_changed_at, completed_on)
         select 'TASK', t.id, 'TASK_DUE', b.dept, b.title, null, b.due, b.due, '[]', '[]',
                pg_temp.state(b.due, b.completed, 20), coalesce(b.completed, least(b.due, $1::date))::timestamptz, b.completed
         from bench_task b join task t on t.work_point_id = b.wp and t.department_id = b.dept`,
        [asOf],
      );
    });

    // ---- 政务新媒体 freshness: one deadline per account, its clock from the latest post (warn after 10 days, veto at 14)
    await step('new-media deadlines and reminders', async () => {
      await q(
        `insert into deadline (kind, subject_id, rule_code, department_id, title, start_date, original_due_date, due_date, stopped, extensions, state, state_changed_at)
         select 'NEW_MEDIA', a.id, 'NEW_MEDIA_UPDATE', a.department_id, '政务新媒体：' || c.name, l.latest, l.latest + 10, l.latest + 10, '[]', '[]',
                (case when $1::date - l.latest >= 14 then 'LONG_OVERDUE' when $1::date - l.latest > 10 then 'OVERDUE' when $1::date - l.latest >= 8 then 'DUE_SOON'
                      else 'ON_TRACK' end)::deadline_state, l.latest::timestamptz
         from bench_account a join channel c on c.id = a.id
         left join (select channel_id, max(published_on) as last from publication where channel_id in (select id from bench_account) group by channel_id) m
           on m.channel_id = a.id,
         lateral (select coalesce(m.last, $2::date) as latest) l`,
        [asOf, yearStart],
      );
      // The reminders the planner sent over the year, as it keys them (reminder:D<deadline>:<occasion>:<due date>):
      // an episode every 23 days for the accounts that skip weeks, one in five of them for the others; each a 'due',
      // half also 'overdue-2' (2 working days on), a quarter also 'escalate-head' (3 working days on).
      await q(
        `insert into reminder_occasion (key, deadline_id, occasion, due_date, planned_at, planned_for)
         select 'reminder:D' || d.id || ':' || o.occasion || ':' || e.due, d.id, o.occasion, e.due,
                (o.planned_for + time '09:00') at time zone 'Asia/Shanghai', o.planned_for
         from deadline d join bench_account a on a.id = d.subject_id,
              generate_series(1, 15) ep,
              lateral (select $1::date + ep * 23 + a.k % 10 as due) e,
              lateral (values ('due', e.due, true),
                              ('overdue-2', pg_temp.add_wd(e.due, 2), (ep + a.k) % 2 = 0),
                              ('escalate-head', pg_temp.add_wd(e.due, 3), (ep + a.k) % 4 = 0)) o(occasion, planned_for, taken)
         where d.kind = 'NEW_MEDIA' and (a.k % 5 = 0 or (ep * a.k * 31 + a.k) % 5 = 1) and o.taken and o.planned_for <= $2::date`,
        [yearStart, asOf],
      );
    });

    await step('quotas and analyze', async () => {
      await q(
        `insert into quota (organization_id, department_kind, period_type, target, version, created_at, updated_at)
         select $1, k::department_kind, t.period_type::period_type, t.target, 1, now(), now()
         from unnest(array['COUNTY_UNIT', 'TOWNSHIP']) k, (values ('QUARTER', 50), ('YEAR', 200)) t(period_type, target)`,
        [org],
      );
      await q('analyze');
    });

    const counts: [string, number][] = [];
    const count = async (label: string, sql: string, values: unknown[] = []) => {
      const [{ n }] = await q<{ n: number }>(`select (${sql})::int as n`, values);
      counts.push([label, n]);
    };
    await count('units', `select count(*) from bench_unit`);
    await count('  their offices', `select count(*) from department where parent_id in (select id from bench_unit)`);
    await count('  county units', `select count(*) from department where parent_id = $1 and kind = 'COUNTY_UNIT'`, [org]);
    await count('  townships', `select count(*) from department where parent_id = $1 and kind = 'TOWNSHIP'`, [org]);
    await count('publications', `select count(*) from publication where organization_id = $1`, [org]);
    await count('  on new-media accounts', `select count(*) from publication where channel_id in (select id from bench_account)`);
    await count('new-media accounts', `select count(*) from bench_account`);
    await count(
      '  with a gap over 14 days',
      `select count(distinct channel_id) from (select channel_id, published_on - lag(published_on) over (partition by channel_id order by published_on) as gap from publication where channel_id in (select id from bench_account)) x where gap > 14`,
    );
    await count(
      'units below 50 publications in some quarter',
      `select count(distinct u.i) from bench_unit u cross join generate_series(1, 4) qn
       left join lateral (select sum(c.count) as n from publication_count c where c.category_id is null and c.period_key = $1 || '-Q' || qn and c.department_id = any(u.depts)) x on true
       where coalesce(x.n, 0) < 50`,
      [String(Y)],
    );
    await count('publication_count rows', `select count(*) from publication_count`);
    await count('information requests', `select count(*) from information_request`);
    await count('  answered late', `select count(*) from bench_req where completed > due`);
    await count('  open and overdue', `select count(*) from bench_req where completed is null and due < $1::date`, [asOf]);
    await count('event duties (建议提案)', `select count(*) from event_duty`);
    await count('annual reports', `select count(*) from annual_report`);
    await count('tasks', `select count(*) from task`);
    for (const kind of ['APPLICATION', 'PROPOSAL', 'ANNUAL_REPORT', 'TASK', 'NEW_MEDIA']) {
      await count(`deadlines ${kind}`, `select count(*) from deadline where kind = $1`, [kind]);
      await count(`  of which open past due`, `select count(*) from deadline where kind = $1 and state in ('OVERDUE', 'LONG_OVERDUE')`, [kind]);
    }
    await count('reminder occasions', `select count(*) from reminder_occasion`);
    return { organizationId: org, asOf, counts, steps };
  } finally {
    await client.end();
  }
}
