import { dateDomainProblem } from '../../time/date-domain.js';
import type { EntityManager, FilterQuery, MikroORM } from '@mikro-orm/postgresql';
import { Router, type Request } from 'express';
import type { AppLogger } from '../../core/logger.js';
import { BadInputError } from '../../errors.js';
import { isCalendarDate, shanghaiDate } from '../../time/calendar-date.js';
import { attachment, authorizedHandler } from '../../http/authorized-route.js';
import { readUpload, type UploadLimits } from '../../http/upload.js';
import { auditContext } from '../audit/audit-context.js';
import type { AuthSettings } from '../auth/auth.service.js';
import type { Viewer } from '../auth/viewer.js';
import { QuotaService } from '../quotas/quota.service.js';
import { CatalogueService } from './catalogue.service.js';
import { csvField } from './csv.js';
import { CHANNEL_KIND_LABEL, INTERPRETATION_FORM_LABEL } from './publication-enums.js';
import { buildImportTemplate, buildQuotaBoardWorkbook, LEDGER_COLUMNS, readCsv, readXlsx, writeLedgerXlsx, type LedgerRow } from './publication-excel.js';
import { PublicationImportService } from './publication-import.service.js';
import { Publication } from './publication.entity.js';
import type { PublicationFilter } from './publication.inputs.js';
import { PublicationService } from './publication.service.js';
import { assertWorkbookWithinLimits } from './workbook-guard.js';

/** Largest upload accepted by the import. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const LEDGER_UPLOAD: UploadLimits = { maxBytes: MAX_UPLOAD_BYTES, accepted: '.xlsx 或 .csv' };
/** Largest ledger one export writes (narrow the filter beyond it). */
export const MAX_EXPORT_ROWS = 200_000;
const EXPORT_BATCH = 1000;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface PublicationHttpDeps {
  orm: MikroORM;
  auth: AuthSettings;
  logger: AppLogger;
  /** Called after an import has committed new publications (live boards refresh). */
  afterImport?: () => void;
}

/**
 * Excel and CSV over HTTP, authorized like the API (Bearer token, the access rule of the
 * matching GraphQL operation, the same scope in the services):
 *   GET  /publications/export.xlsx|.csv?departmentId&includeSubDepartments&categoryId&channelId&from&to&search   (as `publications`)
 *   GET  /publications/import-template.xlsx                                                                       (as `recordPublication`)
 *   POST /publications/import[?dryRun=true]   .xlsx or .csv, multipart (field "file") or the raw body            (as `recordPublication`)
 *   GET  /quota-board/export.xlsx?period&asOf&withinId                                                            (as `quotaBoard`)
 * Errors are JSON in the GraphQL shape: { errors: [{ message, extensions: { code, reason, field } }] }.
 */
