import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { parseId } from '../../core/ids.js';
import { paginate, type Connection, type PageArgs } from '../../core/pagination.js';
import { BadInputError, ConflictError, NotFoundError, requireText, StaleVersionError } from '../../errors.js';
import { assertNotInFuture, shanghaiDate } from '../../time/calendar-date.js';
import { OutOfScopeError } from '../auth/auth.errors.js';
import { assertAdmin, canSeeDepartment, departmentScopeWhere, type Viewer } from '../auth/viewer.js';
import { DepartmentService } from '../departments/department.service.js';
import { ANNUAL_STATISTIC_CELL } from './annual-report-enums.js';
import { assertCellValue } from './cell-value.js';
import { AnnualStatistic } from './annual-statistic.entity.js';
import { LegalCase } from './legal-case.entity.js';
import { NormativeDocument } from './normative-document.entity.js';
import type {
  ConcludeLegalCaseInput,
  LegalCaseFilter,
  NormativeDocumentFilter,
  RegisterLegalCaseInput,
  RegisterNormativeDocumentInput,
  RepealNormativeDocumentInput,
  SetAnnualStatisticInput,
} from './registers.inputs.js';

class LegalCaseNotFoundError extends NotFoundError {
  constructor(id: string | number) {
    super('复议/诉讼案件', 'LEGAL_CASE_NOT_FOUND', id);
  }
}
class NormativeDocumentNotFoundError extends NotFoundError {
  constructor(id: string | number) {
    super('规范性文件', 'NORMATIVE_DOCUMENT_NOT_FOUND', id);
  }
}

/**
 * The registers behind tables 二 and 四 of the annual report: 行政复议/行政诉讼 cases, 规章/规范性文件,
 * and the yearly figures entered where no register exists. Admins write; department heads read their scope.
 */
