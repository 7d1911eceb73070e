import { yearDomainProblem } from '../../time/date-domain.js';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { BadInputError, StaleVersionError } from '../../errors.js';
import { followWorkPointEdit, resyncTaskDeadlines } from '../tasks/work-point-tasks.js';
import { paginate, type Connection, type PageArgs } from '../../core/pagination.js';
import { parseId } from '../../core/ids.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentKind, DepartmentScope, SCOPE_KIND } from '../departments/department-kind.js';
import { DepartmentNotFoundError } from '../departments/department.errors.js';
import { DepartmentService } from '../departments/department.service.js';
import { planDueDate } from './plan-due-date.js';
import { ANONYMOUS, assertAdmin, type Viewer } from '../auth/viewer.js';
import { extractDocumentNumbers, extractDutyItems, extractTimeLimits } from './plan-document.parser.js';
import { parseTimeLimit, periodDueDates, type ImportedWorkPoint } from './import/index.js';
import type { ParsedPlanDocument, ParsedWorkPoint } from './plan-document.types.js';
import { Plan } from './plan.entity.js';
import {
  AlreadyRetiredError,
  DepartmentOutsideOrganizationError,
  NoAssigneeError,
  NotAnOrganizationError,
  NotRetiredError,
  PlanNotFoundError,
  PlanRetiredError,
  UnknownDepartmentNamesError,
  WorkPointNotFoundError,
  WorkPointNumberTakenError,
  WorkPointRetiredError,
} from './plan.errors.js';
import {
  type CreatePlanInput,
  type CreateWorkPointInput,
  type PlanFilter,
  type RestoreInput,
  type RetireInput,
  type UpdatePlanInput,
  type UpdateWorkPointInput,
  type WorkPointFilter,
} from './plan.inputs.js';
import { WorkPoint } from './work-point.entity.js';
import { containsPattern } from '../../db/like.js';
import { shanghaiDate } from '../../time/calendar-date.js';

export class PlanService {
  /** Plans and work points are public documents: any signed-in caller reads them; only admins write. */
  constructor(
    private readonly em: EntityManager,
    private readonly viewer?: Viewer,
  ) {}

  /** Plans newest year first; retired ones only when asked. */
  listPlans(filter: PlanFilter = {}): Promise<Plan[]> {
    return this.em.find(Plan, planWhere(filter), { orderBy: { year: 'desc', id: 'asc' } });
  }

  /** Plans page by page, newest first (by id: creation order reversed). */
  pagePlans(filter: PlanFilter, page: PageArgs): Promise<Connection<Plan>> {
    return paginate(this.em, Plan, planWhere(filter), page, 'desc');
  }

  findPlan(id: string | number): Promise<Plan | null> {
    return this.em.findOne(Plan, { id: parseId(id, (v) => new PlanNotFoundError(v)) });
  }

  async getPlan(id: string | number): Promise<Plan> {
    const plan = await this.findPlan(id);
    if (!plan) throw new PlanNotFoundError(id);
    return plan;
  }

  findWorkPoint(id: string | number): Promise<WorkPoint | null> {
    return this.em.findOne(WorkPoint, { id: parseId(id, (v) => new WorkPointNotFoundError(v)) });
  }

  async getWorkPoint(id: string | number): Promise<WorkPoint> {
    const point = await this.findWorkPoint(id);
    if (!point) throw new WorkPointNotFoundError(id);
    return point;
  }

  /** Work points in plan order (creation order), filtered. */
  async listWorkPoints(filter: WorkPointFilter, page: PageArgs): Promise<Connection<WorkPoint>> {
    const and: FilterQuery<WorkPoint>[] = [];
    if (!filter.includeRetired) and.push({ retiredAt: null, plan: { retiredAt: null } });
    if (filter.planId) and.push({ plan: parseId(filter.planId, (v) => new PlanNotFoundError(v)) });
    if (filter.section) and.push({ section: filter.section });
    if (filter.search) {
      const like = containsPattern(filter.search);
      and.push({ $or: [{ title: { $ilike: like } }, { number: { $ilike: like } }, { policyBasis: { $ilike: like } }, { duties: { $ilike: like } }] });
    }
    if (filter.departmentId) {
      const department = await new DepartmentService(this.em).getDepartment(filter.departmentId);
      const scopes = (Object.keys(SCOPE_KIND) as DepartmentScope[]).filter((s) => SCOPE_KIND[s] === department.kind);
      and.push({
        $or: [
          { leadDepartments: department.id },
          { responsibleDepartments: department.id },
          ...(scopes.length
            ? [
                { responsibleScopes: { $overlap: scopes }, plan: { organization: { $in: department.pathIds } } },
                { leadScopes: { $overlap: scopes }, plan: { organization: { $in: department.pathIds } } },
              ]
            : []),
        ],
      });
    }
    return paginate(this.em, WorkPoint, and.length ? { $and: and } : {}, page);
  }

