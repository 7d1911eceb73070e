import type { EntityManager } from '@mikro-orm/postgresql';
import { parseId } from '../../core/ids.js';
import { ConflictError } from '../../errors.js';
import { ANONYMOUS, assertAdmin, type Viewer } from '../auth/viewer.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentKind, type DepartmentScope } from '../departments/department-kind.js';
import { DepartmentNotFoundError } from '../departments/department.errors.js';
import { DepartmentService } from '../departments/department.service.js';
import { importPlanDocument, looksLikeHtml, matchUnitName, type PlanImportResult } from './import/index.js';
import { DepartmentOutsideOrganizationError, NotAnOrganizationError } from './plan.errors.js';
import type { ImportPlanInput } from './plan.inputs.js';
import { Plan } from './plan.entity.js';
import { PlanService } from './plan.service.js';

/** A unit name as written and the department it was matched to (null: a person must map or create it). */
export interface UnitMatch {
  name: string;
  department: Department | null;
  how: 'exact' | 'alias' | 'normalized' | 'mapped' | null;
}

export interface PlanImportPreviewData {
  result: PlanImportResult;
  units: UnitMatch[];
  /** Tasks the breakdown would give each department (named and by scope). */
  tasksPerDepartment: { department: Department; count: number }[];
  /** A stored plan of the organisation that already holds every point of the document. */
  duplicateOf: Plan | null;
}

class DuplicatePlanImportError extends ConflictError {
  constructor(plan: Plan) {
    super(`这份文件已经导入过：计划“${plan.title}”（${plan.year}年）已包含其全部条目`, 'DUPLICATE_PLAN_IMPORT', 'text', { planId: String(plan.id) });
  }
}

/**
 * `previewPlanImport` and `importPlan`: the document read by the importer (plans/import), its unit names
 * matched to the organisation's departments (or mapped by the person), then shown or stored — all or nothing.
 */
export class PlanImportService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer | undefined,
  ) {}

  async preview(input: ImportPlanInput): Promise<PlanImportPreviewData> {
    assertAdmin(this.viewer ?? ANONYMOUS, 'previewPlanImport');
    const result = await read(input);
    const organization = await this.organization(input.organizationId);
    const units = await this.matchUnits(organization, result.unitNames, input);
    const byName = new Map(units.filter((u) => u.department).map((u) => [u.name, u.department!]));
    const counts = new Map<number, { department: Department; count: number }>();
    const departments = new DepartmentService(this.em);
    for (const p of result.points) {
      const named = [...p.leads.departments, ...p.responsible.departments].map((n) => byName.get(n)).filter((d): d is Department => !!d);
      const scoped = await departments.expandScopes(organization, [...new Set([...p.leads.scopes, ...p.responsible.scopes])] as DepartmentScope[]);
      const all = new Map([...named, ...scoped].map((d) => [d.id, d]));
      if (!all.size) all.set(organization.id, organization);
      for (const d of all.values()) counts.set(d.id, { department: d, count: (counts.get(d.id)?.count ?? 0) + 1 });
    }
    return {
      result,
      units,
      tasksPerDepartment: [...counts.values()].sort((a, b) => b.count - a.count || a.department.id - b.department.id),
      duplicateOf: await this.duplicateOf(organization, result, input.year ?? result.year),
    };
  }

  async importPlan(input: ImportPlanInput): Promise<Plan> {
    assertAdmin(this.viewer ?? ANONYMOUS, 'importPlan');
    const result = await read(input);
    return this.em.transactional(async (em) => {
      const service = new PlanImportService(em, this.viewer);
      const organization = await service.organization(input.organizationId);
      const duplicate = await service.duplicateOf(organization, result, input.year ?? result.year);
      if (duplicate) throw new DuplicatePlanImportError(duplicate);
      const units = await service.matchUnits(organization, result.unitNames, input);
      const resolved = new Map(units.filter((u) => u.department).map((u) => [u.name, u.department!]));
      return new PlanService(em, this.viewer).storeParsedPlan(organization, result, {
        year: input.year ?? undefined,
        title: input.title ?? undefined,
        source: input.source ?? null,
        createMissingDepartments: input.createMissingDepartments ?? false,
        resolved,
      });
    });
  }

  private async organization(id: string): Promise<Department> {
    const organization = await new DepartmentService(this.em).getDepartment(id);
    if (organization.kind !== DepartmentKind.ORGANIZATION) throw new NotAnOrganizationError(organization.name);
    return organization;
  }

  /** Exact, then known aliases (局办公室 ↔ 办公室), then normalised names; the person's mapping wins. */
  private async matchUnits(organization: Department, names: readonly string[], input: ImportPlanInput): Promise<UnitMatch[]> {
    const inOrg = await this.em.find(Department, { path: { $like: `${organization.path}%` } }, { orderBy: { id: 'asc' } });
    const mapped = new Map<string, Department>();
    for (const [i, m] of (input.unitMapping ?? []).entries()) {
      const id = parseId(m.departmentId, (v) => new DepartmentNotFoundError(v));
      const department = inOrg.find((d) => d.id === id);
      if (!department) {
        const exists = await this.em.findOne(Department, { id });
        if (!exists) throw new DepartmentNotFoundError(m.departmentId);
        throw new DepartmentOutsideOrganizationError(exists.name, `unitMapping.${i}.departmentId`);
      }
      mapped.set(m.name.trim(), department);
    }
    const candidates = inOrg.map((d) => ({ id: String(d.id), name: d.name }));
    return names.map((name) => {
      const chosen = mapped.get(name);
      if (chosen) return { name, department: chosen, how: 'mapped' as const };
      const match = matchUnitName(name, candidates, { organizationName: organization.name });
      const department = match ? inOrg.find((d) => String(d.id) === match.id)! : null;
      return { name, department, how: match?.how ?? null };
    });
  }

  /**
   * A stored plan of the organisation (in force) that already holds every point of the document: one lookup on the
   * points' stored fingerprints, within the document's year when it has one.
   */
  private async duplicateOf(organization: Department, result: PlanImportResult, year: number | null): Promise<Plan | null> {
    const wanted = [...new Set(result.points.map((p) => p.fingerprint))];
    if (!wanted.length) return null;
    const rows = await this.em.execute<{ plan_id: number }[]>(
      `select w.plan_id from work_point w join plan p on p.id = w.plan_id
        where p.organization_id = ? and p.retired_at is null and (?::int is null or p.year = ?::int) and w.fingerprint in (?)
        group by w.plan_id having count(distinct w.fingerprint) = ? order by w.plan_id limit 1`,
      [organization.id, year, year, wanted, wanted.length],
    );
    return rows[0] ? this.em.findOneOrFail(Plan, { id: rows[0].plan_id }) : null;
  }
}

/** The pasted document through the importer: HTML when it is markup, else text; the format when the person chose one. */
function read(input: ImportPlanInput): Promise<PlanImportResult> {
  const source = looksLikeHtml(input.text) ? { kind: 'html' as const, html: input.text } : { kind: 'text' as const, text: input.text };
  return importPlanDocument(source, { format: input.format ?? undefined, year: input.year ?? undefined });
}
