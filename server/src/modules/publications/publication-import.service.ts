import { canonicalUrl } from './canonical-url.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { validate } from 'class-validator';
import { flattenValidationErrors } from '../../core/validation.js';
import { isCalendarDate, shanghaiDate } from '../../time/calendar-date.js';
import { canSeeDepartment, isWriter, type Viewer } from '../auth/viewer.js';
import { OutOfScopeError } from '../auth/auth.errors.js';
import { Department } from '../departments/department.entity.js';
import { Category } from './category.entity.js';
import { Channel } from './channel.entity.js';
import type { CountMaintainer } from './publication-counts.js';
import { INTERPRETATION_FORM_ALIASES, INTERPRETATION_FORM_LABEL, type InterpretationForm } from './publication-enums.js';
import { LEDGER_COLUMNS, type LedgerColumn, type SheetCell, type SheetTable } from './publication-excel.js';
import { RecordPublicationInput } from './publication.inputs.js';
import { Publication } from './publication.entity.js';
import { checkPublicationDraft, PublicationService, type PublicationDraft } from './publication.service.js';

/** Data rows one file may hold. */
export const MAX_IMPORT_ROWS = 5000;

export interface ImportProblem {
  /** Row number as Excel shows it (1-based, the header included). */
  row: number;
  /** Column header as written in the file, e.g. 发布日期. */
  column: string;
  message: string;
  reason: string;
}

export interface ImportSkip {
  row: number;
  reason: 'DUPLICATE_URL' | 'DUPLICATE_INDEX_NUMBER';
  message: string;
  /** The publication already recorded, or null for an earlier row of the same file. */
  existingId: string | null;
}

/** What an import did — or, with errors, why it did nothing. */
export interface ImportReport {
  ok: boolean;
  /** Data rows read (empty rows not counted). */
  rows: number;
  created: number;
  /** Rows that pass and are new: what the import creates (with dryRun: would create). */
  creatable: number;
  skipped: ImportSkip[];
  errors: ImportProblem[];
  /** The records created, by row. */
  publications: { row: number; id: string; indexNumber: string }[];
  dryRun: boolean;
}

type ColumnKey = LedgerColumn['key'];

interface ParsedRow {
  row: number;
  cells: Partial<Record<ColumnKey, SheetCell>>;
}

const FIELD_COLUMN: Record<string, ColumnKey> = {
  title: 'title',
  departmentId: 'department',
  categoryId: 'category',
  channelId: 'channel',
  publishedOn: 'publishedOn',
  url: 'url',
  summary: 'summary',
  interpretationForm: 'interpretationForm',
  indexNumber: 'indexNumber',
};

/**
 * Imports a 信息发布台账: every row is checked first (the same rules as recordPublication),
 * errors are reported by row and column in Chinese, and only a clean file is written — all
 * of it, in one transaction. A row whose URL or 索引号 is already recorded (or appears earlier
 * in the file) is skipped, so importing the same file twice adds nothing.
 */