  async createPlan(input: CreatePlanInput): Promise<Plan> {
    assertAdmin(this.viewer ?? ANONYMOUS, 'createPlan');
    return this.em.transactional(async (em) => {
      const organization = await new DepartmentService(em).getDepartment(input.organizationId);
      if (organization.kind !== DepartmentKind.ORGANIZATION) throw new NotAnOrganizationError(organization.name);
      assertPlanYear(input.year);
      const plan = em.create(Plan, {
        organization,
        year: input.year,
        title: input.title.trim(),
        issuer: input.issuer?.trim() || null,
        basisDocuments: input.basisDocuments?.map((d) => d.trim()) ?? extractDocumentNumbers(input.title),
        source: input.source?.trim() || null,
      });
      await em.flush();
      return plan;
    });
  }

  async createWorkPoint(input: CreateWorkPointInput): Promise<WorkPoint> {
    assertAdmin(this.viewer ?? ANONYMOUS, 'createWorkPoint');
    return this.em.transactional(async (em) => {
      const service = new PlanService(em, this.viewer);
      const plan = await service.getPlan(input.planId);
      if (plan.retiredAt) throw new PlanRetiredError(plan.title);
      const organization = await plan.organization.load();
      if (!input.leadDepartmentIds.length) throw new NoAssigneeError();
      const leads = await service.departmentsOf(organization!, input.leadDepartmentIds, 'leadDepartmentIds');
      const responsible = await service.departmentsOf(organization!, input.responsibleDepartmentIds ?? [], 'responsibleDepartmentIds');
      if (await em.count(WorkPoint, { plan, number: input.number.trim() })) throw new WorkPointNumberTakenError(input.number.trim());
      const duties = input.duties?.trim() ?? '';
      const policyBasis = input.policyBasis?.trim() ?? '';
      const timeLimits = extractTimeLimits(duties);
      const point = em.create(WorkPoint, {
        plan,
        number: input.number.trim(),
        sequence: (await em.count(WorkPoint, { plan })) + 1,
        section: input.section.trim(),
        title: input.title.trim(),
        policyBasis,
        citedDocuments: extractDocumentNumbers(`${policyBasis}\n${duties}`),
        duties,
        dutyItems: extractDutyItems(duties),
        responsibleScopes: [...new Set(input.responsibleScopes ?? [])],
        timeLimit: input.timeLimit?.trim() || timeLimits.join('；') || null,
        dueDate: input.dueDate ?? planDueDate(plan.year, timeLimits),
        periodDueDates: typedPeriods(input.timeLimit?.trim() || timeLimits.join('；'), plan.year),
      });
      point.leadDepartments.set(leads);
      point.responsibleDepartments.set(responsible);
      await em.flush();
      return point;
    });
  }

  /** Edits a plan's heading fields; its work points and tasks are untouched. */
  async updatePlan(input: UpdatePlanInput): Promise<Plan> {
    assertAdmin(this.viewer ?? ANONYMOUS, 'updatePlan');
    return this.em.transactional(async (em) => {
      const plan = await lockPlan(em, input.id, input.version);
      if (plan.retiredAt) throw new PlanRetiredError(plan.title);
      if (input.year != null && input.year !== plan.year) assertPlanYear(input.year);
      if (input.year != null) plan.year = input.year;
      if (input.title != null) plan.title = input.title.trim();
      if (input.issuer != null) plan.issuer = input.issuer.trim() || null;
      if (input.basisDocuments != null) plan.basisDocuments = [...new Set(input.basisDocuments.map((d) => d.trim()))];
      if (input.source != null) plan.source = input.source.trim() || null;
      // Task deadlines are titled by their point only: nothing to carry to the tasks.
      await em.flush();
      return plan;
    });
  }