export function publicationRouter(deps: PublicationHttpDeps): Router {
  const router = Router();
  const handle = authorizedHandler(deps);

  router.get(
    '/publications/export.xlsx',
    handle('publications', async (req, res, { em, viewer }) => {
      const where = await ledgerQuery(em, viewer, req);
      res
        .status(200)
        .type(XLSX_TYPE)
        .setHeader('content-disposition', attachment(`信息发布台账-${shanghaiDate()}.xlsx`, 'publications.xlsx'));
      await writeLedgerXlsx(res, ledgerBatches(em, where));
      res.end();
    }),
  );

  router.get(
    '/publications/export.csv',
    handle('publications', async (req, res, { em, viewer }) => {
      const where = await ledgerQuery(em, viewer, req);
      res
        .status(200)
        .type('text/csv; charset=utf-8')
        .setHeader('content-disposition', attachment(`信息发布台账-${shanghaiDate()}.csv`, 'publications.csv'));
      // UTF-8 with BOM, so that Excel shows the Chinese.
      res.write(`\uFEFF${LEDGER_COLUMNS.map((c) => c.header).join(',')}\r\n`);
      let seq = 0;
      for await (const batch of ledgerBatches(em, where)) {
        const text = batch
          .map((r) =>
            [
              String(++seq),
              r.title,
              r.department,
              r.category,
              r.channel,
              r.publishedOn,
              r.url,
              r.indexNumber,
              r.summary ?? '',
              r.interpretationForm ? INTERPRETATION_FORM_LABEL[r.interpretationForm] : '',
              r.workPoint ?? '',
            ]
              .map(csvField)
              .join(','),
          )
          .join('\r\n');
        if (!res.write(`${text}\r\n`)) await new Promise((resolve) => res.once('drain', resolve));
      }
      res.end();
    }),
  );

  router.get(
    '/publications/import-template.xlsx',
    handle('recordPublication', async (_req, res, { em, viewer }) => {
      const catalogue = new CatalogueService(em);
      const categories = (await catalogue.listCategories({ includeInactive: false })).map((c) => c.name);
      const channels = await catalogue.listChannels(viewer.departmentId ? { usableById: String(viewer.departmentId) } : {});
      await em.populate(channels, ['department']);
      const buffer = await buildImportTemplate({
        categories,
        channels: channels.map((c) => ({ name: c.name, kind: CHANNEL_KIND_LABEL[c.kind], owner: c.department?.getEntity().name ?? '（共用）' })),
      });
      res.status(200).type(XLSX_TYPE).setHeader('content-disposition', attachment('信息发布台账导入模板.xlsx', 'publications-template.xlsx')).send(buffer);
    }),
  );

  router.post(
    '/publications/import',
    handle('recordPublication', async (req, res, { em, viewer, requestId }) =>
      importSlots.run(`${viewer.kind}:${viewer.id}`, async () => {
        const file = await readUpload(req, LEDGER_UPLOAD);
        const isXlsx = file.buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
        // Bounded before the spreadsheet library inflates anything (zip bombs, macros, external links).
        if (isXlsx) assertWorkbookWithinLimits(file.buffer);
        const table = isXlsx ? await readXlsx(file.buffer) : readCsv(file.buffer);
        if (!table) throw new BadInputError('文件无法读取：请上传 .xlsx 或 .csv 格式的台账（可下载导入模板）', 'INVALID_FILE', 'file');
        // PostgreSQL cannot store NUL: refuse the file at the edge, as GraphQL input is refused.
        const nulRow = table.findIndex((row) => row.some((cell) => hasNul(cell.text) || hasNul(cell.hyperlink)));
        if (nulRow >= 0) throw new BadInputError(`第 ${nulRow + 1} 行含有不允许的控制字符（\\u0000），请检查文件`, 'CONTROL_CHARACTER', 'file');
        const report = await auditContext.run(
          { actorType: viewer.kind, actorId: viewer.id, actorName: viewer.name, operation: 'importPublications', requestId },
          () => new PublicationImportService(em, viewer).importTable(table, { dryRun: queryFlag(req, 'dryRun') }),
        );
        if (report.created) deps.afterImport?.();
        res.status(report.ok ? 200 : 422).json(report);
      }),
    ),
  );

  router.get(
    '/quota-board/export.xlsx',
    handle('quotaBoard', async (req, res, { em, viewer }) => {
      const period = queryText(req, 'period') ?? '';
      const asOf = queryDate(req, 'asOf');
      const board = await new QuotaService(em, viewer).quotaBoard(period, { asOf, withinId: queryText(req, 'withinId') });
      const buffer = await buildQuotaBoardWorkbook(board);
      res
        .status(200)
        .type(XLSX_TYPE)
        .setHeader('content-disposition', attachment(`发布指标完成情况-${board.period.key}.xlsx`, `quota-board-${board.period.key}.xlsx`))
        .send(buffer);
    }),
  );

  return router;
}

/** The ledger filter of the query string, as a query in the viewer's scope; refuses an export larger than MAX_EXPORT_ROWS. */
async function ledgerQuery(em: EntityManager, viewer: Viewer, req: Request): Promise<FilterQuery<Publication>> {
  const search = queryText(req, 'search');
  if (search && search.length > 200) throw new BadInputError('搜索词不超过200字', 'VALIDATION_FAILED', 'search');
  const filter: PublicationFilter = {
    departmentId: queryText(req, 'departmentId'),
    includeSubDepartments: queryFlag(req, 'includeSubDepartments'),
    categoryId: queryText(req, 'categoryId'),
    channelId: queryText(req, 'channelId'),
    from: queryDate(req, 'from'),
    to: queryDate(req, 'to'),
    search,
  };
  const where = await new PublicationService(em, viewer).publicationWhere(filter);
  const total = await em.count(Publication, where);
  if (total > MAX_EXPORT_ROWS)
    throw new BadInputError(`符合条件的记录有 ${total} 条，超过单次导出上限 ${MAX_EXPORT_ROWS} 条，请缩小日期或单位范围`, 'EXPORT_TOO_LARGE');
  return where;
}