export class PublicationImportService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    private readonly options: { today?: () => string; counts?: CountMaintainer } = {},
  ) {}

  async importTable(table: SheetTable, options: { dryRun?: boolean } = {}): Promise<ImportReport> {
    if (!isWriter(this.viewer)) throw new OutOfScopeError('信息发布记录');
    const report: ImportReport = { ok: false, rows: 0, created: 0, creatable: 0, skipped: [], errors: [], publications: [], dryRun: options.dryRun ?? false };
    const located = locateHeader(table);
    if (typeof located === 'string') {
      report.errors.push({ row: 1, column: '表头', message: located, reason: 'HEADER_NOT_FOUND' });
      return report;
    }
    const { headerRow, columns } = located;
    const headerOf = (key: ColumnKey) => columns.get(key)?.header ?? LEDGER_COLUMNS.find((c) => c.key === key)!.header;
    const problem = (row: number, key: ColumnKey, message: string, reason: string) => report.errors.push({ row, column: headerOf(key), message, reason });

    const rows: ParsedRow[] = [];
    for (let r = headerRow + 1; r < table.length; r++) {
      const cells: ParsedRow['cells'] = {};
      for (const [key, { index }] of columns) cells[key] = table[r]?.[index] ?? { text: '' };
      if (Object.entries(cells).every(([key, c]) => key === 'seq' || !c?.text)) continue;
      rows.push({ row: r + 1, cells });
    }
    report.rows = rows.length;
    if (!rows.length) {
      report.errors.push({ row: headerRow + 2, column: '表头', message: '表头之下没有数据行', reason: 'NO_ROWS' });
      return report;
    }
    if (rows.length > MAX_IMPORT_ROWS) {
      report.errors.push({
        row: rows[MAX_IMPORT_ROWS]!.row,
        column: '表头',
        message: `一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入`,
        reason: 'TOO_MANY_ROWS',
      });
      return report;
    }

    const lookups = await this.loadLookups();
    const today = (this.options.today ?? (() => shanghaiDate()))();
    const drafts: { row: number; draft: PublicationDraft }[] = [];
    const seenUrl = new Map<string, number>();
    const seenIndex = new Map<string, number>();
    const existing = await this.existingKeys(rows);

    for (const { row, cells } of rows) {
      const text = (key: ColumnKey) => cells[key]?.text.trim() ?? '';
      const url = (text('url') || cells.url?.hyperlink || '').trim();
      const indexNumber = text('indexNumber');
      const errorsBefore = report.errors.length;
      const department = this.resolveDepartment(text('department'), lookups, (m, reason) => problem(row, 'department', m, reason));

      // Duplicates (same organisation): a row recorded already is skipped, whatever else it says.
      if (department) {
        const org = department.pathIds[0]!;
        const duplicate = (reason: ImportSkip['reason'], message: string, existingId: string | null) =>
          report.skipped.push({ row, reason, message, existingId });
        const urlKey = url ? `${org}|${canonicalUrl(url)}` : '';
        const byUrl = url ? existing.byUrl.get(urlKey) : undefined;
        const byIndex = indexNumber ? existing.byIndex.get(`${org}|${indexNumber}`) : undefined;
        if (byUrl) {
          duplicate('DUPLICATE_URL', `该链接已登记（记录 ${byUrl}），跳过`, byUrl);
          continue;
        }
        if (byIndex) {
          duplicate('DUPLICATE_INDEX_NUMBER', `该索引号已登记（记录 ${byIndex}），跳过`, byIndex);
          continue;
        }
        if (url && seenUrl.has(urlKey)) {
          duplicate('DUPLICATE_URL', `与第 ${seenUrl.get(urlKey)} 行链接相同（同一页面），跳过`, null);
          continue;
        }
        if (indexNumber && seenIndex.has(`${org}|${indexNumber}`)) {
          duplicate('DUPLICATE_INDEX_NUMBER', `与第 ${seenIndex.get(`${org}|${indexNumber}`)} 行索引号相同，跳过`, null);
          continue;
        }
        if (url) seenUrl.set(urlKey, row);
        if (indexNumber) seenIndex.set(`${org}|${indexNumber}`, row);
      }

      // The same edge validation as the GraphQL input.
      const input = Object.assign(new RecordPublicationInput(), { title: text('title'), url, summary: text('summary') || null });
      for (const f of flattenValidationErrors(await validate(input, { skipMissingProperties: false }))) {
        if (f.field in FIELD_COLUMN && ['title', 'url', 'summary'].includes(f.field)) problem(row, FIELD_COLUMN[f.field]!, f.message, 'VALIDATION_FAILED');
      }
      if (!text('title') && !report.errors.slice(errorsBefore).some((e) => e.column === headerOf('title')))
        problem(row, 'title', '标题不能为空', 'VALIDATION_FAILED');

      const category = this.resolveNamed(text('category'), lookups.categories, '目录分类', (m, reason) => problem(row, 'category', m, reason));
      const channel = department ? this.resolveChannel(text('channel'), department, lookups.channels, (m, reason) => problem(row, 'channel', m, reason)) : null;
      const publishedOn = parseDate(cells.publishedOn);
      if (!publishedOn)
        problem(row, 'publishedOn', text('publishedOn') ? `“${text('publishedOn')}”不是有效日期，应如 2026-11-17` : '发布日期不能为空', 'INVALID_DATE');
      let interpretationForm: InterpretationForm | null = null;
      if (text('interpretationForm')) {
        interpretationForm = INTERPRETATION_FORM_ALIASES[text('interpretationForm')] ?? null;
        if (!interpretationForm)
          problem(
            row,
            'interpretationForm',
            `无法识别解读形式“${text('interpretationForm')}”，可填：${Object.values(INTERPRETATION_FORM_LABEL).join('、')}`,
            'INVALID_INTERPRETATION_FORM',
          );
      }
      if (indexNumber.length > 100) problem(row, 'indexNumber', '索引号不超过100个字符', 'VALIDATION_FAILED');
      if (report.errors.length > errorsBefore || !department || !category || !channel || !publishedOn) continue;

      const draft: PublicationDraft = {
        department,
        title: text('title'),
        category,
        channel,
        publishedOn,
        url,
        summary: text('summary') || null,
        interpretationForm,
        task: null,
        workPoint: null,
        indexNumber: indexNumber || null,
      };
      for (const e of checkPublicationDraft(draft, today, { category: true, channel: true }))
        problem(row, FIELD_COLUMN[e.field ?? 'title'] ?? 'title', e.message, e.reason);
      if (report.errors.length === errorsBefore) drafts.push({ row, draft });
    }

    report.errors.sort((a, b) => a.row - b.row);
    if (report.errors.length) return report;
    report.ok = true;
    report.creatable = drafts.length;
    if (report.dryRun || !drafts.length) return report;

    const created = await this.em.transactional(async (em) =>
      new PublicationService(em, this.viewer, this.options).insertDrafts(
        em,
        drafts.map((d) => d.draft),
      ),
    );
    report.created = created.length;
    report.publications = created.map((p, i) => ({ row: drafts[i]!.row, id: String(p.id), indexNumber: p.indexNumber }));
    return report;
  }

  private async loadLookups() {
    const [departments, categories, channels] = await Promise.all([
      this.em.find(Department, {}, { orderBy: { path: 'asc' } }),
      this.em.find(Category, {}),
      this.em.find(Channel, {}),
    ]);
    return { departments, categories: new Map(categories.map((c) => [c.name, c])), channels };
  }

  /** Publications already recorded with one of the file's URLs or 索引号. */
  private async existingKeys(rows: ParsedRow[]): Promise<{ byUrl: Map<string, string>; byIndex: Map<string, string> }> {
    const urls = [
      ...new Set(
        rows
          .map((r) => (r.cells.url?.text.trim() || r.cells.url?.hyperlink || '').trim())
          .filter(Boolean)
          .map(canonicalUrl),
      ),
    ];
    const numbers = [...new Set(rows.map((r) => r.cells.indexNumber?.text.trim() ?? '').filter(Boolean))];
    // Keyed `${organisationId}|…`: URLs and 索引号 are unique per organisation.
    const byUrl = new Map<string, string>();
    const byIndex = new Map<string, string>();
    for (let i = 0; i < urls.length; i += 1000) {
      for (const p of await this.em.find(Publication, { canonicalUrl: { $in: urls.slice(i, i + 1000) } }, { fields: ['id', 'canonicalUrl', 'organization'] })) {
        byUrl.set(`${p.organization.id}|${p.canonicalUrl}`, String(p.id));
      }
    }
    for (let i = 0; i < numbers.length; i += 1000) {
      for (const p of await this.em.find(
        Publication,
        { indexNumber: { $in: numbers.slice(i, i + 1000) } },
        { fields: ['id', 'indexNumber', 'organization'] },
      )) {
        byIndex.set(`${p.organization.id}|${p.indexNumber}`, String(p.id));
      }
    }
    return { byUrl, byIndex };
  }

  /** By code, else by name; a liaison's or head's own department when blank. Must be in scope. */
  private resolveDepartment(value: string, lookups: { departments: Department[] }, fail: (message: string, reason: string) => void): Department | null {
    let department: Department | undefined;
    if (!value) {
      department = lookups.departments.find((d) => d.id === this.viewer.departmentId);
      if (!department) {
        fail('发布单位不能为空', 'DEPARTMENT_REQUIRED');
        return null;
      }
    } else {
      const byCode = lookups.departments.find((d) => d.code === value);
      const byName = lookups.departments.filter((d) => d.name === value);
      const visibleByName = byName.filter((d) => canSeeDepartment(this.viewer, d));
      department = byCode ?? onlyOne(visibleByName) ?? onlyOne(byName);
      if (!department) {
        if (byName.length > 1) fail(`有多个单位名为“${value}”，请改填单位编码`, 'DEPARTMENT_AMBIGUOUS');
        else fail(`找不到单位“${value}”`, 'DEPARTMENT_NOT_FOUND');
        return null;
      }
    }
    if (!canSeeDepartment(this.viewer, department)) {
      fail(`无权为“${department.name}”登记信息`, 'OUT_OF_SCOPE');
      return null;
    }
    return department;
  }

  private resolveNamed<T>(value: string, byName: Map<string, T>, label: string, fail: (message: string, reason: string) => void): T | null {
    if (!value) {
      fail(`${label}不能为空`, 'VALIDATION_FAILED');
      return null;
    }
    const found = byName.get(value);
    if (!found) fail(`找不到${label}“${value}”`, 'CATEGORY_NOT_FOUND');
    return found ?? null;
  }

  /** A channel of that name open to the department: its own, its nearest ancestor's, or a shared one. */
  private resolveChannel(value: string, department: Department, channels: Channel[], fail: (message: string, reason: string) => void): Channel | null {
    if (!value) {
      fail('发布渠道不能为空', 'VALIDATION_FAILED');
      return null;
    }
    const named = channels.filter((c) => c.name === value);
    const open = named
      .filter((c) => c.department == null || department.pathIds.includes(c.department.id))
      .sort((a, b) => depthOf(b, department) - depthOf(a, department));
    if (open[0]) return open[0];
    fail(
      named.length ? `发布渠道“${value}”属于其他单位，“${department.name}”不能使用` : `找不到发布渠道“${value}”`,
      named.length ? 'CHANNEL_NOT_AVAILABLE' : 'CHANNEL_NOT_FOUND',
    );
    return null;
  }
}

