import type { EntityManager } from '@mikro-orm/postgresql';
import { ANONYMOUS, assertAdmin, type Viewer } from '../auth/viewer.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentKind } from '../departments/department-kind.js';
import { DepartmentService } from '../departments/department.service.js';
import { IndexNumberSetting } from './index-number.entity.js';
import { checkIndexTemplate, DEFAULT_INDEX_RESET, defaultIndexTemplate, formatIndexNumber, parseIndexTemplate, sequencePeriodKey } from './index-number.js';
import type { IndexNumberReset } from './publication-enums.js';
import { InvalidIndexTemplateError, NotAnOrganizationError } from './publication.errors.js';
import type { IndexNumberPreviewInput, SetIndexNumberTemplateInput } from './publication.inputs.js';

/** What indexNumberPreview answers. */
export interface IndexNumberPreview {
  indexNumber: string;
  publishedOn: string;
  template: string;
  reset: IndexNumberReset;
}

/** The template in force for an organisation: its own, or the default. */
export interface IndexNumberSettings {
  organization: Department;
  template: string;
  reset: IndexNumberReset;
  isDefault: boolean;
}

/** Gives up looking for a free number after this many taken ones (a template change gone wrong). */
const MAX_SKIPS = 10_000;

export class IndexNumberService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer?: Viewer,
  ) {}

  async getSettings(organizationId: string | number): Promise<IndexNumberSettings> {
    const organization = await this.getOrganization(organizationId);
    return settingsOf(this.em, organization);
  }

  /** Sets the template and reset rule; numbers already given never change. */
  async setTemplate(input: SetIndexNumberTemplateInput): Promise<IndexNumberSettings> {
    assertAdmin(this.viewer ?? ANONYMOUS, 'setIndexNumberTemplate');
    return this.em.transactional(async (em) => {
      const organization = await new IndexNumberService(em).getOrganization(input.organizationId);
      const template = input.template.trim();
      const problem = checkIndexTemplate(template, input.reset, organization);
      if (problem) throw new InvalidIndexTemplateError(problem);
      const setting = await em.findOne(IndexNumberSetting, { organization });
      if (setting) {
        setting.template = template;
        setting.reset = input.reset;
      } else {
        em.create(IndexNumberSetting, { organization, template, reset: input.reset });
      }
      await em.flush();
      return { organization, template, reset: input.reset, isDefault: false };
    });
  }

  /** The number the next item dated `date` would get (nothing is allocated). */
  async previewNext(settings: IndexNumberSettings, date: string): Promise<string> {
    return previewIndexNumber(this.em, settings, date);
  }

  /**
   * A template being edited, tried out: checked as setIndexNumberTemplate would check it, and the
   * number the next item dated `date` would get under it. Reads only.
   */
  async previewTemplate(input: IndexNumberPreviewInput, today: string): Promise<IndexNumberPreview> {
    assertAdmin(this.viewer ?? ANONYMOUS, 'indexNumberPreview');
    const organization = await this.getOrganization(input.organizationId);
    const template = input.template.trim();
    const problem = checkIndexTemplate(template, input.reset, organization);
    if (problem) throw new InvalidIndexTemplateError(problem);
    const date = input.publishedOn ?? today;
    const settings: IndexNumberSettings = { organization, template, reset: input.reset, isDefault: false };
    return { indexNumber: await previewIndexNumber(this.em, settings, date), publishedOn: date, template, reset: input.reset };
  }

  private async getOrganization(id: string | number): Promise<Department> {
    const organization = await new DepartmentService(this.em).getDepartment(id);
    if (organization.kind !== DepartmentKind.ORGANIZATION) throw new NotAnOrganizationError(organization.name);
    return organization;
  }
}

async function settingsOf(em: EntityManager, organization: Department): Promise<IndexNumberSettings> {
  const setting = await em.findOne(IndexNumberSetting, { organization });
  return setting
    ? { organization, template: setting.template, reset: setting.reset, isDefault: false }
    : { organization, template: defaultIndexTemplate(organization), reset: DEFAULT_INDEX_RESET, isDefault: true };
}

/** Where the sequence numbers come from: the allocating upsert, or a read that reserves nothing. */
interface SequenceSource {
  /** The last of `n` numbers drawn from the sequence of `periodKey`. */
  next(periodKey: string, n: number): Promise<number>;
}

