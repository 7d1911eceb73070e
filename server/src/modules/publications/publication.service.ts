import { canonicalUrl } from './canonical-url.js';
import { LockMode, ref, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { DomainError, StaleVersionError } from '../../errors.js';
import { compare } from '../../core/compare.js';
import { paginate, type Connection, type PageArgs } from '../../core/pagination.js';
import { parseId } from '../../core/ids.js';
import { shanghaiDate } from '../../time/calendar-date.js';
import { MIN_PERIOD_YEAR } from '../../time/period.js';
import { OutOfScopeError } from '../auth/auth.errors.js';
import { canSeeDepartment, departmentScopeWhere, isWriter, type Viewer } from '../auth/viewer.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentService } from '../departments/department.service.js';
import { WorkPointNotFoundError } from '../plans/plan.errors.js';
import { WorkPoint } from '../plans/work-point.entity.js';
import { TaskNotFoundError } from '../tasks/task.errors.js';
import type { Task } from '../tasks/task.entity.js';
import { TaskService } from '../tasks/task.service.js';
import { syncNewMediaFreshness } from '../deadlines/new-media-freshness.js';
import { CatalogueService } from './catalogue.service.js';
import type { Category } from './category.entity.js';
import type { Channel } from './channel.entity.js';
import { allocateIndexNumbers } from './index-number.service.js';
import { COUNT_MAINTENANCE, type CountedPublication, type CountMaintainer } from './publication-counts.js';
import type { InterpretationForm } from './publication-enums.js';
import { Publication } from './publication.entity.js';
import {
  ChannelNotAvailableError,
  DuplicatePublicationUrlError,
  InactiveCategoryError,
  InactiveChannelError,
  IndexNumberConflictError,
  InterpretationFormNotApplicableError,
  InterpretationFormRequiredError,
  InvalidDateRangeError,
  OrganizationChangeError,
  PublicationNotFoundError,
  PublishedInFutureError,
  PublishedTooEarlyError,
  TaskLinkMismatchError,
} from './publication.errors.js';
import type { PublicationFilter, RecordPublicationInput, UpdatePublicationInput } from './publication.inputs.js';
import { containsPattern } from '../../db/like.js';

export interface PublicationServiceOptions {
  /** How the per-period counts are kept (the benchmark measures their cost by swapping this). */
  counts?: CountMaintainer;
  /** Today in Asia/Shanghai; publications may not be dated after it. */
  today?: () => string;
}

/** A publication about to be written, its references resolved. */
export interface PublicationDraft {
  department: Department;
  title: string;
  category: Category;
  channel: Channel;
  publishedOn: string;
  url: string;
  summary: string | null;
  interpretationForm: InterpretationForm | null;
  task: Task | null;
  workPoint: WorkPoint | null;
  /** Kept as given (an imported ledger's own 索引号); allocated from the template when absent. */
  indexNumber?: string | null;
}

const EARLIEST_DATE = `${MIN_PERIOD_YEAR}-01-01`;

/**
 * The rules of a publication, shared by the GraphQL mutations and the ledger import. All the
 * problems, in field order; `changed` says which references are new (an inactive category or
 * channel stays valid on old items).
 */
export function checkPublicationDraft(draft: PublicationDraft, today: string, changed: { category: boolean; channel: boolean }): DomainError[] {
  const problems: DomainError[] = [];
  if (changed.category && !draft.category.isActive) problems.push(new InactiveCategoryError(draft.category.name));
  if (changed.channel && !draft.channel.isActive) problems.push(new InactiveChannelError(draft.channel.name));
  const owner = draft.channel.department?.id;
  if (owner != null && !draft.department.pathIds.includes(owner)) problems.push(new ChannelNotAvailableError(draft.channel.name, draft.department.name));
  if (draft.publishedOn > today) problems.push(new PublishedInFutureError(draft.publishedOn, today));
  if (draft.publishedOn < EARLIEST_DATE) problems.push(new PublishedTooEarlyError(draft.publishedOn));
  if (draft.category.isInterpretation && !draft.interpretationForm) problems.push(new InterpretationFormRequiredError(draft.category.name));
  if (!draft.category.isInterpretation && draft.interpretationForm) problems.push(new InterpretationFormNotApplicableError(draft.category.name));
  if (draft.task && draft.task.department.id !== draft.department.id) problems.push(new TaskLinkMismatchError('所关联的任务属于其他单位，请选择本单位的任务'));
  if (draft.task && draft.workPoint && draft.task.workPoint.id !== draft.workPoint.id)
    problems.push(new TaskLinkMismatchError('所关联的任务不属于所选的工作要点'));
  return problems;
}

/** What the maintained counts know of a publication. */
export function countedOf(
  p: Pick<Publication, 'publishedOn' | 'interpretationForm'> & { department: { id: number } },
  category: Pick<Category, 'path'>,
): CountedPublication {
  return { departmentId: p.department.id, publishedOn: p.publishedOn, categoryPath: category.path, interpretationForm: p.interpretationForm ?? null };
}

/** Maps a unique violation of the publication table to the domain error it means. */
export function publicationConflict(error: unknown, url: string, indexNumber?: string): unknown {
  if (!(error instanceof UniqueConstraintViolationException)) return error;
  const constraint = String((error as { constraint?: string }).constraint ?? error.message);
  if (constraint.includes('publication_canonical_url_unique')) return new DuplicatePublicationUrlError(url, null);
  if (constraint.includes('publication_index_number_unique')) return new IndexNumberConflictError(indexNumber ?? '');
  return error;
}

/** 信息发布台账: record, correct, delete, list — each write keeps the per-period counts exact in its transaction. */
export class PublicationService {
  private readonly counts: CountMaintainer;
  private readonly today: () => string;

  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    options: PublicationServiceOptions = {},
  ) {
    this.counts = options.counts ?? COUNT_MAINTENANCE;
    this.today = options.today ?? (() => shanghaiDate());
  }

  /** A publication the viewer may see; another department's is as good as absent. */
  async findPublication(id: string | number): Promise<Publication | null> {
    const scope = departmentScopeWhere(this.viewer);
    const where = { id: parseId(id, (v) => new PublicationNotFoundError(v)) };
    return this.em.findOne(Publication, scope ? { ...where, department: scope } : where);
  }

  async listPublications(filter: PublicationFilter, page: PageArgs): Promise<Connection<Publication>> {
    return paginate(this.em, Publication, await this.publicationWhere(filter), page, 'desc');
  }

  /** The filter as a query, the viewer's scope included (also used by the ledger export). */
  async publicationWhere(filter: PublicationFilter): Promise<FilterQuery<Publication>> {
    const scope = departmentScopeWhere(this.viewer);
    const where: FilterQuery<Publication>[] = scope ? [{ department: scope }] : [];
    if (filter.departmentId) {
      const department = await new DepartmentService(this.em).getVisibleDepartment(this.viewer, filter.departmentId, '信息发布记录');
      where.push(filter.includeSubDepartments ? { department: { path: { $like: `${department.path}%` } } } : { department: department.id });
    }
    if (filter.categoryId) {
      const category = await new CatalogueService(this.em).getCategory(filter.categoryId);
      where.push({ category: { path: { $like: `${category.path}%` } } });
    }
    if (filter.channelId) where.push({ channel: (await new CatalogueService(this.em).getChannel(filter.channelId)).id });
    if (filter.from && filter.to && filter.from > filter.to) throw new InvalidDateRangeError();
    if (filter.from) where.push({ publishedOn: { $gte: filter.from } });
    if (filter.to) where.push({ publishedOn: { $lte: filter.to } });
    if (filter.duplicatesOnly) where.push({ duplicateOf: { $ne: null } });
    const search = filter.search?.trim();
    if (search) {
      const like = containsPattern(search);
      where.push({ $or: [{ title: { $ilike: like } }, { summary: { $ilike: like } }, { indexNumber: { $ilike: like } }, { url: { $ilike: like } }] });
    }
    return where.length ? { $and: where } : {};
  }

  /** Records an item: checks it, gives it the next 索引号 and counts it, in one transaction. */
  async recordPublication(input: RecordPublicationInput): Promise<Publication> {
    if (!isWriter(this.viewer)) throw new OutOfScopeError('信息发布记录');
    return this.em.transactional(async (em) => {
      const catalogue = new CatalogueService(em);
      const department = await this.getWritableDepartment(em, input.departmentId);
      const category = await catalogue.getCategory(input.categoryId);
      const channel = await catalogue.getChannel(input.channelId);
      const { task, workPoint } = await this.resolveLinks(em, department, { taskId: input.taskId ?? null, workPointId: input.workPointId ?? null });
      const draft: PublicationDraft = {
        department,
        title: input.title.trim(),
        category,
        channel,
        publishedOn: input.publishedOn,
        url: input.url.trim(),
        summary: input.summary?.trim() || null,
        interpretationForm: input.interpretationForm ?? null,
        task,
        workPoint,
      };
      const [problem] = checkPublicationDraft(draft, this.today(), { category: true, channel: true });
      if (problem) throw problem;
      const [created] = await this.insertDrafts(em, [draft]);
      return created!;
    });
  }

  /**
   * Writes checked drafts: numbers them (in date order, per organisation), inserts them through
   * the ORM (audited) and counts them, in the caller's transaction.
   */
  async insertDrafts(em: EntityManager, drafts: readonly PublicationDraft[]): Promise<Publication[]> {
    const byOrganization = new Map<number, number[]>();
    drafts.forEach((d, i) => {
      const orgId = d.department.pathIds[0]!;
      const indexes = byOrganization.get(orgId);
      if (indexes) indexes.push(i);
      else byOrganization.set(orgId, [i]);
    });
    const publications: Publication[] = new Array(drafts.length);
    for (const orgId of [...byOrganization.keys()].sort((a, b) => a - b)) {
      const organization = await em.findOneOrFail(Department, { id: orgId });
      const indexes = byOrganization.get(orgId)!.sort((a, b) => compare(drafts[a]!.publishedOn, drafts[b]!.publishedOn) || a - b);
      await this.assertUrlsFree(
        em,
        orgId,
        indexes.map((i) => drafts[i]!.url),
      );
      const numbered = indexes.filter((i) => !drafts[i]!.indexNumber);
      const given = new Set(indexes.flatMap((i) => (drafts[i]!.indexNumber ? [drafts[i]!.indexNumber!] : [])));
      const allocated = await allocateIndexNumbers(
        em,
        organization,
        numbered.map((i) => drafts[i]!.publishedOn),
        given,
      );
      const numbers = new Map(numbered.map((i, k) => [i, allocated[k]!]));
      for (const i of indexes) {
        const d = drafts[i]!;
        publications[i] = em.create(Publication, {
          organization,
          department: d.department,
          title: d.title,
          category: d.category,
          channel: d.channel,
          publishedOn: d.publishedOn,
          url: d.url,
          canonicalUrl: canonicalUrl(d.url),
          summary: d.summary,
          interpretationForm: d.interpretationForm,
          task: d.task,
          workPoint: d.workPoint ?? d.task?.workPoint ?? null,
          indexNumber: d.indexNumber || numbers.get(i)!,
        });
      }
    }
    try {
      await em.flush();
    } catch (e) {
      throw publicationConflict(e, drafts.find((d) => d.url)?.url ?? '');
    }
    await this.counts.apply(
      em,
      [],
      drafts.map((d, i) => countedOf(publications[i]!, d.category)),
    );
    await syncNewMediaFreshness(
      em,
      drafts.map((d) => d.channel.id),
    );
    return publications;
  }

  /** Corrects an item; moving it to another department, date or category moves its count in the same transaction. */
  async updatePublication(input: UpdatePublicationInput): Promise<Publication> {
    if (!isWriter(this.viewer)) throw new OutOfScopeError('信息发布记录');
    return this.em.transactional(async (em) => {
      const catalogue = new CatalogueService(em);
      const publication = await this.lockPublication(em, input.id, input.version);
      const oldDepartment = (await publication.department.load())!;
      const oldCategory = (await publication.category.load())!;
      const before = countedOf(publication, oldCategory);

      const department = input.departmentId != null ? await this.getWritableDepartment(em, input.departmentId) : oldDepartment;
      if (department.pathIds[0] !== publication.organization.id) throw new OrganizationChangeError();
      const category = input.categoryId != null ? await catalogue.getCategory(input.categoryId) : oldCategory;
      const channel = input.channelId != null ? await catalogue.getChannel(input.channelId) : (await publication.channel.load())!;
      const { task, workPoint } = await this.resolveLinks(em, department, {
        taskId: input.taskId !== undefined ? input.taskId : (publication.task?.id ?? null),
        workPointId: input.workPointId !== undefined ? input.workPointId : (publication.workPoint?.id ?? null),
      });
      const draft: PublicationDraft = {
        department,
        title: input.title != null ? input.title.trim() : publication.title,
        category,
        channel,
        publishedOn: input.publishedOn ?? publication.publishedOn,
        url: input.url != null ? input.url.trim() : publication.url,
        summary: input.summary !== undefined ? input.summary?.trim() || null : (publication.summary ?? null),
        interpretationForm: input.interpretationForm !== undefined ? input.interpretationForm : (publication.interpretationForm ?? null),
        task,
        workPoint,
      };
      const [problem] = checkPublicationDraft(draft, this.today(), {
        category: category.id !== oldCategory.id,
        channel: channel.id !== publication.channel.id,
      });
      if (problem) throw problem;
      if (canonicalUrl(draft.url) !== publication.canonicalUrl) await this.assertUrlFree(em, publication.organization.id, draft.url, publication.id);

      const linkedPoint = draft.workPoint ?? (draft.task ? await draft.task.workPoint.load() : null);
      publication.department = ref(draft.department);
      publication.title = draft.title;
      publication.category = ref(draft.category);
      const oldChannelId = publication.channel.id;
      publication.channel = ref(draft.channel);
      publication.publishedOn = draft.publishedOn;
      publication.url = draft.url;
      publication.canonicalUrl = canonicalUrl(draft.url);
      publication.summary = draft.summary;
      publication.interpretationForm = draft.interpretationForm;
      publication.task = draft.task ? ref(draft.task) : null;
      publication.workPoint = linkedPoint ? ref(linkedPoint) : null;
      try {
        await em.flush();
      } catch (e) {
        throw publicationConflict(e, draft.url);
      }
      await this.counts.apply(em, [before], [countedOf(publication, category)]);
      await syncNewMediaFreshness(em, [oldChannelId, draft.channel.id]);
      return publication;
    });
  }

  /** Deletes an item (recorded by mistake); it stops counting in the same transaction. Returns its id. */
  async deletePublication(id: string, version: number): Promise<string> {
    if (!isWriter(this.viewer)) throw new OutOfScopeError('信息发布记录');
    return this.em.transactional(async (em) => {
      const publication = await this.lockPublication(em, id, version);
      const category = (await publication.category.load())!;
      const before = countedOf(publication, category);
      const removedId = String(publication.id);
      const channelId = publication.channel.id;
      em.remove(publication);
      await em.flush();
      await this.counts.apply(em, [before], []);
      await syncNewMediaFreshness(em, [channelId]);
      return removedId;
    });
  }

  /** Row-locked, in scope, at the version the caller read. */
  private async lockPublication(em: EntityManager, id: string, version: number): Promise<Publication> {
    const publication = await em.findOne(Publication, { id: parseId(id, (v) => new PublicationNotFoundError(v)) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!publication) throw new PublicationNotFoundError(id);
    if (!canSeeDepartment(this.viewer, (await publication.department.load())!)) throw new OutOfScopeError('信息发布记录');
    if (publication.version !== version) throw new StaleVersionError('信息发布记录', version, publication.version);
    return publication;
  }

  private async getWritableDepartment(em: EntityManager, id: string): Promise<Department> {
    const department = await new DepartmentService(em).getVisibleDepartment(this.viewer, id, '信息发布记录');
    return department;
  }

  /** The task (in scope) and work point (of the same organisation) an item fulfils. */
  private async resolveLinks(
    em: EntityManager,
    department: Department,
    ids: { taskId: string | number | null; workPointId: string | number | null },
  ): Promise<{ task: Task | null; workPoint: WorkPoint | null }> {
    let task: Task | null = null;
    if (ids.taskId != null) {
      task = await new TaskService(em, this.viewer).findTask(ids.taskId);
      if (!task) throw new TaskNotFoundError(ids.taskId);
    }
    let workPoint: WorkPoint | null = null;
    if (ids.workPointId != null) {
      workPoint = await em.findOne(WorkPoint, { id: parseId(ids.workPointId, (v) => new WorkPointNotFoundError(v)) }, { populate: ['plan'] });
      if (!workPoint) throw new WorkPointNotFoundError(ids.workPointId);
      if (workPoint.plan.getEntity().organization.id !== department.pathIds[0]) {
        throw new TaskLinkMismatchError('所关联的工作要点属于其他机关的计划');
      }
    }
    return { task, workPoint };
  }

  /** The same page (canonical address, canonical-url.ts) is recorded once per organisation — also within one batch. */
  private async assertUrlsFree(em: EntityManager, organizationId: number, urls: string[]): Promise<void> {
    const canonical = urls.map(canonicalUrl);
    const seen = new Set<string>();
    canonical.forEach((c, i) => {
      if (seen.has(c)) throw new DuplicatePublicationUrlError(urls[i]!, null);
      seen.add(c);
    });
    const [existing] = await em.find(
      Publication,
      { organization: organizationId, canonicalUrl: { $in: canonical } },
      { fields: ['id', 'url', 'canonicalUrl'], limit: 1 },
    );
    if (existing) throw new DuplicatePublicationUrlError(urls[canonical.indexOf(existing.canonicalUrl)] ?? existing.url, existing.id, existing.url);
  }

  private async assertUrlFree(em: EntityManager, organizationId: number, url: string, exceptId: number | null): Promise<void> {
    const where = { organization: organizationId, canonicalUrl: canonicalUrl(url), ...(exceptId ? { id: { $ne: exceptId } } : {}) };
    const existing = await em.findOne(Publication, where, { fields: ['id', 'url'] });
    if (existing) throw new DuplicatePublicationUrlError(url, existing.id, existing.url);
  }
}
