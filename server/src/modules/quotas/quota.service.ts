import { LockMode, ref } from '@mikro-orm/core';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { StaleVersionError } from '../../errors.js';
import { paginate, type Connection, type PageArgs } from '../../core/pagination.js';
import { parseId } from '../../core/ids.js';
import { addDays, shanghaiDate } from '../../time/calendar-date.js';
import { parsePeriod, type Period } from '../../time/period.js';
import { assertAdmin, canSeeDepartment, type Viewer } from '../auth/viewer.js';
import { WorkingDayCalendar, type DayKind } from '../calendar/working-day-calendar.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentKind } from '../departments/department-kind.js';
import { DepartmentNotFoundError } from '../departments/department.errors.js';
import { DepartmentService } from '../departments/department.service.js';
import { Category } from '../publications/category.entity.js';
import { CatalogueService } from '../publications/catalogue.service.js';
import { ALL_CATEGORIES, buildQuotaBoard, orderAsTree, type BoardDepartment, type PeriodCounts, type QuotaBoard, type QuotaBoardRow } from './quota-board.js';
import { quotaBoardKey, type QuotaBoardCache } from './quota-board-cache.js';
import type { PeriodProgress } from './quota-pace.js';
import { Quota } from './quota.entity.js';
import {
  InvalidPeriodError,
  QuotaNotFoundError,
  QuotaOrganizationMismatchError,
  QuotaOverlapError,
  QuotaSubjectError,
  QuotaYearRangeError,
} from './quota.errors.js';
import type { QuotaFilter, SetQuotaInput } from './quota.inputs.js';

/** Advisory-lock class of quota definitions (with the organisation id): overlap checks run one at a time per organisation. */
const QUOTA_LOCK_CLASS = 7_402_912;

export interface QuotaServiceOptions {
  /** Today in Asia/Shanghai (the board's default day). */
  today?: () => string;
  /** The instance's kept boards (quota-board-cache.ts); without it every board is computed. */
  boards?: QuotaBoardCache<BoardSnapshot>;
}

/**
 * A computed board as kept between changes: it belongs to no request. Its quota and category
 * entities live in an entity manager of their own; `quotas` and `categories` are their rows, mapped
 * afresh into each request's entity manager before the board is handed out (their field resolvers
 * load relations through it).
 */
export interface BoardSnapshot {
  board: QuotaBoard;
  quotas: Record<string, unknown>[];
  categories: Record<string, unknown>[];
}

export interface QuotaBoardOptions {
  /** The day the pace is measured at; default today. Counts are always the current ones. */
  asOf?: string | null;
  /** Only this department and its sub-departments. */
  withinId?: string | null;
}

