import { LockMode, ref } from '@mikro-orm/core';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { StaleVersionError } from '../../errors.js';
import { parseId } from '../../core/ids.js';
import { ANONYMOUS, assertAdmin, type Viewer } from '../auth/viewer.js';
import { DepartmentService } from '../departments/department.service.js';
import { paginate, type Connection, type PageArgs } from '../../core/pagination.js';
import { syncNewMediaFreshness } from '../deadlines/new-media-freshness.js';
import { Quota } from '../quotas/quota.entity.js';
import type {
  CreateCategoryInput,
  CreateChannelInput,
  ChannelFilter,
  ReorderCategoriesInput,
  UpdateCategoryInput,
  UpdateChannelInput,
} from './catalogue.inputs.js';
import { Category } from './category.entity.js';
import { Channel } from './channel.entity.js';
import { Publication } from './publication.entity.js';
import {
  CategoryInUseError,
  CategoryNameTakenError,
  CategoryNotFoundError,
  CategoryOrderMismatchError,
  ChannelNameTakenError,
  ChannelNotFoundError,
} from './publication.errors.js';

/** The catalogue every database starts with (reference data): the categories of the issue and the seeds. */
export const DEFAULT_CATEGORIES: { name: string; isInterpretation?: boolean }[] = [
  { name: '机构概况' },
  { name: '计划总结' },
  { name: '工作动态' },
  { name: '政策文件' },
  { name: '政策解读', isInterpretation: true },
  { name: '人事信息' },
  { name: '财政资金' },
  { name: '建议提案' },
  { name: '行政执法' },
  { name: '重点领域' },
  { name: '年报' },
  { name: '指南' },
];

/** Reference data, not demo data: seeds the catalogue into a database that has none. */
export async function seedCategoriesIfEmpty(em: EntityManager): Promise<number> {
  if (await em.count(Category, {})) return 0;
  await em.transactional(async (tx) => {
    const created = DEFAULT_CATEGORIES.map((c, i) =>
      tx.create(Category, { name: c.name, isInterpretation: c.isInterpretation ?? false, sortOrder: i, path: '' }),
    );
    await tx.flush();
    for (const c of created) c.path = `/${c.id}/`;
  });
  return DEFAULT_CATEGORIES.length;
}

