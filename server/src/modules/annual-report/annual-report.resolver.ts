import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, PageArgs, type Connection } from '../../core/pagination.js';
import { LocalDate } from '../../core/scalars.js';
import { BadInputError } from '../../errors.js';
import { viewerOf, type GraphQLContext } from '../../graphql/context.js';
import { Deadline } from '../deadlines/deadline.entity.js';
import { DeadlineKind } from '../deadlines/deadline-enums.js';
import { deadlineOf } from '../deadlines/deadline.loader.js';
import { Department } from '../departments/department.entity.js';
import { Publication } from '../publications/publication.entity.js';
import { FindingSeverity } from './annual-report-enums.js';
import { AnnualReport } from './annual-report.entity.js';
import {
  AnnualReportStepInput,
  CheckAnnualReportTextItem,
  CreateAnnualReportInput,
  ImportAnnualReportInput,
  PublishAnnualReportInput,
  ReturnAnnualReportInput,
  SetAnnualReportCellsInput,
  SubmitAnnualReportInput,
  UpdateAnnualReportTextInput,
} from './annual-report.inputs.js';
import { AnnualReportService, reportDueDate, type ReportComputation } from './annual-report.service.js';
import {
  AnnualReportBulkRow,
  AnnualReportCellEntries,
  AnnualReportFigure,
  AnnualReportFinding,
  AnnualReportReading,
  AnnualReportText,
  LiveField,
} from './annual-report.types.js';
import { AnnualStatistic } from './annual-statistic.entity.js';
import { LegalCase } from './legal-case.entity.js';
import { CATEGORY_FIELD_PREFIX, LIVE_FIELDS } from './narrative.js';
import { NormativeDocument } from './normative-document.entity.js';
import { AnnualReportRegisters } from './registers.service.js';
import {
  ConcludeLegalCaseInput,
  LegalCaseFilter,
  NormativeDocumentFilter,
  RegisterLegalCaseInput,
  RegisterNormativeDocumentInput,
  RepealNormativeDocumentInput,
  SetAnnualStatisticInput,
} from './registers.inputs.js';
import { readAnnualReport } from './report-checks.js';

@ObjectType()
export class LegalCaseConnection extends ConnectionType(LegalCase, 'LegalCase') {}

@ObjectType()
export class NormativeDocumentConnection extends ConnectionType(NormativeDocument, 'NormativeDocument') {}

/** One computation per report, version and request: figures, narrative and findings are read together. */
const computations = new WeakMap<object, Map<string, Promise<ReportComputation>>>();
function computed(ctx: GraphQLContext, report: AnnualReport): Promise<ReportComputation> {
  let perRequest = computations.get(ctx);
  if (!perRequest) computations.set(ctx, (perRequest = new Map()));
  // A mutation's answer is computed from the state it wrote: the version moves with each change.
  const key = `${report.id}:${report.version}`;
  let result = perRequest.get(key);
  if (!result) perRequest.set(key, (result = new AnnualReportService(ctx.em, viewerOf(ctx)).compute(report)));
  return result;
}

const MAX_BULK = 500;

@Resolver(() => AnnualReport)
export class AnnualReportResolver {
  // ---- queries

  @Query(() => [AnnualReport], { description: '政府信息公开工作年度报告, newest year first' })
  annualReports(@Ctx() ctx: GraphQLContext, @Arg('organizationId', () => ID, { nullable: true }) organizationId?: string | null): Promise<AnnualReport[]> {
    return new AnnualReportService(ctx.em, viewerOf(ctx)).listReports(organizationId);
  }