export class AnnualReportRegisters {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
  ) {}

  // ---- 行政复议 / 行政诉讼

  async listLegalCases(filter: LegalCaseFilter, page: PageArgs): Promise<Connection<LegalCase>> {
    const scope = departmentScopeWhere(this.viewer);
    const and: FilterQuery<LegalCase>[] = scope ? [{ department: scope }] : [];
    if (filter.year != null) and.push({ receivedOn: { $gte: `${filter.year}-01-01`, $lte: `${filter.year}-12-31` } });
    if (filter.kinds?.length) and.push({ kind: { $in: filter.kinds } });
    if (filter.pending != null) and.push({ outcome: filter.pending ? null : { $ne: null } });
    if (filter.departmentId) and.push({ department: await this.subtree(filter.departmentId) });
    return paginate(this.em, LegalCase, and.length ? { $and: and } : {}, page, 'desc');
  }

  async registerLegalCase(input: RegisterLegalCaseInput): Promise<LegalCase> {
    assertAdmin(this.viewer, 'registerLegalCase');
    const subject = requireText(input.subject, 'subject', 'SUBJECT_REQUIRED', '案由不能为空');
    assertNotInFuture(input.receivedOn, 'receivedOn');
    return this.em.transactional(async (em) => {
      const department = await new DepartmentService(em).getVisibleDepartment(this.viewer, input.departmentId, '复议/诉讼案件');
      const legalCase = em.create(LegalCase, {
        department,
        kind: input.kind,
        caseNumber: input.caseNumber?.trim() || null,
        subject,
        party: input.party?.trim() || null,
        receivedOn: input.receivedOn,
        note: input.note?.trim() || null,
      });
      await em.flush();
      return legalCase;
    });
  }

  async concludeLegalCase(input: ConcludeLegalCaseInput): Promise<LegalCase> {
    assertAdmin(this.viewer, 'concludeLegalCase');
    assertNotInFuture(input.concludedOn, 'concludedOn');
    return this.em.transactional(async (em) => {
      const legalCase = await em.findOne(LegalCase, { id: parseId(input.id, (v) => new LegalCaseNotFoundError(v)) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!legalCase) throw new LegalCaseNotFoundError(input.id);
      if (legalCase.version !== input.version) throw new StaleVersionError('复议/诉讼案件', input.version, legalCase.version);
      if (input.concludedOn < legalCase.receivedOn) {
        throw new BadInputError(`审结日期不能早于收到之日（${legalCase.receivedOn}）`, 'CONCLUDED_BEFORE_RECEIVED', 'concludedOn');
      }
      legalCase.concludedOn = input.concludedOn;
      legalCase.outcome = input.outcome;
      await em.flush();
      return legalCase;
    });
  }

  // ---- 规章 / 规范性文件

  async listNormativeDocuments(filter: NormativeDocumentFilter, page: PageArgs): Promise<Connection<NormativeDocument>> {
    const scope = departmentScopeWhere(this.viewer);
    const and: FilterQuery<NormativeDocument>[] = scope ? [{ department: scope }] : [];
    if (filter.kind) and.push({ kind: filter.kind });
    if (filter.valid != null) and.push({ repealedOn: filter.valid ? null : { $ne: null } });
    if (filter.departmentId) and.push({ department: await this.subtree(filter.departmentId) });
    return paginate(this.em, NormativeDocument, and.length ? { $and: and } : {}, page, 'desc');
  }

  async registerNormativeDocument(input: RegisterNormativeDocumentInput): Promise<NormativeDocument> {
    assertAdmin(this.viewer, 'registerNormativeDocument');
    const documentNumber = requireText(input.documentNumber, 'documentNumber', 'DOCUMENT_NUMBER_REQUIRED', '文号不能为空');
    const title = requireText(input.title, 'title', 'TITLE_REQUIRED', '标题不能为空');
    assertNotInFuture(input.issuedOn, 'issuedOn');
    try {
      return await this.em.transactional(async (em) => {
        const department = await new DepartmentService(em).getVisibleDepartment(this.viewer, input.departmentId, '规范性文件');
        const document = em.create(NormativeDocument, {
          department,
          kind: input.kind,
          documentNumber,
          title,
          issuedOn: input.issuedOn,
          url: input.url?.trim() || null,
        });
        await em.flush();
        return document;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new ConflictError(`文号“${documentNumber}”已经登记`, 'DOCUMENT_NUMBER_TAKEN', 'documentNumber');
      }
      throw error;
    }
  }

  async repealNormativeDocument(input: RepealNormativeDocumentInput): Promise<NormativeDocument> {
    assertAdmin(this.viewer, 'repealNormativeDocument');
    const repealNote = requireText(input.repealNote, 'repealNote', 'REPEAL_NOTE_REQUIRED', '请填写废止依据或者失效原因');
    assertNotInFuture(input.repealedOn, 'repealedOn');
    return this.em.transactional(async (em) => {
      const document = await em.findOne(
        NormativeDocument,
        { id: parseId(input.id, (v) => new NormativeDocumentNotFoundError(v)) },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!document) throw new NormativeDocumentNotFoundError(input.id);
      if (document.version !== input.version) throw new StaleVersionError('规范性文件', input.version, document.version);
      if (document.repealedOn) throw new ConflictError(`该文件已于${document.repealedOn}废止`, 'ALREADY_REPEALED', 'id');
      if (input.repealedOn < document.issuedOn)
        throw new BadInputError(`废止日期不能早于印发日期（${document.issuedOn}）`, 'REPEALED_BEFORE_ISSUED', 'repealedOn');
      document.repealedOn = input.repealedOn;
      document.repealNote = repealNote;
      await em.flush();
      return document;
    });
  }

  /** A department and its sub-departments (the scope of the viewer still applies beside it). */
  private async subtree(departmentId: string) {
    const department = await new DepartmentService(this.em).getDepartment(departmentId);
    return { path: { $like: `${department.path}%` } };
  }

  // ---- yearly figures

  async listStatistics(organizationId: string, year: number): Promise<AnnualStatistic[]> {
    const organization = await new DepartmentService(this.em).getDepartment(organizationId);
    if (!canSeeDepartment(this.viewer, organization) && !isAncestorOfScope(this.viewer, organization.path)) throw new OutOfScopeError('年度录入数字');
    return this.em.find(AnnualStatistic, { organization: organization.id, year }, { orderBy: { item: 'asc' } });
  }

  async setStatistic(input: SetAnnualStatisticInput): Promise<AnnualStatistic> {
    assertAdmin(this.viewer, 'setAnnualStatistic');
    const source = requireText(input.source, 'source', 'SOURCE_REQUIRED', '请注明数据来源');
    const thisYear = Number(shanghaiDate().slice(0, 4));
    if (input.year > thisYear) throw new BadInputError(`年度不能晚于今年（${thisYear}）`, 'YEAR_IN_FUTURE', 'year');
    assertCellValue({ table: 'table2', ...ANNUAL_STATISTIC_CELL[input.item] }, input.value, 'value');
    return this.em.transactional(async (em) => {
      const organization = await new DepartmentService(em).getDepartment(input.organizationId);
      let statistic = await em.findOne(
        AnnualStatistic,
        { organization: organization.id, year: input.year, item: input.item },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!statistic)
        statistic = em.create(AnnualStatistic, { organization, year: input.year, item: input.item, value: input.value, source, enteredBy: this.viewer.name });
      statistic.value = input.value;
      statistic.source = source;
      statistic.enteredBy = this.viewer.name;
      await em.flush();
      return statistic;
    });
  }
}

/** A head of a department sees the reports and yearly figures of the organisation above it. */
export function isAncestorOfScope(viewer: Viewer, path: string): boolean {
  const scope = viewer.scope;
  if (!scope) return true;
  return scope.subtreePaths.some((p) => p.startsWith(path));
}