  /** Retires a plan: it and its points leave the default lists and the wall screen; tasks and their history stay. */
  async retirePlan(input: RetireInput): Promise<Plan> {
    assertAdmin(this.viewer ?? ANONYMOUS, 'retirePlan');
    return this.em.transactional(async (em) => {
      const plan = await lockPlan(em, input.id, input.version);
      if (plan.retiredAt) throw new AlreadyRetiredError(`计划“${plan.title}”`);
      plan.retiredAt = new Date();
      plan.retiredReason = input.reason.trim();
      await em.flush();
      await resyncTaskDeadlines(em, await em.find(WorkPoint, { plan }));
      return plan;
    });
  }

  async restorePlan(input: RestoreInput): Promise<Plan> {
    assertAdmin(this.viewer ?? ANONYMOUS, 'restorePlan');
    return this.em.transactional(async (em) => {
      const plan = await lockPlan(em, input.id, input.version);
      if (!plan.retiredAt) throw new NotRetiredError(`计划“${plan.title}”`);
      plan.retiredAt = null;
      plan.retiredReason = null;
      await em.flush();
      await resyncTaskDeadlines(em, await em.find(WorkPoint, { plan }));
      return plan;
    });
  }

  /**
   * Edits a work point. Open tasks follow a new due date (and their deadlines) and new ⑴⑵⑶
   * items; new or removed units take effect on the tasks with breakDownWorkPoint.
   */
  async updateWorkPoint(input: UpdateWorkPointInput): Promise<WorkPoint> {
    assertAdmin(this.viewer ?? ANONYMOUS, 'updateWorkPoint');
    return this.em.transactional(async (em) => {
      const service = new PlanService(em, this.viewer);
      const point = await lockWorkPoint(em, input.id, input.version);
      const plan = (await point.plan.load())!;
      if (plan.retiredAt) throw new PlanRetiredError(plan.title);
      if (point.retiredAt) throw new WorkPointRetiredError(point.number);
      const organization = (await plan.organization.load())!;
      const before = {
        number: point.number,
        title: point.title,
        dueDate: point.dueDate ?? null,
        dutyItems: point.dutyItems.join('\n'),
        periods: point.periodDueDates.join(),
      };

      if (input.number != null) {
        const number = input.number.trim();
        if (number !== point.number && (await em.count(WorkPoint, { plan, number, id: { $ne: point.id } }))) throw new WorkPointNumberTakenError(number);
        point.number = number;
      }
      if (input.section != null) point.section = input.section.trim();
      if (input.title != null) point.title = input.title.trim();
      if (input.policyBasis != null) point.policyBasis = input.policyBasis.trim();
      if (input.duties != null) {
        point.duties = input.duties.trim();
        point.dutyItems = extractDutyItems(point.duties);
      }
      if (input.citedDocuments != null) point.citedDocuments = [...new Set(input.citedDocuments.map((d) => d.trim()))];
      else if (input.policyBasis != null || input.duties != null) point.citedDocuments = extractDocumentNumbers(`${point.policyBasis}\n${point.duties}`);
      if (input.leadDepartmentIds != null) {
        if (!input.leadDepartmentIds.length) throw new NoAssigneeError();
        point.leadDepartments.set(await service.departmentsOf(organization, input.leadDepartmentIds, 'leadDepartmentIds'));
      }
      if (input.responsibleDepartmentIds != null) {
        point.responsibleDepartments.set(await service.departmentsOf(organization, input.responsibleDepartmentIds, 'responsibleDepartmentIds'));
      }
      if (input.responsibleScopes != null) point.responsibleScopes = [...new Set(input.responsibleScopes)];
      if (input.timeLimit != null) {
        point.timeLimit = input.timeLimit.trim() || null;
        point.periodDueDates = typedPeriods(point.timeLimit, plan.year);
      }
      if (input.dueDate != null) point.dueDate = input.dueDate;
      await em.flush();
      await followWorkPointEdit(em, point, {
        dueDate: point.dueDate !== before.dueDate || point.periodDueDates.join() !== before.periods,
        dutyItems: point.dutyItems.join('\n') !== before.dutyItems,
        heading: point.number !== before.number || point.title !== before.title,
      });
      return point;
    });
  }