  @Query(() => AnnualReport)
  annualReport(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<AnnualReport> {
    return new AnnualReportService(ctx.em, viewerOf(ctx)).getReport(id);
  }

  @Query(() => AnnualReportCellEntries, { description: 'The register entries a figure counts (click a number, see what it counts)' })
  annualReportCellEntries(
    @Ctx() ctx: GraphQLContext,
    @Arg('reportId', () => ID) reportId: string,
    @Arg('table', () => String) table: string,
    @Arg('row', () => String) row: string,
    @Arg('column', () => String) column: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 100 }) first: number,
  ): Promise<AnnualReportCellEntries> {
    if (first < 1 || first > 500) throw new BadInputError('每次最多列出500条', 'INVALID_PAGE_SIZE', 'first');
    return new AnnualReportService(ctx.em, viewerOf(ctx))
      .cellEntries(reportId, { table: table as never, row, column }, first)
      .then((r) => ({ ...r, entries: r.entries.map((e) => ({ ...e, id: String(e.id) })) }));
  }

  @Query(() => AnnualReportReading, {
    description:
      'Reads a published annual report as text (whole or part: traditional characters and pinyin noise are read as they are) and checks it; stores nothing',
  })
  checkAnnualReportText(@Arg('text', () => String) text: string): AnnualReportReading {
    if (text.length > 200_000) throw new BadInputError('年报全文不超过20万字', 'TEXT_TOO_LONG', 'text');
    return readAnnualReport(text);
  }

  @Query(() => [AnnualReportBulkRow], { description: 'Checks many published reports at once (e.g. all units of a county): one row per report' })
  checkAnnualReportTexts(@Arg('reports', () => [CheckAnnualReportTextItem]) reports: CheckAnnualReportTextItem[]): AnnualReportBulkRow[] {
    if (!reports.length) throw new BadInputError('请至少提供一篇年报', 'NO_REPORTS', 'reports');
    if (reports.length > MAX_BULK) throw new BadInputError(`一次最多校核${MAX_BULK}篇年报`, 'TOO_MANY_REPORTS', 'reports');
    const tooLong = reports.findIndex((r) => r.text.length > 200_000);
    if (tooLong >= 0) throw new BadInputError(`第${tooLong + 1}篇年报超过20万字`, 'TEXT_TOO_LONG', `reports.${tooLong}.text`);
    return reports.map((r, index) => {
      const reading = readAnnualReport(r.text);
      return {
        index,
        label: r.label ?? null,
        reading,
        errorCount: reading.findings.filter((f) => f.severity === FindingSeverity.ERROR).length,
        warningCount: reading.findings.filter((f) => f.severity === FindingSeverity.WARNING).length,
      };
    });
  }

  @Query(() => LegalCaseConnection, { description: '政府信息公开行政复议、行政诉讼案件登记簿, newest first' })
  legalCases(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => LegalCaseFilter, { nullable: true }) filter: LegalCaseFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<Connection<LegalCase>> {
    return new AnnualReportRegisters(ctx.em, viewerOf(ctx)).listLegalCases(filter ?? {}, page);
  }

  @Query(() => NormativeDocumentConnection, { description: '规章、行政规范性文件登记簿, newest first' })
  normativeDocuments(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => NormativeDocumentFilter, { nullable: true }) filter: NormativeDocumentFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<Connection<NormativeDocument>> {
    return new AnnualReportRegisters(ctx.em, viewerOf(ctx)).listNormativeDocuments(filter ?? {}, page);
  }

  @Query(() => [AnnualStatistic], { description: '年报表二的年度录入数字' })
  annualStatistics(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('year', () => Int) year: number,
  ): Promise<AnnualStatistic[]> {
    return new AnnualReportRegisters(ctx.em, viewerOf(ctx)).listStatistics(organizationId, year);
  }

  // ---- report fields

  @FieldResolver(() => Department)
  organization(@Root() report: AnnualReport): Promise<Department> {
    return report.organization.loadOrFail();
  }

  @FieldResolver(() => [AnnualReportFigure], {
    description: 'Every figure of tables 二/三/四 with its source (counted from the registers until 定稿, then frozen)',
  })
  async figures(@Ctx() ctx: GraphQLContext, @Root() report: AnnualReport): Promise<AnnualReportFigure[]> {
    return (await computed(ctx, report)).figures;
  }

  @FieldResolver(() => AnnualReportText, { description: 'The narrative with the live fields printed' })
  async text(@Ctx() ctx: GraphQLContext, @Root() report: AnnualReport): Promise<AnnualReportText> {
    return (await computed(ctx, report)).text;
  }

  @FieldResolver(() => [AnnualReportFinding], { description: 'What the checks find: errors block 审核, 定稿, 报送 and 公开' })
  async findings(@Ctx() ctx: GraphQLContext, @Root() report: AnnualReport): Promise<AnnualReportFinding[]> {
    return (await computed(ctx, report)).findings;
  }

  @FieldResolver(() => [LiveField], { description: 'The live fields the narrative may use, with their current values' })
  async liveFields(@Ctx() ctx: GraphQLContext, @Root() report: AnnualReport): Promise<LiveField[]> {
    const { facts } = await computed(ctx, report);
    const fixed = Object.entries(LIVE_FIELDS).map(([name, description]) => ({ name, description, value: facts.values.get(name) ?? 0 }));
    const categories = [...facts.values]
      .filter(([name]) => name.startsWith(CATEGORY_FIELD_PREFIX))
      .map(([name, value]) => ({ name, description: `本年“${name.slice(CATEGORY_FIELD_PREFIX.length)}”分类的信息条数`, value }));
    return [...fixed, ...categories];
  }

  @FieldResolver(() => LocalDate, { description: '报告期限: 31 January (a government: 31 March) of the following year' })
  dueDate(@Root() report: AnnualReport): string {
    return reportDueDate(report.year, report.reportingBody);
  }

  @FieldResolver(() => Deadline, { nullable: true })
  deadline(@Ctx() ctx: GraphQLContext, @Root() report: AnnualReport): Promise<Deadline | null> {
    return deadlineOf(ctx, DeadlineKind.ANNUAL_REPORT, report.id);
  }

  @FieldResolver(() => Publication, { nullable: true, description: 'The ledger entry recorded at 公开' })
  async publication(@Root() report: AnnualReport): Promise<Publication | null> {
    return report.publication ? ((await report.publication.load()) ?? null) : null;
  }

  @FieldResolver(() => Int, { description: 'Figures entered into the report itself' })
  enteredCellCount(@Root() report: AnnualReport): number {
    return report.enteredCells.length;
  }

  // ---- report mutations

  @Mutation(() => AnnualReport, { description: '起草: a new report of an organisation for a year, its narrative drafted from the ledger' })
  createAnnualReport(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreateAnnualReportInput) input: CreateAnnualReportInput): Promise<AnnualReport> {
    return new AnnualReportService(ctx.em, viewerOf(ctx)).createReport(input);
  }

  @Mutation(() => AnnualReport, { description: 'A published report read into a stored one (its figures entered): a first year’s carry-over' })
  importAnnualReport(@Ctx() ctx: GraphQLContext, @Arg('input', () => ImportAnnualReportInput) input: ImportAnnualReportInput): Promise<AnnualReport> {
    return new AnnualReportService(ctx.em, viewerOf(ctx)).importReport(input);
  }

  @Mutation(() => AnnualReport)
  updateAnnualReportText(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => UpdateAnnualReportTextInput) input: UpdateAnnualReportTextInput,
  ): Promise<AnnualReport> {
    return new AnnualReportService(ctx.em, viewerOf(ctx)).updateText(input);
  }

  @Mutation(() => AnnualReport, { description: 'Rewrites the narrative from the ledger (replaces the words typed)' })
  regenerateAnnualReportText(@Ctx() ctx: GraphQLContext, @Arg('input', () => AnnualReportStepInput) input: AnnualReportStepInput): Promise<AnnualReport> {
    return new AnnualReportService(ctx.em, viewerOf(ctx)).regenerateText(input);
  }

  @Mutation(() => AnnualReport, { description: 'Enters (value) or clears (null) figures in the report itself, with the reason' })
  setAnnualReportCells(@Ctx() ctx: GraphQLContext, @Arg('input', () => SetAnnualReportCellsInput) input: SetAnnualReportCellsInput): Promise<AnnualReport> {
    return new AnnualReportService(ctx.em, viewerOf(ctx)).setCells(input);
  }

  @Mutation(() => AnnualReport, { description: '起草 → 审核 (refused while the checks find errors)' })
  submitAnnualReportForReview(@Ctx() ctx: GraphQLContext, @Arg('input', () => AnnualReportStepInput) input: AnnualReportStepInput): Promise<AnnualReport> {
    return new AnnualReportService(ctx.em, viewerOf(ctx)).submitForReview(input);
  }

  @Mutation(() => AnnualReport, { description: '审核 → 定稿: the figures are frozen' })
  approveAnnualReport(@Ctx() ctx: GraphQLContext, @Arg('input', () => AnnualReportStepInput) input: AnnualReportStepInput): Promise<AnnualReport> {
    return new AnnualReportService(ctx.em, viewerOf(ctx)).approve(input);
  }

  @Mutation(() => AnnualReport, { description: '退回 to 起草 with a reason (from 审核, 定稿 or 报送)' })
  returnAnnualReport(@Ctx() ctx: GraphQLContext, @Arg('input', () => ReturnAnnualReportInput) input: ReturnAnnualReportInput): Promise<AnnualReport> {
    return new AnnualReportService(ctx.em, viewerOf(ctx)).returnReport(input);
  }

  @Mutation(() => AnnualReport, { description: '定稿 → 报送 (to the 政府信息公开工作主管部门)' })
  submitAnnualReport(@Ctx() ctx: GraphQLContext, @Arg('input', () => SubmitAnnualReportInput) input: SubmitAnnualReportInput): Promise<AnnualReport> {
    return new AnnualReportService(ctx.em, viewerOf(ctx)).submit(input);
  }

  @Mutation(() => AnnualReport, { description: '报送 → 公开: recorded in the ledger (年报) with its 索引号; the deadline is met' })
  publishAnnualReport(@Ctx() ctx: GraphQLContext, @Arg('input', () => PublishAnnualReportInput) input: PublishAnnualReportInput): Promise<AnnualReport> {
    return new AnnualReportService(ctx.em, viewerOf(ctx)).publish(input);
  }

  // ---- registers

  @Mutation(() => LegalCase)
  registerLegalCase(@Ctx() ctx: GraphQLContext, @Arg('input', () => RegisterLegalCaseInput) input: RegisterLegalCaseInput): Promise<LegalCase> {
    return new AnnualReportRegisters(ctx.em, viewerOf(ctx)).registerLegalCase(input);
  }

  @Mutation(() => LegalCase, { description: '审结: the outcome and its date' })
  concludeLegalCase(@Ctx() ctx: GraphQLContext, @Arg('input', () => ConcludeLegalCaseInput) input: ConcludeLegalCaseInput): Promise<LegalCase> {
    return new AnnualReportRegisters(ctx.em, viewerOf(ctx)).concludeLegalCase(input);
  }

  @Mutation(() => NormativeDocument)
  registerNormativeDocument(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => RegisterNormativeDocumentInput) input: RegisterNormativeDocumentInput,
  ): Promise<NormativeDocument> {
    return new AnnualReportRegisters(ctx.em, viewerOf(ctx)).registerNormativeDocument(input);
  }

  @Mutation(() => NormativeDocument, { description: '废止/失效' })
  repealNormativeDocument(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => RepealNormativeDocumentInput) input: RepealNormativeDocumentInput,
  ): Promise<NormativeDocument> {
    return new AnnualReportRegisters(ctx.em, viewerOf(ctx)).repealNormativeDocument(input);
  }

  @Mutation(() => AnnualStatistic, { description: 'Enters (or replaces) a yearly figure of table 二 with its source' })
  setAnnualStatistic(@Ctx() ctx: GraphQLContext, @Arg('input', () => SetAnnualStatisticInput) input: SetAnnualStatisticInput): Promise<AnnualStatistic> {
    return new AnnualReportRegisters(ctx.em, viewerOf(ctx)).setStatistic(input);
  }
}

@Resolver(() => LegalCase)
export class LegalCaseResolver {
  @FieldResolver(() => Department)
  department(@Root() legalCase: LegalCase): Promise<Department> {
    return legalCase.department.loadOrFail();
  }
}

@Resolver(() => NormativeDocument)
export class NormativeDocumentResolver {
  @FieldResolver(() => Department)
  department(@Root() document: NormativeDocument): Promise<Department> {
    return document.department.loadOrFail();
  }
}
