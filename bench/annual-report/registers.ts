/**
 * One organisation with a few departments, its registers for a year and its ledger, loaded in bulk with SQL
 * (generate_series; deterministic: every choice is arithmetic on the row number).
 *
 * Per unit of `scale` (scale 1 = 10,000 register entries for the year):
 *   7,000 依申请公开 applications — 5% received in Nov–Dec of the year before (上年结转: most answered in Jan–Feb, a few
 *         still open), the rest received through the year; answered 3–27 days later, or (received after 5 December)
 *         open on 31 December or answered in January (结转下年度); six applicant types and all 21 outcomes, weighted;
 *   2,000 行政处罚 decisions (event_duty, kind PENALTY) dated in the year;
 *     500 行政复议/行政诉讼 cases received in the year, of the three kinds; concluded 20–110 days later (some after
 *         31 December: 尚未审结 in the year's report) or not yet;
 *     500 规章/规范性文件: 60% issued in the year, 40% in the five years before; some repealed;
 * plus the ledger, 20,000 publications in the year over the 12 top-level categories and 4 channels (政策解读 with
 * their forms), and the yearly figures of table 二 (行政许可, 行政强制, 行政事业性收费) for the year and the one before.
 */
import type { QueryResult } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

export const PER_SCALE = { applications: 7000, penalties: 2000, legalCases: 500, normativeDocuments: 500, publications: 20_000 } as const;

export interface Organisation {
  id: number;
  name: string;
  path: string;
  departmentIds: number[];
}

const OUTCOME_WEIGHTS: Readonly<Record<string, number>> = {
  granted: 45,
  partiallyGranted: 10,
  denied_stateSecret: 1,
  denied_lawForbidden: 1,
  denied_threeSecurityOneStability: 1,
  denied_thirdPartyRights: 2,
  denied_internalAffairs: 2,
  denied_processInfo: 3,
  denied_enforcementFile: 2,
  denied_adminQuery: 2,
  unable_notHeld: 16,
  unable_needsCreation: 3,
  unable_stillUnclear: 2,
  notProcessed_complaint: 2,
  notProcessed_repeat: 2,
  notProcessed_publication: 1,
  notProcessed_massive: 1,
  notProcessed_confirmReissue: 1,
  other_noCorrection: 1,
  other_feeUnpaid: 1,
  other_other: 1,
};
const APPLICANT_WEIGHTS: Readonly<Record<string, number>> = {
  NATURAL_PERSON: 70,
  COMMERCIAL_ENTERPRISE: 12,
  RESEARCH_INSTITUTION: 2,
  PUBLIC_WELFARE_ORG: 2,
  LEGAL_SERVICE_ORG: 8,
  OTHER_ORG: 6,
};

/** A SQL array literal with each value repeated by its weight: `(array[...])[(1 + x % 100)::int]` draws by weight. */
function weighted(weights: Readonly<Record<string, number>>, type: string): { sql: string; size: number } {
  const items = Object.entries(weights).flatMap(([v, w]) => Array.from({ length: w }, () => `'${v}'`));
  return { sql: `(array[${items.join(',')}]::${type}[])`, size: items.length };
}

/** The organisation (root department) and five departments under it, with its channels. */
export async function createOrganisation(em: EntityManager, code: string, name: string): Promise<Organisation> {
  const sql = em.getConnection();
  const [{ id }] = await sql.execute<{ id: number }[]>(
    `insert into department (name, code, kind, path, credit_code, created_at) values (?, ?, 'ORGANIZATION', '', '11430900MB1234567X', now()) returning id`,
    [name, code],
  );
  await sql.execute(`update department set path = '/' || id || '/' where id = ${id}`);
  const offices = ['办公室', '政策法规股', '综合执法大队', '市政公用股', '政务服务股'];
  await sql.execute(
    `insert into department (name, code, kind, parent_id, path, sort_order, created_at)
     select o.name, '${code}-' || o.i, 'OFFICE', ${id}, '', o.i, now() from unnest(array[${offices.map((o) => `'${o}'`).join(',')}]) with ordinality as o(name, i)`,
  );
  await sql.execute(`update department set path = '/${id}/' || id || '/' where parent_id = ${id}`);
  await sql.execute(
    `insert into channel (kind, name, department_id, is_active, version, created_at) values
       ('PORTAL_COLUMN', '门户网站信息公开专栏', ${id}, true, 1, now()), ('NEW_MEDIA_ACCOUNT', '微信公众号', ${id}, true, 1, now()),
       ('NEW_MEDIA_ACCOUNT', '政务微博', ${id}, true, 1, now()), ('GAZETTE', '政府公报', ${id}, true, 1, now())`,
  );
  const departments = await sql.execute<{ id: number }[]>(`select id from department where path like '/${id}/%' order by id`);
  return { id, name, path: `/${id}/`, departmentIds: departments.map((d) => d.id) };
}