  /** Retires a work point: it and its tasks leave the default lists and the wall screen; nothing is deleted. */
  async retireWorkPoint(input: RetireInput): Promise<WorkPoint> {
    assertAdmin(this.viewer ?? ANONYMOUS, 'retireWorkPoint');
    return this.em.transactional(async (em) => {
      const point = await lockWorkPoint(em, input.id, input.version);
      if (point.retiredAt) throw new AlreadyRetiredError(`工作要点条目“${point.number}”`);
      point.retiredAt = new Date();
      point.retiredReason = input.reason.trim();
      await em.flush();
      await resyncTaskDeadlines(em, [point]);
      return point;
    });
  }

  async restoreWorkPoint(input: RestoreInput): Promise<WorkPoint> {
    assertAdmin(this.viewer ?? ANONYMOUS, 'restoreWorkPoint');
    return this.em.transactional(async (em) => {
      const point = await lockWorkPoint(em, input.id, input.version);
      if (!point.retiredAt) throw new NotRetiredError(`工作要点条目“${point.number}”`);
      point.retiredAt = null;
      point.retiredReason = null;
      await em.flush();
      await resyncTaskDeadlines(em, [point]);
      return point;
    });
  }

  /** Stores a parsed document under an organisation; the caller owns the transaction. */
  async storeParsedPlan(
    organization: Department,
    parsed: ParsedPlanDocument,
    options: {
      year?: number;
      title?: string;
      source: string | null;
      sourceYear?: number | null;
      createMissingDepartments: boolean;
      /** Names already matched or mapped by the importer; the others are resolved here. */
      resolved?: ReadonlyMap<string, Department>;
    },
  ): Promise<Plan> {
    const em = this.em;
    const year = options.year ?? parsed.year ?? Number(shanghaiDate().slice(0, 4));
    assertPlanYear(year);
    const names = new Set(parsed.points.flatMap((p) => [...p.leads.departments, ...p.responsible.departments]));
    const unresolved = [...names].filter((n) => !options.resolved?.has(n));
    const byName = new Map([...(options.resolved ?? []), ...(await this.resolveDepartmentNames(organization, unresolved, options.createMissingDepartments))]);
    const plan = em.create(Plan, {
      organization,
      year,
      title: (options.title ?? parsed.title).trim(),
      issuer: parsed.issuer,
      basisDocuments: parsed.basisDocuments,
      source: options.source,
      sourceYear: options.sourceYear ?? null,
    });
    for (const p of parsed.points) {
      const point = em.create(WorkPoint, {
        plan,
        number: p.number,
        sequence: p.sequence,
        section: p.section,
        title: p.title,
        policyBasis: p.policyBasis,
        citedDocuments: p.citedDocuments,
        duties: p.duties,
        dutyItems: p.dutyItems,
        responsibleScopes: p.responsible.scopes as DepartmentScope[],
        leadScopes: p.leads.scopes as DepartmentScope[],
        ...importedTiming(p, year),
      });
      // A point that names nobody (a 自查 requirement) is the organisation's own.
      const named = p.leads.departments.length + p.leads.scopes.length + p.responsible.departments.length + p.responsible.scopes.length;
      point.leadDepartments.set(named ? p.leads.departments.map((n) => byName.get(n)!) : [organization]);
      point.responsibleDepartments.set(p.responsible.departments.map((n) => byName.get(n)!));
    }
    await em.flush();
    return plan;
  }

  /**
   * Maps department names as a document writes them to departments of the organisation.
   * "局办公室" matches a department named "局办公室" or "办公室".
   */
  private async resolveDepartmentNames(organization: Department, names: string[], createMissing: boolean): Promise<Map<string, Department>> {
    const inOrg = await this.em.find(Department, { path: { $like: `${organization.path}%` } }, { orderBy: { id: 'asc' } });
    const index = new Map<string, Department>();
    for (const d of inOrg) for (const key of nameKeys(d.name)) if (!index.has(key)) index.set(key, d);
    const resolved = new Map<string, Department>();
    const missing: string[] = [];
    for (const name of names) {
      const found = nameKeys(name)
        .map((k) => index.get(k))
        .find(Boolean);
      if (found) resolved.set(name, found);
      else missing.push(name);
    }
    if (missing.length && !createMissing) throw new UnknownDepartmentNamesError(missing);
    for (const name of missing) {
      const department = this.em.create(Department, {
        name,
        code: `${organization.code}-${Buffer.from(name).toString('hex').slice(0, 16)}`,
        kind: /(科|室|办|处|股)$/.test(name) ? DepartmentKind.OFFICE : DepartmentKind.SUBORDINATE_UNIT,
        parent: organization,
        path: '',
      });
      await this.em.flush();
      department.path = `${organization.path}${department.id}/`;
      resolved.set(name, department);
    }
    return resolved;
  }

