import type { EntityManager } from '@mikro-orm/postgresql';
import { RequestOutcome } from '../requests/request-enums.js';
import { AnnualStatisticItem, ANNUAL_STATISTIC_CELL, CellSource, LEGAL_CASE_GROUP, LegalCaseKind, LegalCaseOutcome } from './annual-report-enums.js';
import { AnnualStatistic } from './annual-statistic.entity.js';
import { allCells, cellKey, TABLE3_APPLICANT_COLUMNS, TABLE3_DATA_ROWS, TABLE4_COLUMNS, TABLE4_ROW, type CellAddress, type ReportTableId } from './format.js';

/**
 * The figures of tables 二/三/四 counted from the registers. Each register cell is one SQL condition
 * (below) used twice: to count (one grouped query per register) and to list the entries behind the
 * number, so a number on the page and the list under it cannot disagree.
 *
 * Counting rules (statistical period 1 January … 31 December):
 * - 表三 (依申请公开 register, departments of the organisation's subtree): 本年新收 = received in the year;
 *   上年结转 = received before and not answered by 31 December of the year before; 办理结果 = answered in the
 *   year, by its outcome (one outcome per application: 区分处理 is recorded as 部分公开); 结转下年度 =
 *   received by and not answered on 31 December. So 一 + 二 = 三(七) + 四 for every column, by construction.
 * - 表四 (行政复议/行政诉讼 register): cases received in the year, by kind; the outcome known on 31 December
 *   (concluded later: 尚未审结).
 * - 表二: 规章/规范性文件 register (制发 = issued in the year, 废止 = repealed in the year, 现行有效 = issued by
 *   and not repealed on 31 December); 行政处罚 = decisions of the 行政处罚 register dated in the year, unless a
 *   yearly figure is entered; 行政许可, 行政强制 and 行政事业性收费 = the yearly figures entered with a source.
 */

export interface YearRange {
  readonly start: string;
  readonly end: string;
}
export const yearRange = (year: number): YearRange => ({ start: `${year}-01-01`, end: `${year}-12-31` });

/** A figure with where it came from. */
export interface SourcedValue {
  value: number;
  source: CellSource;
  /** Words for a clerk: 依申请公开登记簿, or the entered figure's source. */
  note: string;
}

/** An entry behind a number. */
export interface CellEntry {
  kind: 'APPLICATION' | 'LEGAL_CASE' | 'NORMATIVE_DOCUMENT' | 'PENALTY';
  id: number;
  reference: string;
  title: string;
  date: string;
  departmentName: string;
}

type Register = 'request' | 'legalCase' | 'normativeDocument' | 'penalty';
interface RegisterCell {
  register: Register;
  /** SQL over the register's alias `x`; dates are literals built from an integer year. */
  where: string;
}

const lit = (date: string) => `date '${date}'`;

function table3Condition(row: string, y: YearRange): string {
  const s = lit(y.start);
  const e = lit(y.end);
  switch (row) {
    case 'newReceived':
      return `x.received_on between ${s} and ${e}`;
    case 'carriedOver':
      return `x.received_on < ${s} and (x.replied_on is null or x.replied_on >= ${s})`;
    case 'carriedForward':
      return `x.received_on <= ${e} and (x.replied_on is null or x.replied_on > ${e})`;
    case 'resultsTotal':
      return `x.replied_on between ${s} and ${e}`;
    default:
      if (!(Object.values(RequestOutcome) as string[]).includes(row)) throw new RangeError(`table3 row ${row}`);
      return `x.replied_on between ${s} and ${e} and x.outcome = '${row}'`;
  }
}

const CASE_KIND_OF_GROUP: Record<string, LegalCaseKind> = Object.fromEntries(
  Object.entries(LEGAL_CASE_GROUP).map(([kind, group]) => [group, kind as LegalCaseKind]),
);
const CASE_OUTCOME_OF_COLUMN: Record<string, LegalCaseOutcome> = {
  maintained: LegalCaseOutcome.MAINTAINED,
  corrected: LegalCaseOutcome.CORRECTED,
  other: LegalCaseOutcome.OTHER,
};