/** Categories and channels: readable by every signed-in caller, changed by admins. */
export class CatalogueService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer?: Viewer,
  ) {}

  /** The catalogue tree, depth-first, siblings by sortOrder then id. */
  async listCategories(options: { includeInactive?: boolean } = {}): Promise<Category[]> {
    const rows = await this.em.find(Category, options.includeInactive === false ? { isActive: true } : {}, { orderBy: { path: 'asc' } });
    return sortTree(rows);
  }

  async findCategory(id: string | number): Promise<Category | null> {
    return this.em.findOne(Category, { id: parseId(id, (v) => new CategoryNotFoundError(v)) });
  }

  async getCategory(id: string | number): Promise<Category> {
    const found = await this.findCategory(id);
    if (!found) throw new CategoryNotFoundError(id);
    return found;
  }

  async createCategory(input: CreateCategoryInput): Promise<Category> {
    assertAdmin(this.viewer ?? ANONYMOUS, 'createCategory');
    return this.em.transactional(async (em) => {
      const service = new CatalogueService(em);
      const parent = input.parentId ? await service.getCategory(input.parentId) : null;
      const name = input.name.trim();
      if (await em.count(Category, { name })) throw new CategoryNameTakenError(name);
      const category = em.create(Category, {
        name,
        parent,
        path: '',
        sortOrder: input.sortOrder ?? 0,
        isInterpretation: input.isInterpretation ?? parent?.isInterpretation ?? false,
      });
      await em.flush();
      category.path = `${parent?.path ?? '/'}${category.id}/`;
      await em.flush();
      return category;
    });
  }

  /** Rename, reorder, retire. A category never moves: the maintained counts of its ancestors would go stale. */
  async updateCategory(input: UpdateCategoryInput): Promise<Category> {
    assertAdmin(this.viewer ?? ANONYMOUS, 'updateCategory');
    return this.em.transactional(async (em) => {
      const category = await em.findOne(Category, { id: parseId(input.id, (v) => new CategoryNotFoundError(v)) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!category) throw new CategoryNotFoundError(input.id);
      if (category.version !== input.version) throw new StaleVersionError('目录分类', input.version, category.version);
      if (input.name != null) {
        const name = input.name.trim();
        if (name !== category.name && (await em.count(Category, { name }))) throw new CategoryNameTakenError(name);
        category.name = name;
      }
      if (input.sortOrder != null) category.sortOrder = input.sortOrder;
      if (input.isActive != null) category.isActive = input.isActive;
      await em.flush();
      return category;
    });
  }

  /**
   * Deletes a category nobody uses (created by mistake). One that has items, sub-categories or a
   * quota is refused (CATEGORY_IN_USE): retire it instead, so the ledger and counts stay as they were.
   */
  async deleteCategory(id: string, version: number): Promise<string> {
    assertAdmin(this.viewer ?? ANONYMOUS, 'deleteCategory');
    return this.em.transactional(async (em) => {
      const category = await this.lockCategory(em, id, version);
      const [publications, children, quotas] = await Promise.all([
        em.count(Publication, { category: category.id }),
        em.count(Category, { parent: category.id }),
        em.count(Quota, { category: category.id }),
      ]);
      const uses = [publications && `已有 ${publications} 条信息`, children && `有 ${children} 个下级分类`, quotas && `被 ${quotas} 条发布指标引用`].filter(
        Boolean,
      );
      if (uses.length) throw new CategoryInUseError(category.name, uses.join('、'));
      const removedId = String(category.id);
      em.remove(category);
      await em.flush();
      return removedId;
    });
  }

  /** Puts the children of one parent in the given order (sortOrder 0, 1, 2 …), in one transaction. */
  async reorderCategories(input: ReorderCategoriesInput): Promise<Category[]> {
    assertAdmin(this.viewer ?? ANONYMOUS, 'reorderCategories');
    return this.em.transactional(async (em) => {
      const parent = input.parentId ? await new CatalogueService(em).getCategory(input.parentId) : null;
      const siblings = await em.find(Category, { parent: parent?.id ?? null }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } });
      const byId = new Map(siblings.map((c) => [String(c.id), c]));
      const ordered = input.orderedIds.map(String);
      // Exactly the current children, each once: a list read before someone added or removed one is stale.
      if (ordered.length !== siblings.length || new Set(ordered).size !== ordered.length || ordered.some((id) => !byId.has(id)))
        throw new CategoryOrderMismatchError();
      ordered.forEach((id, i) => {
        const category = byId.get(id)!;
        if (category.sortOrder !== i) category.sortOrder = i;
      });
      await em.flush();
      return ordered.map((id) => byId.get(id)!);
    });
  }

  private async lockCategory(em: EntityManager, id: string, version: number): Promise<Category> {
    const category = await em.findOne(Category, { id: parseId(id, (v) => new CategoryNotFoundError(v)) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!category) throw new CategoryNotFoundError(id);
    if (category.version !== version) throw new StaleVersionError('目录分类', version, category.version);
    return category;
  }

  /** The back office's channel list, a page at a time (the unpaged `channels` feeds the pickers). */
  async listChannelPage(filter: ChannelFilter, page: PageArgs): Promise<Connection<Channel>> {
    return paginate(this.em, Channel, await this.channelWhere(filter), page);
  }

  async listChannels(filter: ChannelFilter = {}): Promise<Channel[]> {
    return this.em.find(Channel, await this.channelWhere(filter), { orderBy: { kind: 'asc', name: 'asc', id: 'asc' } });
  }

  private async channelWhere(filter: ChannelFilter): Promise<FilterQuery<Channel>> {
    const where: FilterQuery<Channel>[] = [];
    if (filter.kind) where.push({ kind: filter.kind });
    if (!filter.includeInactive) where.push({ isActive: true });
    if (filter.usableById) {
      const department = await new DepartmentService(this.em).getDepartment(filter.usableById);
      where.push({ $or: [{ department: null }, { department: { $in: department.pathIds } }] });
    }
    return where.length ? { $and: where } : {};
  }

  async getChannel(id: string | number): Promise<Channel> {
    const found = await this.em.findOne(Channel, { id: parseId(id, (v) => new ChannelNotFoundError(v)) });
    if (!found) throw new ChannelNotFoundError(id);
    return found;
  }

  async createChannel(input: CreateChannelInput): Promise<Channel> {
    assertAdmin(this.viewer ?? ANONYMOUS, 'createChannel');
    return this.em.transactional(async (em) => {
      const department = input.departmentId ? await new DepartmentService(em).getDepartment(input.departmentId) : null;
      const name = input.name.trim();
      if (await em.count(Channel, { name, department })) throw new ChannelNameTakenError(name);
      const channel = em.create(Channel, { kind: input.kind, name, department, url: input.url?.trim() || null });
      await em.flush();
      // A new account's freshness clock starts now.
      await syncNewMediaFreshness(em, [channel.id]);
      return channel;
    });
  }

  async updateChannel(input: UpdateChannelInput): Promise<Channel> {
    assertAdmin(this.viewer ?? ANONYMOUS, 'updateChannel');
    return this.em.transactional(async (em) => {
      const channel = await em.findOne(Channel, { id: parseId(input.id, (v) => new ChannelNotFoundError(v)) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!channel) throw new ChannelNotFoundError(input.id);
      if (channel.version !== input.version) throw new StaleVersionError('发布渠道', input.version, channel.version);
      if (input.departmentId !== undefined) {
        const owner = input.departmentId ? await new DepartmentService(em).getDepartment(input.departmentId) : null;
        if ((owner?.id ?? null) !== (channel.department?.id ?? null)) channel.department = owner ? ref(owner) : null;
      }
      const name = input.name != null ? input.name.trim() : channel.name;
      const owner = channel.department?.id ?? null;
      // The name is unique per owner: check it when either changes.
      if ((name !== channel.name || input.departmentId !== undefined) && (await em.count(Channel, { name, department: owner, id: { $ne: channel.id } })))
        throw new ChannelNameTakenError(name);
      channel.name = name;
      if (input.url !== undefined) channel.url = input.url?.trim() || null;
      if (input.isActive != null) channel.isActive = input.isActive;
      await em.flush();
      // Closing, reopening, renaming or handing over an account moves its freshness deadline with it.
      await syncNewMediaFreshness(em, [channel.id]);
      return channel;
    });
  }
}

/** Orders a path-sorted list depth-first, siblings by sortOrder then id. */
function sortTree(rows: Category[]): Category[] {
  const byParent = new Map<number | null, Category[]>();
  const ids = new Set(rows.map((c) => c.id));
  for (const c of rows) {
    const parentId = c.parent && ids.has(c.parent.id) ? c.parent.id : null;
    byParent.set(parentId, [...(byParent.get(parentId) ?? []), c]);
  }
  const out: Category[] = [];
  const visit = (parentId: number | null) => {
    for (const c of (byParent.get(parentId) ?? []).sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id)) {
      out.push(c);
      visit(c.id);
    }
  };
  visit(null);
  return out;
}
