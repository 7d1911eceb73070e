import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { parseId } from '../../core/ids.js';
import { BadInputError, ConflictError, NotFoundError, requireText, StaleVersionError } from '../../errors.js';
import { assertNotInFuture, shanghaiDate } from '../../time/calendar-date.js';
import { OutOfScopeError } from '../auth/auth.errors.js';
import { assertAdmin, canSeeDepartment, type Viewer } from '../auth/viewer.js';
import { DeadlineKind } from '../deadlines/deadline-enums.js';
import { RULE } from '../deadlines/deadline-rules.seed.js';
import { DeadlineService } from '../deadlines/deadline.service.js';
import type { Department } from '../departments/department.entity.js';
import { DepartmentService } from '../departments/department.service.js';
import { CatalogueService } from '../publications/catalogue.service.js';
import { Category } from '../publications/category.entity.js';
import { Publication } from '../publications/publication.entity.js';
import { checkPublicationDraft, PublicationService } from '../publications/publication.service.js';
import { ANNUAL_REPORT_STATUS_LABEL, AnnualReportStatus, CellSource, FindingSeverity, ReportingBody } from './annual-report-enums.js';
import { AnnualReport, type EnteredCell, type FrozenCell } from './annual-report.entity.js';
import type {
  AnnualReportStepInput,
  CreateAnnualReportInput,
  ImportAnnualReportInput,
  PublishAnnualReportInput,
  ReturnAnnualReportInput,
  SetAnnualReportCellsInput,
  SubmitAnnualReportInput,
  UpdateAnnualReportTextInput,
} from './annual-report.inputs.js';
import { assertCellValue } from './cell-value.js';
import { allCells, cellKey, type CellAddress, type CellValue, type ReportTableId } from './format.js';
import { collectLiveFacts, draftNarrative, renderLiveFields, type LiveFacts } from './narrative.js';
import { checkStoredReport, readReportForImport, type ReportFinding } from './report-checks.js';
import { countRegisterFigures, isReportTable, listCellEntries, type CellEntry } from './report-figures.js';
import { isAncestorOfScope } from './registers.service.js';
import type { AnnualReportDocument } from './report-document.js';

class AnnualReportNotFoundError extends NotFoundError {
  constructor(id: string | number) {
    super('年度报告', 'ANNUAL_REPORT_NOT_FOUND', id);
  }
}

/** A figure of a stored report as it reads now. */
export interface ReportFigure extends CellValue {
  source: CellSource;
  note: string;
  registerValue: number | null;
}

export interface ReportNarrative {
  preamble: string;
  overview: string;
  proactiveText: string;
  problems: string;
  otherMatters: string;
}

/** Everything a reading of the report needs, computed once per request. */
export interface ReportComputation {
  report: AnnualReport;
  organization: Department;
  figures: ReportFigure[];
  facts: LiveFacts;
  text: ReportNarrative;
  findings: ReportFinding[];
  dueDate: string;
}

const NARRATIVE_PARTS = ['preamble', 'overview', 'proactiveText', 'problems', 'otherMatters'] as const;
const EDITABLE = new Set([AnnualReportStatus.DRAFT, AnnualReportStatus.IN_REVIEW]);

/** The due date of a year's report: 31 January (a government: 31 March) of the year after. */
export function reportDueDate(year: number, body: ReportingBody): string {
  return body === ReportingBody.GOVERNMENT ? `${year + 1}-03-31` : `${year + 1}-01-31`;
}

/**
 * 政府信息公开工作年度报告: drafted from the registers, checked, approved, submitted and published.
 * Admins write; department heads read the reports of their organisation.
 */