/** The ledger in date order, a batch at a time (keyset on published_on, id; the unit of work cleared between batches). */
async function* ledgerBatches(em: EntityManager, where: FilterQuery<Publication>): AsyncGenerator<LedgerRow[]> {
  let after: { publishedOn: string; id: number } | null = null;
  for (;;) {
    const page: FilterQuery<Publication> = after
      ? { $and: [where, { $or: [{ publishedOn: { $gt: after.publishedOn } }, { publishedOn: after.publishedOn, id: { $gt: after.id } }] }] }
      : where;
    const rows: Publication[] = await em.find(Publication, page, {
      orderBy: { publishedOn: 'asc', id: 'asc' },
      limit: EXPORT_BATCH,
      populate: ['department', 'category', 'channel', 'workPoint'],
    });
    if (!rows.length) return;
    yield rows.map((p) => ({
      title: p.title,
      department: p.department.getEntity().name,
      category: p.category.getEntity().name,
      channel: p.channel.getEntity().name,
      publishedOn: p.publishedOn,
      url: p.url,
      indexNumber: p.indexNumber,
      summary: p.summary ?? null,
      interpretationForm: p.interpretationForm ?? null,
      workPoint: p.workPoint ? `${p.workPoint.getEntity().number} ${p.workPoint.getEntity().title}` : null,
    }));
    const last: Publication = rows.at(-1)!;
    after = { publishedOn: last.publishedOn, id: last.id };
    em.clear();
    if (rows.length < EXPORT_BATCH) return;
  }
}

/** Imports parse whole files in memory: one at a time per caller, MAX_CONCURRENT_IMPORTS in all. */
export const MAX_CONCURRENT_IMPORTS = 2;

class ImportSlots {
  private readonly callers = new Set<string>();

  async run<T>(caller: string, work: () => Promise<T>): Promise<T> {
    if (this.callers.has(caller)) throw new ImportBusyError('您的上一个导入尚未完成，请稍候再试');
    if (this.callers.size >= MAX_CONCURRENT_IMPORTS) throw new ImportBusyError('当前导入任务较多，请稍候再试');
    this.callers.add(caller);
    try {
      return await work();
    } finally {
      this.callers.delete(caller);
    }
  }
}

const importSlots = new ImportSlots();

class ImportBusyError extends BadInputError {
  readonly httpStatus = 429;
  constructor(message: string) {
    super(message, 'IMPORT_BUSY', 'file');
  }
}

function queryText(req: Request, name: string): string | null {
  const value = req.query[name];
  if (typeof value !== 'string' || !value.trim()) return null;
  if (hasNul(value)) throw new BadInputError('输入中含有不允许的控制字符（\\u0000）', 'CONTROL_CHARACTER', name);
  return value.trim();
}

const hasNul = (text: string | null | undefined) => !!text && text.includes('\u0000');

/**
 * A yes/no flag of the query string: 1/true/yes/on (and 是) are yes, 0/false/no/off (and 否) or
 * absent are no, any other value is refused — a misspelt dryRun must never import for real.
 */
export function queryFlag(req: Request, name: string): boolean {
  if (req.query[name] !== undefined && typeof req.query[name] !== 'string')
    throw new BadInputError(`参数 ${name} 只能给一次，应为 true 或 false`, 'INVALID_FLAG', name);
  const value = queryText(req, name);
  if (value === null) return false;
  const v = value.toLowerCase();
  if (['1', 'true', 'yes', 'on', 'y', 't', '是'].includes(v)) return true;
  if (['0', 'false', 'no', 'off', 'n', 'f', '否'].includes(v)) return false;
  throw new BadInputError(`参数 ${name} 应为 true 或 false（也可写 1/0、yes/no），收到“${value.slice(0, 20)}”`, 'INVALID_FLAG', name);
}

function queryDate(req: Request, name: string): string | null {
  const value = queryText(req, name);
  if (value && !isCalendarDate(value)) throw new BadInputError(`“${value.slice(0, 20)}”不是有效日期，应为 YYYY-MM-DD`, 'INVALID_DATE', name);
  const outside = value && dateDomainProblem(value);
  if (outside) throw new BadInputError(outside, 'DATE_OUT_OF_RANGE', name);
  return value;
}