function table4Condition(column: string, y: YearRange): string {
  const [group, outcome] = column.split('_') as [string, string];
  const kind = CASE_KIND_OF_GROUP[group];
  if (!kind) throw new RangeError(`table4 column ${column}`);
  const base = `x.kind = '${kind}' and x.received_on between ${lit(y.start)} and ${lit(y.end)}`;
  if (outcome === 'total') return base;
  if (outcome === 'pending') return `${base} and (x.concluded_on is null or x.concluded_on > ${lit(y.end)})`;
  const value = CASE_OUTCOME_OF_COLUMN[outcome];
  if (!value) throw new RangeError(`table4 column ${column}`);
  return `${base} and x.concluded_on <= ${lit(y.end)} and x.outcome = '${value}'`;
}

function table2Cell(row: string, column: string, y: YearRange): RegisterCell | null {
  const s = lit(y.start);
  const e = lit(y.end);
  if (row === 'regulations' || row === 'normativeDocuments') {
    const kind = `x.kind = '${row === 'regulations' ? 'REGULATION' : 'NORMATIVE_DOCUMENT'}'`;
    if (column === 'madeThisYear') return { register: 'normativeDocument', where: `${kind} and x.issued_on between ${s} and ${e}` };
    if (column === 'repealedThisYear') return { register: 'normativeDocument', where: `${kind} and x.repealed_on between ${s} and ${e}` };
    if (column === 'currentlyValid')
      return { register: 'normativeDocument', where: `${kind} and x.issued_on <= ${e} and (x.repealed_on is null or x.repealed_on > ${e})` };
  }
  if (row === 'administrativePenalty') return { register: 'penalty', where: `x.event_on between ${s} and ${e}` };
  return null;
}

/** The register condition behind a cell, or null for cells that only entered figures fill. */
export function registerCell(cell: CellAddress, year: number): RegisterCell | null {
  const y = yearRange(year);
  if (cell.table === 'table3') {
    if (!TABLE3_DATA_ROWS.includes(cell.row) || (cell.column !== 'total' && !TABLE3_APPLICANT_COLUMNS.includes(cell.column))) return null;
    const column = cell.column === 'total' ? '' : ` and x.applicant_type = '${TABLE3_COLUMN_TYPE[cell.column]}'`;
    return { register: 'request', where: `${table3Condition(cell.row, y)}${column}` };
  }
  if (cell.table === 'table4')
    return cell.row === TABLE4_ROW && TABLE4_COLUMNS.some((c) => c.id === cell.column)
      ? { register: 'legalCase', where: table4Condition(cell.column, y) }
      : null;
  return table2Cell(cell.row, cell.column, y);
}

const TABLE3_COLUMN_TYPE: Record<string, string> = {
  naturalPerson: 'NATURAL_PERSON',
  commercialEnterprise: 'COMMERCIAL_ENTERPRISE',
  researchInstitution: 'RESEARCH_INSTITUTION',
  publicWelfareOrg: 'PUBLIC_WELFARE_ORG',
  legalServiceOrg: 'LEGAL_SERVICE_ORG',
  otherOrg: 'OTHER_ORG',
};

const REGISTER_FROM: Record<Register, string> = {
  request: 'information_request x join department d on d.id = x.department_id',
  legalCase: 'legal_case x join department d on d.id = x.department_id',
  normativeDocument: 'normative_document x join department d on d.id = x.department_id',
  penalty: `event_duty x join department d on d.id = x.department_id`,
};
const REGISTER_EXTRA: Record<Register, string> = { request: '', legalCase: '', normativeDocument: '', penalty: ` and x.kind = 'PENALTY'` };
const REGISTER_NOTE: Record<Register, string> = {
  request: '依申请公开登记簿',
  legalCase: '行政复议、行政诉讼登记簿',
  normativeDocument: '规章、规范性文件登记簿',
  penalty: '行政处罚登记簿',
};