export class AnnualReportService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    private readonly today: () => string = () => shanghaiDate(),
  ) {}

  // ---- reading

  async listReports(organizationId?: string | null): Promise<AnnualReport[]> {
    const where: FilterQuery<AnnualReport> = organizationId ? { organization: parseId(organizationId, (v) => new AnnualReportNotFoundError(v)) } : {};
    const reports = await this.em.find(AnnualReport, where, { orderBy: { year: 'desc', id: 'asc' }, populate: ['organization'] });
    return reports.filter((r) => this.canRead(r.organization.getEntity()));
  }

  async getReport(id: string | number): Promise<AnnualReport> {
    const report = await this.em.findOne(AnnualReport, { id: parseId(id, (v) => new AnnualReportNotFoundError(v)) }, { populate: ['organization'] });
    if (!report) throw new AnnualReportNotFoundError(id);
    if (!this.canRead(report.organization.getEntity())) throw new OutOfScopeError('年度报告');
    return report;
  }

  async findReport(organizationId: string, year: number): Promise<AnnualReport | null> {
    const organization = await new DepartmentService(this.em).getDepartment(organizationId);
    if (!this.canRead(organization)) throw new OutOfScopeError('年度报告');
    return this.em.findOne(AnnualReport, { organization: organization.id, year }, { populate: ['organization'] });
  }

  private canRead(organization: Department): boolean {
    return canSeeDepartment(this.viewer, organization) || isAncestorOfScope(this.viewer, organization.path);
  }

  /** The figures, narrative and findings of a report as of now (frozen figures after 定稿). */
  async compute(report: AnnualReport): Promise<ReportComputation> {
    const org = await report.organization.loadOrFail();
    const figures = await this.figuresOf(report, org);
    const byKey = new Map(figures.map((f) => [cellKey(f.table, f.row, f.column), f]));
    const facts = await collectLiveFacts(this.em, org, report.year, byKey);
    const unknown: string[] = [];
    const text = {} as ReportNarrative;
    for (const part of NARRATIVE_PARTS) {
      const rendered = renderLiveFields(report[part], facts);
      text[part] = rendered.text;
      unknown.push(...rendered.unknown);
    }
    const previous = await this.em.findOne(AnnualReport, { organization: org.id, year: report.year - 1 });
    const previousCells = previous ? await this.figuresOf(previous, org) : null;
    const findings = checkStoredReport({
      cells: figures,
      previousYear: previousCells,
      narrative: [text.overview, text.proactiveText, text.problems, text.otherMatters].join('\n'),
      unknownFields: unknown,
      missingStatistics: figures
        .filter((f) => f.source === CellSource.STATISTIC && f.note === '未录入')
        .map((f) => ({ table: f.table, row: f.row, column: f.column })),
    });
    return { report, organization: org, figures, facts, text, findings, dueDate: reportDueDate(report.year, report.reportingBody) };
  }

  private async figuresOf(report: AnnualReport, organization: Department): Promise<ReportFigure[]> {
    if (report.frozenCells) {
      return report.frozenCells.map((c) => ({
        table: c.table,
        row: c.row,
        column: c.column,
        value: c.value,
        source: c.source as CellSource,
        note: '定稿时的数字',
        registerValue: null,
      }));
    }
    const counted = await countRegisterFigures(this.em, organization, report.year);
    const entered = new Map(report.enteredCells.map((c) => [cellKey(c.table, c.row, c.column), c]));
    return allCells().map((cell) => {
      const key = cellKey(cell.table, cell.row, cell.column);
      const register = counted.get(key);
      const manual = entered.get(key);
      if (manual) return { ...cell, value: manual.value, source: CellSource.ENTERED, note: manual.reason, registerValue: register?.value ?? null };
      return { ...cell, value: register?.value ?? 0, source: register?.source ?? CellSource.REGISTER, note: register?.note ?? '', registerValue: null };
    });
  }

  /** The register entries counted in one figure. */
  async cellEntries(reportId: string, cell: CellAddress, limit: number): Promise<{ totalCount: number; entries: CellEntry[]; note: string }> {
    const report = await this.getReport(reportId);
    if (!isReportTable(cell.table) || !allCells().some((c) => c.table === cell.table && c.row === cell.row && c.column === cell.column)) {
      throw new BadInputError('年报中没有这个单元格', 'UNKNOWN_CELL', 'cell');
    }
    const organization = report.organization.getEntity();
    const manual = report.enteredCells.find((c) => c.table === cell.table && c.row === cell.row && c.column === cell.column);
    const listed = await listCellEntries(this.em, organization, report.year, cell, { limit, visiblePaths: this.visiblePaths() });
    let note = '年度录入数字（见“年度录入”）';
    if (manual) note = `报告内录入：${manual.reason}（${manual.by}）`;
    else if (listed) note = '登记簿统计';
    return { totalCount: listed?.totalCount ?? 0, entries: listed?.entries ?? [], note };
  }

  /** Paths whose entries the viewer may list: everything for admins, the own subtree for heads. */
  private visiblePaths(): string[] | null {
    const scope = this.viewer.scope;
    if (!scope) return null;
    return scope.subtreePaths;
  }

  /** The report as printed (exports). */
  async document(report: AnnualReport): Promise<AnnualReportDocument> {
    const computed = await this.compute(report);
    return {
      organizationName: computed.organization.name,
      year: report.year,
      ...computed.text,
      cells: computed.figures.map(({ table, row, column, value }) => ({ table, row, column, value })),
      signedOn: report.signedOn ?? null,
    };
  }

  // ---- writing

  async createReport(input: CreateAnnualReportInput): Promise<AnnualReport> {
    assertAdmin(this.viewer, 'createAnnualReport');
    this.assertYear(input.year);
    return this.insert(async (em) => {
      const organization = await new DepartmentService(em).getDepartment(input.organizationId);
      const report = em.create(AnnualReport, { organization, year: input.year, reportingBody: input.reportingBody ?? ReportingBody.DEPARTMENT });
      const figures = await countRegisterFigures(em, organization, input.year);
      const facts = await collectLiveFacts(em, organization, input.year, figures);
      Object.assign(report, draftNarrative(organization.name, input.year, facts));
      this.step(report, null, AnnualReportStatus.DRAFT, null);
      await em.flush();
      await this.syncDeadline(em, report, organization);
      return report;
    });
  }

  /** Reads a published report into a stored one: its figures entered, its parts split; stores nothing on a bad reading. */
  async importReport(input: ImportAnnualReportInput): Promise<AnnualReport> {
    assertAdmin(this.viewer, 'importAnnualReport');
    const reading = readReportForImport(input.text);
    const year = input.year ?? reading.year;
    if (year == null) throw new BadInputError('没有从文中读出报告年度，请填写年度', 'YEAR_UNKNOWN', 'year');
    this.assertYear(year);
    const at = new Date().toISOString();
    return this.insert(async (em) => {
      const organization = await new DepartmentService(em).getDepartment(input.organizationId);
      const report = em.create(AnnualReport, { organization, year, reportingBody: input.reportingBody ?? ReportingBody.DEPARTMENT });
      Object.assign(report, reading.parts);
      report.enteredCells = reading.cells.map((c) => ({ ...c, reason: '按已公开年报导入', by: this.viewer.name, at }));
      report.signedOn = reading.signedOn;
      this.step(report, null, AnnualReportStatus.DRAFT, '导入已公开的年度报告');
      await em.flush();
      await this.syncDeadline(em, report, organization);
      return report;
    });
  }

  async updateText(input: UpdateAnnualReportTextInput): Promise<AnnualReport> {
    assertAdmin(this.viewer, 'updateAnnualReportText');
    if (input.signedOn) assertNotInFuture(input.signedOn, 'signedOn');
    return this.change(input, EDITABLE, async (report) => {
      for (const part of NARRATIVE_PARTS) {
        const value = input[part];
        if (value != null) report[part] = value.replace(/\r\n?/g, '\n');
      }
      if (input.informationFee !== undefined) report.informationFee = input.informationFee;
      if (input.signedOn !== undefined) report.signedOn = input.signedOn;
    });
  }

  /** Rewrites the narrative from the ledger and the registers (the words typed are replaced). */
  async regenerateText(input: AnnualReportStepInput): Promise<AnnualReport> {
    assertAdmin(this.viewer, 'regenerateAnnualReportText');
    return this.change(input, EDITABLE, async (report, em) => {
      const organization = report.organization.getEntity();
      const figures = await countRegisterFigures(em, organization, report.year);
      Object.assign(report, draftNarrative(organization.name, report.year, await collectLiveFacts(em, organization, report.year, figures)));
    });
  }

  async setCells(input: SetAnnualReportCellsInput): Promise<AnnualReport> {
    assertAdmin(this.viewer, 'setAnnualReportCells');
    const reason = requireText(input.reason, 'reason', 'REASON_REQUIRED', '请填写录入理由');
    const known = new Set(allCells().map((c) => cellKey(c.table, c.row, c.column)));
    const at = new Date().toISOString();
    const changes = input.cells.map((c, i) => {
      const key = cellKey(c.table as ReportTableId, c.row, c.column);
      if (!known.has(key)) throw new BadInputError(`第${i + 1}个单元格（${c.table}.${c.row}.${c.column}）不在年报格式中`, 'UNKNOWN_CELL', `cells.${i}`);
      if (c.value != null) assertCellValue({ table: c.table as ReportTableId, row: c.row, column: c.column }, c.value, `cells.${i}.value`);
      return { key, cell: c };
    });
    return this.change(input, EDITABLE, async (report) => {
      const entered = new Map(report.enteredCells.map((c) => [cellKey(c.table, c.row, c.column), c]));
      for (const { key, cell } of changes) {
        if (cell.value == null) entered.delete(key);
        else entered.set(key, { table: cell.table as ReportTableId, row: cell.row, column: cell.column, value: cell.value, reason, by: this.viewer.name, at });
      }
      report.enteredCells = [...entered.values()] satisfies EnteredCell[];
    });
  }

  // ---- workflow

  async submitForReview(input: AnnualReportStepInput): Promise<AnnualReport> {
    assertAdmin(this.viewer, 'submitAnnualReportForReview');
    return this.move(input, [AnnualReportStatus.DRAFT], AnnualReportStatus.IN_REVIEW, { requireNoErrors: true });
  }

  /** 定稿: the figures are frozen and the live fields printed into the text. */
  async approve(input: AnnualReportStepInput): Promise<AnnualReport> {
    assertAdmin(this.viewer, 'approveAnnualReport');
    return this.move(input, [AnnualReportStatus.IN_REVIEW], AnnualReportStatus.FINALIZED, {
      requireNoErrors: true,
      apply: (report, computed) => {
        report.frozenCells = computed.figures.map((f): FrozenCell => ({ table: f.table, row: f.row, column: f.column, value: f.value, source: f.source }));
        for (const part of NARRATIVE_PARTS) report[part] = computed.text[part];
        report.signedOn ??= this.today();
      },
    });
  }

  /** 退回: back to 起草 with a reason; the figures are counted again. */
  async returnReport(input: ReturnAnnualReportInput): Promise<AnnualReport> {
    assertAdmin(this.viewer, 'returnAnnualReport');
    const reason = requireText(input.reason, 'reason', 'REASON_REQUIRED', '请填写退回理由');
    return this.move(input, [AnnualReportStatus.IN_REVIEW, AnnualReportStatus.FINALIZED, AnnualReportStatus.SUBMITTED], AnnualReportStatus.DRAFT, {
      reason,
      apply: (report) => {
        report.frozenCells = null;
        report.submittedOn = null;
      },
    });
  }

  async submit(input: SubmitAnnualReportInput): Promise<AnnualReport> {
    assertAdmin(this.viewer, 'submitAnnualReport');
    assertNotInFuture(input.submittedOn, 'submittedOn');
    return this.move(input, [AnnualReportStatus.FINALIZED], AnnualReportStatus.SUBMITTED, {
      requireNoErrors: true,
      apply: (report) => {
        if (input.submittedOn <= `${report.year}-12-31`)
          throw new BadInputError(`报送日期须在${report.year}年度结束之后`, 'SUBMITTED_BEFORE_YEAR_END', 'submittedOn');
        report.submittedOn = input.submittedOn;
      },
    });
  }

  /** 公开: recorded in the ledger as a publication of the 年报 category, with its 索引号; the deadline is met. */
  async publish(input: PublishAnnualReportInput): Promise<AnnualReport> {
    assertAdmin(this.viewer, 'publishAnnualReport');
    assertNotInFuture(input.publishedOn, 'publishedOn');
    return this.move(input, [AnnualReportStatus.SUBMITTED], AnnualReportStatus.PUBLISHED, {
      requireNoErrors: true,
      apply: async (report, computed, em) => {
        if (report.submittedOn && input.publishedOn < report.submittedOn) {
          throw new BadInputError(`公开日期不能早于报送日期（${report.submittedOn}）`, 'PUBLISHED_BEFORE_SUBMITTED', 'publishedOn');
        }
        const catalogue = new CatalogueService(em);
        const category = input.categoryId ? await catalogue.getCategory(input.categoryId) : await reportCategory(em);
        const channel = await catalogue.getChannel(input.channelId);
        const draft = {
          department: computed.organization,
          title: `${computed.organization.name}${report.year}年政府信息公开工作年度报告`,
          category,
          channel,
          publishedOn: input.publishedOn,
          url: input.url.trim(),
          summary: null,
          interpretationForm: null,
          task: null,
          workPoint: null,
        };
        const [problem] = checkPublicationDraft(draft, this.today(), { category: true, channel: true });
        if (problem) throw problem;
        const [publication] = await new PublicationService(em, this.viewer).insertDrafts(em, [draft]);
        report.publication = em.getReference(Publication, publication!.id, { wrapped: true });
        report.publishedOn = input.publishedOn;
      },
    });
  }

  // ---- internals

  private assertYear(year: number): void {
    const thisYear = Number(this.today().slice(0, 4));
    if (year > thisYear) throw new BadInputError(`年度不能晚于今年（${thisYear}）`, 'YEAR_IN_FUTURE', 'year');
  }

  private async insert(work: (em: EntityManager) => Promise<AnnualReport>): Promise<AnnualReport> {
    try {
      return await this.em.transactional(work);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new ConflictError('该单位这一年度的年报已经存在', 'ANNUAL_REPORT_EXISTS', 'year');
      throw error;
    }
  }

  private async change(
    input: AnnualReportStepInput,
    allowed: ReadonlySet<AnnualReportStatus>,
    apply: (report: AnnualReport, em: EntityManager) => Promise<void> | void,
  ) {
    return this.em.transactional(async (em) => {
      const report = await this.lock(em, input);
      if (!allowed.has(report.status)) {
        throw new ConflictError(`年报${ANNUAL_REPORT_STATUS_LABEL[report.status]}，不能修改；如需修改，请先退回并说明理由`, 'ANNUAL_REPORT_LOCKED', 'id');
      }
      await apply(report, em);
      await em.flush();
      return report;
    });
  }

  private async move(
    input: AnnualReportStepInput,
    from: readonly AnnualReportStatus[],
    to: AnnualReportStatus,
    options: {
      requireNoErrors?: boolean;
      reason?: string;
      apply?: (report: AnnualReport, computed: ReportComputation, em: EntityManager) => Promise<void> | void;
    },
  ): Promise<AnnualReport> {
    return this.em.transactional(async (em) => {
      const report = await this.lock(em, input);
      if (!from.includes(report.status)) {
        throw new ConflictError(
          `年报当前为“${ANNUAL_REPORT_STATUS_LABEL[report.status]}”，不能${to === AnnualReportStatus.DRAFT ? '退回' : `改为“${ANNUAL_REPORT_STATUS_LABEL[to]}”`}`,
          'INVALID_REPORT_STEP',
          'id',
        );
      }
      const computed = await new AnnualReportService(em, this.viewer, this.today).compute(report);
      if (options.requireNoErrors) {
        const errors = computed.findings.filter((f) => f.severity === FindingSeverity.ERROR);
        if (errors.length) {
          throw new BadInputError(
            `年报有${errors.length}处错误须先改正：${errors[0]!.message}${errors.length > 1 ? ' 等' : ''}`,
            'ANNUAL_REPORT_HAS_ERRORS',
            'id',
            {
              errors: errors.map((e) => ({ rule: e.rule, message: e.message })),
            },
          );
        }
      }
      await options.apply?.(report, computed, em);
      this.step(report, report.status, to, options.reason ?? null);
      report.status = to;
      await em.flush();
      await this.syncDeadline(em, report, computed.organization);
      return report;
    });
  }

  private async lock(em: EntityManager, input: AnnualReportStepInput): Promise<AnnualReport> {
    const report = await em.findOne(AnnualReport, { id: parseId(input.id, (v) => new AnnualReportNotFoundError(v)) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!report) throw new AnnualReportNotFoundError(input.id);
    await em.populate(report, ['organization']);
    if (report.version !== input.version) throw new StaleVersionError('年度报告', input.version, report.version);
    return report;
  }

  private step(report: AnnualReport, from: AnnualReportStatus | null, to: AnnualReportStatus, reason: string | null): void {
    report.history = [...report.history, { from, to, actor: this.viewer.name, at: new Date(), reason }];
  }

  private async syncDeadline(em: EntityManager, report: AnnualReport, organization: Department): Promise<void> {
    await new DeadlineService(em).sync(
      {
        kind: DeadlineKind.ANNUAL_REPORT,
        subjectId: report.id,
        rule: report.reportingBody === ReportingBody.GOVERNMENT ? RULE.ANNUAL_REPORT_GOVERNMENT : RULE.ANNUAL_REPORT,
        departmentId: organization.id,
        title: `${report.year}年政府信息公开工作年度报告`,
        clock: { start: null, year: report.year + 1 },
        completedOn: report.publishedOn ?? null,
      },
      this.today(),
    );
  }
}

/** The ledger category of annual reports: 年报 or 年度报告 (the catalogue's reference data has 年报). */
async function reportCategory(em: EntityManager): Promise<Category> {
  const category = await em.findOne(Category, { name: { $in: ['年报', '年度报告', '政府信息公开年报'] }, isActive: true }, { orderBy: { sortOrder: 'asc' } });
  if (!category) throw new BadInputError('目录中没有“年报”分类，请选择发布分类', 'REPORT_CATEGORY_MISSING', 'categoryId');
  return category;
}