export class QuotaService {
  private readonly today: () => string;
  private readonly boards: QuotaBoardCache<BoardSnapshot> | undefined;

  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    options: QuotaServiceOptions = {},
  ) {
    this.today = options.today ?? (() => shanghaiDate());
    this.boards = options.boards;
  }

  /** Quotas: per-kind ones are visible to all; a department's own only within scope. */
  async listQuotas(filter: QuotaFilter = {}, page: PageArgs = {}): Promise<Connection<Quota>> {
    const where: FilterQuery<Quota>[] = [];
    if (this.viewer.scope) {
      // Outside the identity map: partial departments there would be handed, half empty, to the
      // quotas' organization/department fields later in this request (Department.code null).
      const visible = (await this.em.find(Department, {}, { fields: ['id', 'path'], disableIdentityMap: true }))
        .filter((d) => canSeeDepartment(this.viewer, d))
        .map((d) => d.id);
      where.push({ $or: [{ department: null }, { department: { $in: visible } }] });
    }
    if (filter.organizationId) where.push({ organization: parseId(filter.organizationId, (v) => new DepartmentNotFoundError(v)) });
    if (filter.departmentId) {
      const d = await new DepartmentService(this.em).getDepartment(filter.departmentId);
      where.push({ $or: [{ department: d.id }, { department: null, departmentKind: d.kind, organization: d.pathIds[0] }] });
    }
    if (filter.periodType) where.push({ periodType: filter.periodType });
    if (filter.year != null) where.push(...inForce(filter.year));
    return paginate(this.em, Quota, where.length ? { $and: where } : {}, page);
  }

  /** Creates or changes a quota. Refuses a second definition for the same target, period type and category in overlapping years. */
  async setQuota(input: SetQuotaInput): Promise<Quota> {
    assertAdmin(this.viewer, 'setQuota');
    return this.em.transactional(async (em) => {
      const departments = new DepartmentService(em);
      if (!input.departmentId === !input.departmentKind) throw new QuotaSubjectError();
      if (input.fromYear != null && input.toYear != null && input.fromYear > input.toYear) throw new QuotaYearRangeError();
      let department: Department | null = null;
      let organization: Department;
      if (input.departmentId) {
        department = await departments.getDepartment(input.departmentId);
        organization = await departments.getDepartment(department.pathIds[0]!);
        if (input.organizationId && String(organization.id) !== String(input.organizationId)) throw new QuotaOrganizationMismatchError(organization.name);
      } else {
        if (!input.organizationId) throw new QuotaSubjectError();
        organization = await departments.getDepartment(input.organizationId);
        if (organization.kind !== DepartmentKind.ORGANIZATION) throw new QuotaOrganizationMismatchError(organization.name);
      }
      const category = input.categoryId ? await new CatalogueService(em).getCategory(input.categoryId) : null;

      await em.execute('select pg_advisory_xact_lock(?, ?)', [QUOTA_LOCK_CLASS, organization.id]);
      let quota: Quota | null = null;
      if (input.id) {
        quota = await em.findOne(Quota, { id: parseId(input.id, (v) => new QuotaNotFoundError(v)) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!quota) throw new QuotaNotFoundError(input.id);
        if (input.version == null || quota.version !== input.version) throw new StaleVersionError('发布指标', input.version ?? 0, quota.version);
      }
      const rivals = await em.find(Quota, {
        organization,
        periodType: input.periodType,
        category: category?.id ?? null,
        ...(department ? { department: department.id } : { department: null, departmentKind: input.departmentKind }),
        ...(quota ? { id: { $ne: quota.id } } : {}),
      });
      const from = input.fromYear ?? -Infinity;
      const to = input.toYear ?? Infinity;
      const overlap = rivals.find((q) => (q.fromYear ?? -Infinity) <= to && from <= (q.toYear ?? Infinity));
      if (overlap) throw new QuotaOverlapError(overlap.id, department ? `“${department.name}”` : '这类单位');

      const values = {
        departmentKind: department ? null : input.departmentKind!,
        periodType: input.periodType,
        target: input.target,
        fromYear: input.fromYear ?? null,
        toYear: input.toYear ?? null,
      };
      if (quota) {
        Object.assign(quota, values);
        quota.organization = ref(organization);
        quota.department = department ? ref(department) : null;
        quota.category = category ? ref(category) : null;
      } else {
        quota = em.create(Quota, { ...values, organization, department, category });
      }
      await em.flush();
      return quota;
    });
  }

  async deleteQuota(id: string, version: number | null = null): Promise<string> {
    assertAdmin(this.viewer, 'deleteQuota');
    return this.em.transactional(async (em) => {
      const quota = await em.findOne(Quota, { id: parseId(id, (v) => new QuotaNotFoundError(v)) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!quota) throw new QuotaNotFoundError(id);
      if (version != null && quota.version !== version) throw new StaleVersionError('发布指标', version, quota.version);
      const removedId = String(quota.id);
      em.remove(quota);
      await em.flush();
      return removedId;
    });
  }

  /**
   * The board of a period (`2026`, `2026-Q4`, `2026-11`) for the departments the viewer sees:
   * reads the maintained counts and the quotas, never the publications. With the instance's cache,
   * a board already computed for the same period, `withinId`, day and scope is answered from it
   * until a change to what it reads is announced (see QuotaBoardCache).
   */
  async quotaBoard(periodText: string, options: QuotaBoardOptions = {}): Promise<QuotaBoard> {
    const period = parsePeriod(periodText);
    if (!period) throw new InvalidPeriodError(periodText);
    const asOf = options.asOf ?? this.today();
    const withinId = options.withinId ?? null;
    if (!this.boards) return (await this.computeBoard(this.em, period, asOf, withinId)).board;
    // A kept board is computed in an entity manager of its own: it must not hold this request's entities.
    const snapshot = await this.boards.get(quotaBoardKey(period.key, withinId, asOf, this.viewer), () =>
      this.computeBoard(this.em.fork(), period, asOf, withinId),
    );
    return this.inThisRequest(snapshot);
  }

  private async computeBoard(em: EntityManager, period: Period, asOf: string, withinId: string | null): Promise<BoardSnapshot> {
    const prefix = withinId ? (await new DepartmentService(em).getDepartment(withinId)).path : '/';
    const data = await this.readBoardData(em, prefix, period);
    const departments = orderAsTree(data.departments.filter((d) => canSeeDepartment(this.viewer, d)));
    const organizations = new Set(departments.map((d) => d.pathIds[0]!));
    const quotaRows = data.quotas.filter((q) => organizations.has(q.organization_id as number));
    const quotas = quotaRows.map((q) => em.map(Quota, q));
    const categoryIds = new Set(quotas.flatMap((q) => (q.category ? [q.category.id] : [])));
    const categoryRows = data.categories.filter((c) => categoryIds.has(c.id as number));
    const categories = categoryRows.map((c) => em.map(Category, c));
    const board = buildQuotaBoard({
      period,
      asOf,
      progress: progressOf(data.calendar, period, asOf),
      departments,
      quotas,
      counts: data.counts,
      categories: new Map(categories.map((c) => [c.id, c])),
    });
    return { board, quotas: quotaRows, categories: categoryRows };
  }

  /** The board with its quotas and categories mapped into this request's entity manager (rows copied where they carry one). */
  private inThisRequest(snapshot: BoardSnapshot): QuotaBoard {
    const { board } = snapshot;
    if (!snapshot.quotas.length && !snapshot.categories.length) return board;
    const quotas = new Map(snapshot.quotas.map((q) => [q.id as number, this.em.map(Quota, q)]));
    const categories = new Map(snapshot.categories.map((c) => [c.id as number, this.em.map(Category, c)]));
    const rows = board.rows.map((r): QuotaBoardRow =>
      r.quota || r.category ? { ...r, quota: r.quota ? quotas.get(r.quota.id)! : null, category: r.category ? categories.get(r.category.id)! : null } : r,
    );
    return { ...board, rows };
  }

  /**
   * Everything the board reads, in one statement (JSON built by PostgreSQL): the departments under
   * `prefix`, the quotas of the period's type in force in its year, the period's counts (all
   * categories, and the categories a quota is about) and the period's working-day calendar (the
   * tables loadCalendar reads, narrowed to the period), and the quotas' categories. Quotas and
   * categories come as rows, to be mapped into an entity manager. Departments stay plain rows: hydrating 500
   * entities would cost more than the whole board. Counts and quotas are read for every
   * department; the board only ever looks up the ones the viewer sees.
   */
  private async readBoardData(
    em: EntityManager,
    prefix: string,
    period: Period,
  ): Promise<{
    departments: BoardDepartment[];
    quotas: Record<string, unknown>[];
    categories: Record<string, unknown>[];
    counts: PeriodCounts;
    calendar: WorkingDayCalendar;
  }> {
    // Column-wise JSON arrays: cheaper for PostgreSQL to build than one array per row.
    const [row] = await em.execute<
      { d: BoardColumns; q: Record<string, unknown>[]; cats: Record<string, unknown>[]; c: CountColumns; days: [string, DayKind][]; years: number[] }[]
    >(
      `select
         (select json_build_array(json_agg(id), json_agg(name), json_agg(code), json_agg(kind), json_agg(parent_id), json_agg(path), json_agg(sort_order))
            from department where path like ?) as d,
         (select coalesce(json_agg(to_json(q)), '[]') from quota q
           where period_type = ? and (from_year is null or from_year <= ?) and (to_year is null or to_year >= ?)) as q,
         (select coalesce(json_agg(to_json(cat)), '[]') from category cat
           where id in (select category_id from quota where category_id is not null and period_type = ?)) as cats,
         (select json_build_array(json_agg(department_id), json_agg(category_id), json_agg(count), json_agg(interpretation_count), json_agg(non_text_interpretation_count))
            from publication_count
           where period_key = ? and (category_id is null or category_id in (select category_id from quota where category_id is not null))) as c,
         (select coalesce(json_agg(json_build_array(to_char(date, 'YYYY-MM-DD'), kind)), '[]') from calendar_day where date between ? and ?) as days,
         (select coalesce(json_agg(year), '[]') from calendar_year) as years`,
      [`${prefix}%`, period.type, period.year, period.year, period.type, period.key, period.from, period.to],
    );
    const [ids, names, codes, kinds, parents, paths, sortOrders] = row!.d;
    const departments: BoardDepartment[] = (ids ?? []).map((id, i) => ({
      id,
      name: names![i]!,
      code: codes![i]!,
      kind: kinds![i]!,
      parentId: parents![i]!,
      path: paths![i]!,
      sortOrder: sortOrders![i]!,
      pathIds: paths![i]!.split('/').filter(Boolean).map(Number),
    }));
    const counts: PeriodCounts = new Map();
    const [departmentIds, categoryIds, totals, interpretations, nonText] = row!.c;
    (departmentIds ?? []).forEach((departmentId, i) => {
      const category = categoryIds![i] ?? ALL_CATEGORIES;
      let byDepartment = counts.get(category);
      if (!byDepartment) counts.set(category, (byDepartment = new Map()));
      byDepartment.set(departmentId, { count: totals![i]!, interpretations: interpretations![i]!, nonText: nonText![i]! });
    });
    return {
      departments,
      quotas: row!.q,
      categories: row!.cats,
      counts,
      calendar: new WorkingDayCalendar({ overrides: new Map(row!.days), officialYears: new Set(row!.years) }),
    };
  }
}

/** Working days of the period, and how many of them fall on or before `asOf` (one pass over the days). */
function progressOf(calendar: WorkingDayCalendar, period: Period, asOf: string): PeriodProgress {
  let workingDays = 0;
  let workingDaysElapsed = 0;
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) {
    if (!calendar.isWorkingDay(day)) continue;
    workingDays++;
    if (day <= asOf) workingDaysElapsed++;
  }
  return { workingDays, workingDaysElapsed, isOver: asOf > period.to };
}

/** Department columns (json_agg gives null for no rows). */
type BoardColumns = [number[] | null, string[] | null, string[] | null, DepartmentKind[] | null, (number | null)[] | null, string[] | null, number[] | null];
type CountColumns = [number[] | null, (number | null)[] | null, number[] | null, number[] | null, number[] | null];

/** Quotas in force in a year (open-ended ranges included). */
function inForce(year: number): FilterQuery<Quota>[] {
  return [{ $or: [{ fromYear: null }, { fromYear: { $lte: year } }] }, { $or: [{ toYear: null }, { toYear: { $gte: year } }] }];
}