function depthOf(channel: Channel, department: Department): number {
  return channel.department ? department.pathIds.indexOf(channel.department.id) : -1;
}

/** The element of a one-element list; undefined for none or several (an ambiguous name). */
function onlyOne<T>(items: readonly T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}

/** Finds the header row (in the first 10) by the columns it names; every column of LEDGER_COLUMNS may be in any order. */
function locateHeader(table: SheetTable): { headerRow: number; columns: Map<ColumnKey, { index: number; header: string }> } | string {
  const normalize = (s: string) => s.replace(/[\s*＊（）()：:]/g, '').replace(/（必填）|必填/g, '');
  for (let r = 0; r < Math.min(10, table.length); r++) {
    const columns = new Map<ColumnKey, { index: number; header: string }>();
    (table[r] ?? []).forEach((cell, index) => {
      const h = normalize(cell.text);
      if (!h) return;
      const column = LEDGER_COLUMNS.find((c) => !c.exportOnly && (c.header === h || c.aliases.includes(h)));
      if (column && !columns.has(column.key)) columns.set(column.key, { index, header: cell.text.trim() });
    });
    if (columns.size >= 3) {
      const missing = LEDGER_COLUMNS.filter((c) => c.required && !columns.has(c.key)).map((c) => c.header);
      if (missing.length) return `表头缺少必填列：${missing.join('、')}（请使用导入模板）`;
      return { headerRow: r, columns };
    }
  }
  return '找不到表头：第一行应为“信息标题、发布单位、目录分类、发布渠道、发布日期、网址链接”等列名（请使用导入模板）';
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A date cell, an Excel serial number, or text such as 2026-11-17, 2026/11/17, 2026.11.17, 2026年11月17日, 20261117. */
export function parseDate(cell: SheetCell | undefined): string | null {
  if (!cell) return null;
  if (cell.date) return cell.date.toISOString().slice(0, 10);
  if (cell.number !== undefined && cell.number > 20000 && cell.number < 80000) {
    return new Date(EXCEL_EPOCH + Math.floor(cell.number) * 86_400_000).toISOString().slice(0, 10);
  }
  const text = cell.text.trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isCalendarDate(date) ? date : null;
}