/** Draws numbers for real: one upsert per call (`value = value + n returning value`). */
function allocatingSequence(em: EntityManager, organizationId: number): SequenceSource {
  return {
    async next(periodKey, n) {
      const [row] = await em.execute<{ value: number }[]>(
        `insert into index_sequence as s (organization_id, period_key, value) values (?, ?, ?)
         on conflict (organization_id, period_key) do update set value = s.value + excluded.value
         returning value`,
        [organizationId, periodKey, n],
      );
      return row!.value;
    },
  };
}

/** Reads the sequence and counts on from it in memory: what allocation would give, with nothing written. */
function peekingSequence(em: EntityManager, organizationId: number): SequenceSource {
  const drawn = new Map<string, number>();
  return {
    async next(periodKey, n) {
      let value = drawn.get(periodKey);
      if (value === undefined) {
        const [row] = await em.execute<{ value: number }[]>('select value from index_sequence where organization_id = ? and period_key = ?', [
          organizationId,
          periodKey,
        ]);
        value = row?.value ?? 0;
      }
      value += n;
      drawn.set(periodKey, value);
      return value;
    },
  };
}

/**
 * Allocates one 索引号 per date, in the caller's transaction: one upsert per sequence period
 * (`value = value + n returning value`), so concurrent callers queue on the sequence row and
 * never share a number; a rollback gives the numbers back. Numbers taken already (after a
 * template change, or kept from an imported ledger) are skipped.
 */
export async function allocateIndexNumbers(
  em: EntityManager,
  organization: Department,
  dates: readonly string[],
  /** Numbers about to be written as given (an imported ledger's own): skipped too. */
  reserved: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  if (!dates.length) return [];
  const settings = await settingsOf(em, organization);
  return numberItems(em, settings, dates, reserved, allocatingSequence(em, organization.id));
}

/**
 * The 索引号 the next item dated `date` would get under `settings` (a template being edited,
 * or the one in force), by the same code that allocates — reading the sequence instead of
 * advancing it, so nothing is consumed.
 */
export async function previewIndexNumber(em: EntityManager, settings: IndexNumberSettings, date: string): Promise<string> {
  const [number] = await numberItems(em, settings, [date], new Set(), peekingSequence(em, settings.organization.id));
  return number!;
}

/** Numbers `dates` under `settings`, drawing from `sequence`, skipping numbers already given. */
async function numberItems(
  em: EntityManager,
  settings: IndexNumberSettings,
  dates: readonly string[],
  reserved: ReadonlySet<string>,
  sequence: SequenceSource,
): Promise<string[]> {
  const organization = settings.organization;
  const parts = parseIndexTemplate(settings.template);
  if (typeof parts === 'string') throw new InvalidIndexTemplateError(parts);
  const format = (date: string, seq: number) =>
    formatIndexNumber(parts, { creditCode: organization.creditCode ?? null, orgCode: organization.code, date, seq });

  const byPeriod = new Map<string, number[]>();
  dates.forEach((date, i) => {
    const key = sequencePeriodKey(settings.reset, date);
    const indexes = byPeriod.get(key);
    if (indexes) indexes.push(i);
    else byPeriod.set(key, [i]);
  });
  const numbers: string[] = new Array(dates.length);
  // Sorted: concurrent allocators lock sequence rows in the same order.
  for (const key of [...byPeriod.keys()].sort()) {
    const indexes = byPeriod.get(key)!;
    const last = await sequence.next(key, indexes.length);
    indexes.forEach((i, k) => (numbers[i] = format(dates[i]!, last - indexes.length + 1 + k)));
  }

  const taken = new Set([
    ...reserved,
    ...(
      await em.execute<{ index_number: string }[]>('select index_number from publication where organization_id = ? and index_number in (?)', [
        organization.id,
        numbers,
      ])
    ).map((r) => r.index_number),
  ]);
  for (let i = 0; i < numbers.length; i++) {
    for (let skips = 0; taken.has(numbers[i]!); skips++) {
      if (skips > MAX_SKIPS) throw new Error(`no free 索引号 for organisation ${organization.id}`);
      const seq = await sequence.next(sequencePeriodKey(settings.reset, dates[i]!), 1);
      const candidate = format(dates[i]!, seq);
      const [row] = await em.execute<{ n: number }[]>('select count(*)::int as n from publication where organization_id = ? and index_number = ?', [
        organization.id,
        candidate,
      ]);
      if (!row?.n && !reserved.has(candidate)) numbers[i] = candidate;
    }
  }
  return numbers;
}