  private async departmentsOf(organization: Department, ids: string[], field: string): Promise<Department[]> {
    const keys = [...new Set(ids.map((id) => parseId(id, (v) => new DepartmentNotFoundError(v))))];
    const found = await this.em.find(Department, { id: { $in: keys } });
    for (const key of keys) if (!found.some((d) => d.id === key)) throw new DepartmentNotFoundError(key);
    for (const d of found) if (!d.path.startsWith(organization.path)) throw new DepartmentOutsideOrganizationError(d.name, field);
    return keys.map((k) => found.find((d) => d.id === k)!);
  }
}

/** The row, locked for the transaction, at the version the caller read. */
async function lockPlan(em: EntityManager, id: string, version: number): Promise<Plan> {
  const plan = await em.findOne(Plan, { id: parseId(id, (v) => new PlanNotFoundError(v)) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!plan) throw new PlanNotFoundError(id);
  if (plan.version !== version) throw new StaleVersionError('计划', version, plan.version);
  return plan;
}

async function lockWorkPoint(em: EntityManager, id: string, version: number): Promise<WorkPoint> {
  const point = await em.findOne(WorkPoint, { id: parseId(id, (v) => new WorkPointNotFoundError(v)) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!point) throw new WorkPointNotFoundError(id);
  if (point.version !== version) throw new StaleVersionError('工作要点条目', version, point.version);
  return point;
}

function planWhere(filter: PlanFilter): FilterQuery<Plan> {
  const and: FilterQuery<Plan>[] = [];
  if (!filter.includeRetired) and.push({ retiredAt: null });
  if (filter.year != null) and.push({ year: filter.year });
  if (filter.search) {
    const like = containsPattern(filter.search);
    and.push({ $or: [{ title: { $ilike: like } }, { issuer: { $ilike: like } }] });
  }
  return and.length ? { $and: and } : {};
}

/** Keys a department name is known by: as written, and without the bureau prefix 局/本局/市局. */
function nameKeys(name: string): string[] {
  const trimmed = name.replace(/\s+/g, '');
  const bare = trimmed.replace(/^(本局|市局|局)/, '');
  return bare && bare !== trimmed ? [trimmed, bare] : [trimmed];
}

/**
 * Time limit and due date of a point: an imported point's own reading (持续推进 and the like: no due date, shown as
 * ongoing); a point of the prose parsers as before (每年4月1日前 → <year>-04-01, otherwise 31 December).
 */
function importedTiming(p: ParsedWorkPoint | ImportedWorkPoint, year: number): { timeLimit: string | null; dueDate: string | null; periodDueDates: string[] } {
  if ('ongoing' in p) {
    return {
      timeLimit: p.timeLimit || p.timeLimits.join('；') || null,
      dueDate: p.ongoing ? null : (p.dueDate ?? planDueDate(year, p.timeLimits)),
      periodDueDates: p.ongoing ? [] : p.periodDueDates,
    };
  }
  return { timeLimit: p.timeLimits.join('；') || null, dueDate: planDueDate(year, p.timeLimits), periodDueDates: [] };
}

/** The periods of a time limit typed by hand (每季度 …) in the plan's year: what an imported one gets. */
function typedPeriods(timeLimit: string | null | undefined, year: number): string[] {
  return periodDueDates(parseTimeLimit(timeLimit ?? '', year));
}

/** A plan's year is in the date domain (2000 … next year): its work points' due dates are. */
function assertPlanYear(year: number): void {
  const problem = yearDomainProblem(year);
  if (problem) throw new BadInputError(problem, 'DATE_OUT_OF_RANGE', 'year');
}