/** Loads `scale` × PER_SCALE entries for `year` into the organisation's registers and ledger. Returns the rows written per table. */
export async function loadRegisters(em: EntityManager, org: Organisation, year: number, scale: number): Promise<Record<string, number>> {
  const sql = em.getConnection();
  const y = year;
  const n = (k: keyof typeof PER_SCALE) => PER_SCALE[k] * scale;
  const deps = `(array[${org.departmentIds.join(',')}]::int[])`;
  const dep = (g: string) => `${deps}[(1 + (${g}) % ${org.departmentIds.length})::int]`;
  const tag = `${org.id}-${y}`;
  const outcome = weighted(OUTCOME_WEIGHTS, 'request_outcome');
  const applicant = weighted(APPLICANT_WEIGHTS, 'applicant_type');
  const rows: Record<string, number> = {};

  rows.information_request = (
    await sql.execute<QueryResult>(
      `insert into information_request (department_id, serial_number, applicant_type, applicant_name, channel, received_on, content, status, consultations, replied_on, outcome, version, created_at)
       select ${dep('g')}, '${tag}-' || lpad(g::text, 7, '0'), ${applicant.sql}[(1 + (g * 7919) % ${applicant.size})::int],
              '申请人' || g, (array['IN_PERSON','POST','ONLINE','FAX','EMAIL','OTHER']::request_channel[])[(1 + (g * 13) % 6)::int],
              r.received_on, '申请公开' || (array['城市道路挖掘许可','行政处罚决定书','征收补偿方案','项目审批文件','执法检查记录'])[(1 + g % 5)::int] || '（第' || g || '号）',
              case when a.replied_on is null then 'PROCESSING' else 'ANSWERED' end::request_status, '[]'::jsonb, a.replied_on,
              case when a.replied_on is null then null else ${outcome.sql}[(1 + (g * 31) % ${outcome.size})::int] end, 1, now()
         from generate_series(1::bigint, ${n('applications')}::bigint) g,
              lateral (select case when g % 20 = 0 then date '${y - 1}-11-01' + (g * 13 % 61)::int else date '${y}-01-01' + (g * 104729 % 365)::int end as received_on) r,
              lateral (select case
                  when g % 20 = 0 then case when g % 200 = 0 then null else date '${y}-01-04' + (g * 17 % 45)::int end
                  when r.received_on > date '${y}-12-05' and g % 3 <> 0 then case when g % 3 = 1 then null else date '${y + 1}-01-08' + (g % 10)::int end
                  else least(r.received_on + 3 + (g * 31 % 25)::int, date '${y}-12-31') end as replied_on) a`,
      [],
      'run',
    )
  ).affectedRows;

  rows.event_duty = (
    await sql.execute<QueryResult>(
      `insert into event_duty (kind, department_id, title, reference_number, party, event_on, completed_on, url, version, created_at)
       select 'PENALTY', ${dep('g * 7')}, '违法行为行政处罚案（' || g || '）', '罚决字〔${y}〕' || g || '号', '当事人' || g,
              date '${y}-01-01' + (g * 7919 % 365)::int, date '${y}-01-01' + (g * 7919 % 365)::int + 1 + (g % 6)::int, 'https://bench.example/${tag}/penalty/' || g, 1, now()
         from generate_series(1::bigint, ${n('penalties')}::bigint) g`,
      [],
      'run',
    )
  ).affectedRows;

  rows.legal_case = (
    await sql.execute<QueryResult>(
      `insert into legal_case (department_id, kind, case_number, subject, party, received_on, concluded_on, outcome, version, created_at)
       select ${dep('g * 3')}, (case when g % 10 < 6 then 'REVIEW' when g % 10 < 9 then 'LITIGATION_DIRECT' else 'LITIGATION_AFTER_REVIEW' end)::legal_case_kind,
              '（${y}）基准行初' || g || '号', '不服政府信息公开答复（第' || g || '号）', '申请人' || g, c.received_on, c.concluded_on,
              case when c.concluded_on is null then null
                   else (case when g % 20 < 14 then 'MAINTAINED' when g % 20 < 17 then 'CORRECTED' else 'OTHER' end)::legal_case_outcome end, 1, now()
         from generate_series(1::bigint, ${n('legalCases')}::bigint) g,
              lateral (select date '${y}-01-01' + (g * 13 % 365)::int as received_on) r,
              lateral (select r.received_on, case when g % 5 = 0 then null else r.received_on + 20 + (g * 7 % 90)::int end as concluded_on) c`,
      [],
      'run',
    )
  ).affectedRows;

  rows.normative_document = (
    await sql.execute<QueryResult>(
      `insert into normative_document (department_id, kind, document_number, title, issued_on, repealed_on, repeal_note, url, version, created_at)
       select ${dep('g * 11')}, (case when g % 25 = 0 then 'REGULATION' else 'NORMATIVE_DOCUMENT' end)::normative_document_kind,
              '基准发〔' || extract(year from i.issued_on) || '〕' || g || '号（${tag}）', '关于规范城市管理若干事项的通知（' || g || '）', i.issued_on,
              case when g % 10 = 0 then i.issued_on + 30 + (g % 200)::int when g % 20 = 5 and i.issued_on < date '${y}-01-01' then greatest(i.issued_on, date '${y}-01-01') + (g % 300)::int end,
              case when g % 10 = 0 or (g % 20 = 5 and i.issued_on < date '${y}-01-01') then '被新文件替代' end, 'https://bench.example/${tag}/doc/' || g, 1, now()
         from generate_series(1::bigint, ${n('normativeDocuments')}::bigint) g,
              lateral (select case when g % 5 < 3 then date '${y}-01-01' + (g * 17 % 365)::int else date '${y - 5}-01-01' + (g * 31 % 1826)::int end as issued_on) i`,
      [],
      'run',
    )
  ).affectedRows;

  rows.publication = (
    await sql.execute<QueryResult>(
      `with c as (select array_agg(id order by sort_order, id) as ids, (select id from category where is_interpretation and parent_id is null order by id limit 1) as interp
                    from category where parent_id is null),
            ch as (select array_agg(id order by id) as ids from channel where department_id = ${org.id})
       insert into publication (organization_id, department_id, title, category_id, channel_id, published_on, url, canonical_url, index_number, interpretation_form, version, created_at, updated_at)
       select ${org.id}, ${dep('g * 5')}, '基准信息 ' || g, x.category_id,
              ch.ids[(array[1,1,1,1,1,1,2,2,3,4])[(1 + (g * 13) % 10)::int]], date '${y}-01-01' + (g * 104729 % 365)::int,
              'https://bench.example/${tag}/p/' || g, 'https://bench.example/${tag}/p/' || g, 'BENCH-${tag}/' || lpad(g::text, 8, '0'),
              case when x.category_id = c.interp then (array['TEXT','TEXT','CHART','VIDEO','ANIMATION','INTERVIEW']::interpretation_form[])[(1 + g % 6)::int] end,
              1, now(), now()
         from generate_series(1::bigint, ${n('publications')}::bigint) g, c, ch,
              lateral (select c.ids[(1 + (g * 31) % array_length(c.ids, 1))::int] as category_id) x`,
      [],
      'run',
    )
  ).affectedRows;

  for (const yy of [y - 1, y]) {
    await sql.execute<QueryResult>(
      `insert into annual_statistic (organization_id, year, item, value, source, entered_by, version, updated_at) values
         (${org.id}, ${yy}, 'ADMINISTRATIVE_LICENSING', ${1200 * scale}, '政务服务平台${yy}年度导出', 'bench', 1, now()),
         (${org.id}, ${yy}, 'ADMINISTRATIVE_COERCION', ${12 * scale}, '执法办案系统${yy}年度导出', 'bench', 1, now()),
         (${org.id}, ${yy}, 'ADMINISTRATIVE_FEES', 31.42, '财务系统${yy}年度决算', 'bench', 1, now())
       on conflict do nothing`,
    );
  }
  for (const table of Object.keys(rows)) await sql.execute(`analyze ${table}`);
  return rows;
}