/** Every cell of the three tables: the register's count, the entered yearly figure, or 0 (with no source). */
export async function countRegisterFigures(em: EntityManager, organization: { id: number; path: string }, year: number): Promise<Map<string, SourcedValue>> {
  const figures = new Map<string, SourcedValue>();
  const byRegister = new Map<Register, { key: string; where: string }[]>();
  for (const cell of allCells()) {
    const rc = registerCell(cell, year);
    if (!rc) continue;
    const list = byRegister.get(rc.register) ?? [];
    list.push({ key: cellKey(cell.table, cell.row, cell.column), where: rc.where });
    byRegister.set(rc.register, list);
  }
  const conn = em.getConnection();
  const tx = em.getTransactionContext();
  for (const [register, list] of byRegister) {
    // One pass over the register: a filtered count per cell.
    const columns = list.map((c, i) => `count(*) filter (where ${c.where})::int as c${i}`).join(', ');
    const [row] = await conn.execute<Record<string, number>[]>(
      `select ${columns} from ${REGISTER_FROM[register]} where d.path like ?${REGISTER_EXTRA[register]}`,
      [`${organization.path}%`],
      'all',
      tx,
    );
    list.forEach((c, i) => figures.set(c.key, { value: Number(row?.[`c${i}`] ?? 0), source: CellSource.REGISTER, note: REGISTER_NOTE[register] }));
  }
  const statistics = await em.find(AnnualStatistic, { organization: organization.id, year });
  for (const s of statistics) {
    const cell = ANNUAL_STATISTIC_CELL[s.item];
    figures.set(cellKey('table2', cell.row, cell.column), { value: Number(s.value), source: CellSource.STATISTIC, note: s.source });
  }
  for (const item of Object.values(AnnualStatisticItem)) {
    const cell = ANNUAL_STATISTIC_CELL[item];
    const key = cellKey('table2', cell.row, cell.column);
    if (!figures.has(key)) figures.set(key, { value: 0, source: CellSource.STATISTIC, note: '未录入' });
  }
  return figures;
}

/** The register entries counted in one cell (newest first, at most `limit`), within `visiblePaths` when given. */
export async function listCellEntries(
  em: EntityManager,
  organization: { id: number; path: string },
  year: number,
  cell: CellAddress,
  options: { limit: number; visiblePaths?: readonly string[] | null },
): Promise<{ entries: CellEntry[]; totalCount: number } | null> {
  const rc = registerCell(cell, year);
  if (!rc) return null;
  const params: unknown[] = [`${organization.path}%`];
  let scope = '';
  if (options.visiblePaths) {
    if (!options.visiblePaths.length) return { entries: [], totalCount: 0 };
    scope = ` and (${options.visiblePaths.map(() => 'd.path like ?').join(' or ')})`;
    params.push(...options.visiblePaths.map((p) => `${p}%`));
  }
  const select: Record<Register, string> = {
    request: `'APPLICATION' as kind, x.id, x.serial_number as reference, x.content as title, x.received_on::text as date`,
    legalCase: `'LEGAL_CASE' as kind, x.id, coalesce(x.case_number, '') as reference, x.subject as title, x.received_on::text as date`,
    normativeDocument: `'NORMATIVE_DOCUMENT' as kind, x.id, x.document_number as reference, x.title, x.issued_on::text as date`,
    penalty: `'PENALTY' as kind, x.id, coalesce(x.reference_number, '') as reference, x.title, x.event_on::text as date`,
  };
  const from = `from ${REGISTER_FROM[rc.register]} where d.path like ?${REGISTER_EXTRA[rc.register]}${scope} and (${rc.where})`;
  const conn = em.getConnection();
  const tx = em.getTransactionContext();
  const [count] = await conn.execute<{ n: number }[]>(`select count(*)::int as n ${from}`, params, 'all', tx);
  const rows = await conn.execute<(Omit<CellEntry, 'departmentName'> & { department_name: string })[]>(
    `select ${select[rc.register]}, d.name as department_name ${from} order by date desc, x.id desc limit ${Math.max(1, Math.min(options.limit, 500))}`,
    params,
    'all',
    tx,
  );
  return {
    totalCount: count?.n ?? 0,
    entries: rows.map((r) => ({ kind: r.kind, id: Number(r.id), reference: r.reference, title: r.title, date: r.date, departmentName: r.department_name })),
  };
}

export const isReportTable = (value: string): value is ReportTableId => value === 'table2' || value === 'table3' || value === 'table4';
