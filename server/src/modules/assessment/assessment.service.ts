import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { StaleVersionError } from '../../errors.js';
import { shanghaiDate } from '../../time/calendar-date.js';
import { OutOfScopeError } from '../auth/auth.errors.js';
import { ANONYMOUS, assertAdmin, canSeeDepartment, isWriter, type Viewer } from '../auth/viewer.js';
import { RoleForbiddenError } from '../auth/auth.errors.js';
import { Role } from '../auth/role.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentKind } from '../departments/department-kind.js';
import { DepartmentService } from '../departments/department.service.js';
import { AssessmentRule, AssessmentSheetState, AssessmentSide, parseAssessmentPeriod, TimelinessScoring, type AssessmentPeriod } from './assessment-enums.js';
import { AssessmentEntry, AssessmentItemDefinition, AssessmentSet, AssessmentSheet, round2 } from './assessment.entity.js';
import {
  AssessmentSetInUseError,
  AssessmentSetNotFoundError,
  AssessmentSheetStepError,
  InvalidAssessmentSetError,
  InvalidEntryError,
  InvalidPeriodError,
  NoAssessmentSetError,
  NotAnAssessedUnitError,
  NotAnOrganizationError,
  UnknownItemError,
} from './assessment.errors.js';
import type {
  AssessmentItemInput,
  AssessmentSheetRef,
  AssessmentSheetStepInput,
  EvidenceLinkInput,
  SaveAssessmentSetInput,
  SetAssessmentEntryInput,
  SetAssessmentFindingInput,
} from './assessment.inputs.js';
import { loadUnitFacts } from './assessment-facts.js';
import type { ItemScore, UnitScore } from './assessment.types.js';
import { BONUS_CODE, competitionRanks, scoreBonus, scoreUnitItems, type ScoredItem } from './scoring.js';
import { parseId } from '../../core/ids.js';

/** What a unit's score is before ranking (also what 定稿 freezes). */
interface UnitResult {
  total: number;
  maxTotal: number;
  bonus: number;
  bonusBasis: string;
  items: ScoredItem[];
  selfTotal: number;
  differences: number;
  asOf: string;
}

export interface AssessmentSettings {
  /** The dashboard's public address, for links in the 自查报告 (null: paths only). */
  publicUrl: string | null;
}

/** A scored sheet: the unit's score (ranked among the units) and its sheet's state. */
export interface SheetContext {
  organization: Department;
  set: AssessmentSet;
  period: AssessmentPeriod;
  unit: Department;
  sheet: AssessmentSheet | null;
}

const SHEET_LOCK = LockMode.PESSIMISTIC_WRITE;

/**
 * 考核: indicator sets per organisation and period, the units' score sheets (自评 → 复核 → 定稿) and their scores,
 * computed from the data as of a date (scoring.ts has the rules). Units are the organisation's direct children;
 * a unit's data is its whole subtree's.
 */
export class AssessmentService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer = ANONYMOUS,
    private readonly settings: AssessmentSettings = { publicUrl: null },
  ) {}

  // ---- reading -------------------------------------------------------------------------------------------

  async sets(organizationId: string): Promise<AssessmentSet[]> {
    const organization = await this.organization(organizationId);
    return this.em.find(AssessmentSet, { organization: organization.id }, { orderBy: { period: 'desc' } });
  }

  async findSet(organizationId: string, periodText: string): Promise<AssessmentSet | null> {
    const organization = await this.organization(organizationId);
    return this.em.findOne(AssessmentSet, { organization: organization.id, period: this.period(periodText).key });
  }

  /** Every unit's score and rank, as of `asOf` (default: today, or the period's last day once it is over). */
  async scores(organizationId: string, periodText: string, asOf?: string | null): Promise<UnitScore[]> {
    const organization = await this.organization(organizationId);
    const period = this.period(periodText);
    const set = await this.requireSet(organization, period);
    return this.rankedScores(organization, set, period, this.asOfDate(period, asOf));
  }

  /** One unit's sheet: its ranked score, entries and state. */
  async sheet(ref: AssessmentSheetRef): Promise<{ context: SheetContext; score: UnitScore; entries: AssessmentEntry[] }> {
    const context = await this.sheetContext(ref);
    if (!canSeeDepartment(this.viewer, context.unit)) throw new OutOfScopeError('该单位的评分表');
    const scores = await this.rankedScores(context.organization, context.set, context.period, this.asOfDate(context.period, null));
    const score = scores.find((s) => s.department.id === context.unit.id)!;
    const entries = context.sheet ? await this.em.find(AssessmentEntry, { sheet: context.sheet.id }, { orderBy: { itemCode: 'asc', side: 'asc' } }) : [];
    return { context, score, entries };
  }

  private async rankedScores(organization: Department, set: AssessmentSet, period: AssessmentPeriod, asOf: string): Promise<UnitScore[]> {
    const units = await this.units(organization);
    const sheets = new Map((await this.em.find(AssessmentSheet, { set: set.id })).map((s) => [s.department.id, s]));
    const live = units.filter((u) => sheets.get(u.id)?.state !== AssessmentSheetState.FINAL || !sheets.get(u.id)?.snapshot);
    const facts = live.length
      ? await loadUnitFacts(this.em, { organization, unitIds: live.map((u) => u.id), setId: set.id, items: set.items, period, asOf, today: shanghaiDate() })
      : new Map();
    const results = units.map((unit): { unit: Department; result: UnitResult; frozen: boolean; state: AssessmentSheetState } => {
      const sheet = sheets.get(unit.id);
      const state = sheet?.state ?? AssessmentSheetState.SELF_ASSESSING;
      if (state === AssessmentSheetState.FINAL && sheet?.snapshot) return { unit, result: sheet.snapshot as UnitResult, frozen: true, state };
      const unitFacts = facts.get(unit.id)!;
      const items = scoreUnitItems(set.items, unitFacts, {
        period,
        asOf,
        publicationsLink: (from, to) => `/admin/publications?department=${unit.id}&from=${from}&to=${to}`,
      });
      const bonus = scoreBonus(set.bonusCap, unitFacts.review.get(BONUS_CODE) ?? null, unitFacts.self.get(BONUS_CODE) ?? null);
      const selfBonus = set.bonusCap > 0 ? Math.min(set.bonusCap, unitFacts.self.get(BONUS_CODE)?.points ?? bonus.points) : 0;
      const total = round2(items.reduce((s, i) => s + i.points, 0) + bonus.points);
      const selfTotal = round2(items.reduce((s, i) => s + (i.selfPoints ?? i.points), 0) + selfBonus);
      return {
        unit,
        result: {
          total,
          maxTotal: set.maxTotal,
          bonus: bonus.points,
          bonusBasis: bonus.basis,
          items,
          selfTotal,
          differences: items.filter((i) => i.differs).length,
          asOf,
        },
        frozen: false,
        state,
      };
    });
    const ranks = competitionRanks(results.map((r) => r.result.total));
    const itemRanks = set.items.map((_, index) => competitionRanks(results.map((r) => r.result.items[index]?.rankKey ?? 0)));
    return results.map((r, i): UnitScore => {
      const visible = canSeeDepartment(this.viewer, r.unit);
      return {
        department: r.unit,
        total: r.result.total,
        rank: ranks[i]!,
        maxTotal: r.result.maxTotal,
        bonus: r.result.bonus,
        bonusBasis: visible ? r.result.bonusBasis : '',
        items: visible ? r.result.items.map((item, index): ItemScore => ({ ...item, itemRank: itemRanks[index]?.[i] ?? 0 })) : [],
        state: r.state,
        selfTotal: r.result.selfTotal,
        differences: r.result.differences,
        frozen: r.frozen,
        asOf: r.result.asOf,
      };
    });
  }

  // ---- indicator sets -----------------------------------------------------------------------------------

  async saveSet(input: SaveAssessmentSetInput): Promise<AssessmentSet> {
    assertAdmin(this.viewer, 'saveAssessmentSet');
    return this.em.transactional(async (em) => {
      const organization = await new AssessmentService(em, this.viewer).organization(input.organizationId);
      const period = this.period(input.period);
      const items = validateItems(input.items);
      const bonusTitle = input.bonusTitle?.trim() || null;
      const bonusCap = input.bonusCap ?? 0;
      if (bonusCap > 0 && !bonusTitle) throw new InvalidAssessmentSetError('设置了加分上限，请填写加分项内容', 'bonusTitle');
      let set = await em.findOne(AssessmentSet, { organization: organization.id, period: period.key }, { lockMode: SHEET_LOCK });
      if (set) {
        if (input.version != null && input.version !== set.version) throw new StaleVersionError('考核指标体系', input.version, set.version);
        await assertNoFinalSheets(em, set);
        const kept = new Set(items.map((i) => i.code));
        const stale = await em.find(AssessmentEntry, { sheet: { set: set.id } });
        for (const e of stale) if (e.itemCode !== BONUS_CODE && !kept.has(e.itemCode)) em.remove(e);
        em.assign(set, { title: input.title.trim(), items, bonusTitle, bonusCap });
      } else {
        set = em.create(AssessmentSet, { organization, period: period.key, title: input.title.trim(), items, bonusTitle, bonusCap });
      }
      await em.flush();
      return set;
    });
  }

  /** A copy of a set for another period of the same organisation (e.g. the year's list for a half). */
  async copySet(id: string, periodText: string): Promise<AssessmentSet> {
    assertAdmin(this.viewer, 'copyAssessmentSet');
    return this.em.transactional(async (em) => {
      const from = await em.findOne(AssessmentSet, { id: parseId(id, (v) => new AssessmentSetNotFoundError(String(v))) });
      if (!from) throw new AssessmentSetNotFoundError(id);
      const period = this.period(periodText);
      if (await em.count(AssessmentSet, { organization: from.organization.id, period: period.key }))
        throw new InvalidAssessmentSetError(`${period.label}已有考核指标体系`, 'period');
      const fromPeriod = parseAssessmentPeriod(from.period)!;
      const set = em.create(AssessmentSet, {
        organization: from.organization,
        period: period.key,
        title: from.title.split(fromPeriod.label).join(period.label),
        items: structuredClone(from.items),
        bonusTitle: from.bonusTitle,
        bonusCap: from.bonusCap,
      });
      await em.flush();
      return set;
    });
  }

  async deleteSet(id: string): Promise<boolean> {
    assertAdmin(this.viewer, 'deleteAssessmentSet');
    return this.em.transactional(async (em) => {
      const set = await em.findOne(AssessmentSet, { id: parseId(id, (v) => new AssessmentSetNotFoundError(String(v))) }, { lockMode: SHEET_LOCK });
      if (!set) throw new AssessmentSetNotFoundError(id);
      await assertNoFinalSheets(em, set);
      await em.nativeDelete(AssessmentEntry, { sheet: { set: set.id } });
      await em.nativeDelete(AssessmentSheet, { set: set.id });
      em.remove(set);
      await em.flush();
      return true;
    });
  }

  // ---- sheets ---------------------------------------------------------------------------------------------

  async setEntry(input: SetAssessmentEntryInput): Promise<AssessmentEntry> {
    return this.em.transactional(async (em) => {
      const service = new AssessmentService(em, this.viewer, this.settings);
      const context = await service.sheetContext(input);
      const sheet = await service.lockedSheet(context);
      const isBonus = input.itemCode === BONUS_CODE;
      const item = isBonus ? null : context.set.items.find((i) => i.code === input.itemCode);
      if (!isBonus && !item) throw new UnknownItemError(input.itemCode);
      if (isBonus && !(context.set.bonusCap > 0)) throw new UnknownItemError(input.itemCode);
      const reason = input.reason?.trim() ?? '';
      if (input.side === AssessmentSide.REVIEW) {
        assertAdmin(this.viewer, 'setAssessmentEntry(REVIEW)');
        if (sheet.state === AssessmentSheetState.FINAL) throw new AssessmentSheetStepError('复核评分', sheet.state);
        if (item && AUTOMATIC.has(item.rule))
          throw new InvalidEntryError('该指标由系统根据数据计算，复核不能改分；如数据有误，请更正登记的数据', 'AUTOMATIC_ITEM', 'itemCode');
        if (!reason) throw new InvalidEntryError('复核评分须填写理由（扣分或加分的依据）', 'REASON_REQUIRED', 'reason');
      } else {
        service.assertUnitWriter(context.unit);
        if (sheet.state !== AssessmentSheetState.SELF_ASSESSING) throw new AssessmentSheetStepError('修改自评', sheet.state);
      }
      const values = entryValues(input, item, context.set);
      let entry = await em.findOne(AssessmentEntry, { sheet: sheet.id, itemCode: input.itemCode, side: input.side });
      const evidence = validEvidence(input.evidence ?? []);
      if (entry) em.assign(entry, { ...values, reason, evidence, enteredBy: this.viewer.name });
      else entry = em.create(AssessmentEntry, { sheet, itemCode: input.itemCode, side: input.side, ...values, reason, evidence, enteredBy: this.viewer.name });
      await em.flush();
      return entry;
    });
  }

  async setFinding(input: SetAssessmentFindingInput): Promise<boolean> {
    return this.em.transactional(async (em) => {
      const service = new AssessmentService(em, this.viewer, this.settings);
      const context = await service.sheetContext(input);
      service.assertUnitWriter(context.unit);
      const sheet = await service.lockedSheet(context);
      if (sheet.state !== AssessmentSheetState.SELF_ASSESSING) throw new AssessmentSheetStepError('修改自查情况', sheet.state);
      if (input.itemCode !== BONUS_CODE && !context.set.items.some((i) => i.code === input.itemCode)) throw new UnknownItemError(input.itemCode);
      const findings = { ...sheet.findings };
      const text = input.finding.trim();
      if (text) findings[input.itemCode] = text;
      else delete findings[input.itemCode];
      sheet.findings = findings;
      await em.flush();
      return true;
    });
  }

  /** 自评 done: the unit submits its sheet for 复核 (科室负责人 or the office). */
  async submit(ref: AssessmentSheetStepInput): Promise<AssessmentSheet> {
    return this.step(ref, async (sheet, context) => {
      this.assertUnitWriter(context.unit);
      if (this.viewer.role === Role.LIAISON) throw new RoleForbiddenError('submitAssessmentSheet');
      if (sheet.state !== AssessmentSheetState.SELF_ASSESSING) throw new AssessmentSheetStepError('提交复核', sheet.state);
      sheet.state = AssessmentSheetState.REVIEWING;
      sheet.submittedAt = new Date();
      sheet.submittedBy = this.viewer.name;
      sheet.returnedReason = null;
    });
  }

  /** The office returns a submitted sheet to the unit (with what to change). */
  async returnSheet(ref: AssessmentSheetStepInput): Promise<AssessmentSheet> {
    return this.step(ref, async (sheet) => {
      assertAdmin(this.viewer, 'returnAssessmentSheet');
      if (sheet.state !== AssessmentSheetState.REVIEWING) throw new AssessmentSheetStepError('退回', sheet.state);
      sheet.state = AssessmentSheetState.SELF_ASSESSING;
      sheet.returnedReason = requireReason(ref.reason, '请说明退回原因');
    });
  }

  /** 定稿: the score is frozen as it stands today. */
  async finalize(ref: AssessmentSheetStepInput): Promise<AssessmentSheet> {
    return this.step(ref, async (sheet, context, em) => {
      assertAdmin(this.viewer, 'finalizeAssessmentSheet');
      if (sheet.state === AssessmentSheetState.FINAL) throw new AssessmentSheetStepError('定稿', sheet.state);
      const service = new AssessmentService(em, this.viewer, this.settings);
      const scores = await service.rankedScores(context.organization, context.set, context.period, service.asOfDate(context.period, null));
      const own = scores.find((s) => s.department.id === context.unit.id)!;
      const snapshot: UnitResult = {
        total: own.total,
        maxTotal: own.maxTotal,
        bonus: own.bonus,
        bonusBasis: own.bonusBasis,
        items: own.items.map(({ itemRank: _rank, ...rest }) => rest),
        selfTotal: own.selfTotal,
        differences: own.differences,
        asOf: own.asOf,
      };
      sheet.snapshot = snapshot;
      sheet.state = AssessmentSheetState.FINAL;
      sheet.finalizedAt = new Date();
      sheet.finalizedBy = this.viewer.name;
    });
  }

  /** The office reopens a final sheet (the score moves with the data again). */
  async reopen(ref: AssessmentSheetStepInput): Promise<AssessmentSheet> {
    return this.step(ref, async (sheet) => {
      assertAdmin(this.viewer, 'reopenAssessmentSheet');
      if (sheet.state !== AssessmentSheetState.FINAL) throw new AssessmentSheetStepError('重新打开', sheet.state);
      sheet.returnedReason = requireReason(ref.reason, '请说明重新打开的原因');
      sheet.state = AssessmentSheetState.REVIEWING;
      sheet.snapshot = null;
      sheet.finalizedAt = null;
      sheet.finalizedBy = null;
    });
  }

  private async step(
    ref: AssessmentSheetStepInput,
    change: (sheet: AssessmentSheet, context: SheetContext, em: EntityManager) => Promise<void>,
  ): Promise<AssessmentSheet> {
    return this.em.transactional(async (em) => {
      const service = new AssessmentService(em, this.viewer, this.settings);
      const context = await service.sheetContext(ref);
      if (!canSeeDepartment(this.viewer, context.unit)) throw new OutOfScopeError('该单位的评分表');
      const sheet = await service.lockedSheet(context);
      await change(sheet, context, em);
      await em.flush();
      return sheet;
    });
  }

  // ---- helpers --------------------------------------------------------------------------------------------

  async sheetContext(ref: AssessmentSheetRef): Promise<SheetContext> {
    const organization = await this.organization(ref.organizationId);
    const period = this.period(ref.period);
    const set = await this.requireSet(organization, period);
    const unit = await new DepartmentService(this.em).getDepartment(ref.departmentId);
    if (unit.parent?.id !== organization.id) throw new NotAnAssessedUnitError(unit.name, organization.name);
    const sheet = await this.em.findOne(AssessmentSheet, { set: set.id, department: unit.id });
    return { organization, set, period, unit, sheet };
  }

  /** The unit's sheet, created when first written, locked for the rest of the transaction. */
  private async lockedSheet(context: SheetContext): Promise<AssessmentSheet> {
    await this.em.execute(
      `insert into assessment_sheet (set_id, department_id, state, findings, version) values (?, ?, 'SELF_ASSESSING', '{}', 1) on conflict do nothing`,
      [context.set.id, context.unit.id],
    );
    return this.em.findOneOrFail(AssessmentSheet, { set: context.set.id, department: context.unit.id }, { lockMode: SHEET_LOCK, refresh: true });
  }

  private assertUnitWriter(unit: Department): void {
    if (!isWriter(this.viewer)) throw new RoleForbiddenError('assessment');
    if (!canSeeDepartment(this.viewer, unit)) throw new OutOfScopeError('该单位的评分表');
  }

  async organization(id: string): Promise<Department> {
    const organization = await new DepartmentService(this.em).getDepartment(id);
    if (organization.kind !== DepartmentKind.ORGANIZATION) throw new NotAnOrganizationError(organization.name);
    return organization;
  }

  async units(organization: Department): Promise<Department[]> {
    return this.em.find(Department, { parent: organization.id }, { orderBy: { sortOrder: 'asc', id: 'asc' } });
  }

  private period(text: string): AssessmentPeriod {
    const period = parseAssessmentPeriod(text);
    if (!period) throw new InvalidPeriodError(text);
    return period;
  }

  private async requireSet(organization: Department, period: AssessmentPeriod): Promise<AssessmentSet> {
    const set = await this.em.findOne(AssessmentSet, { organization: organization.id, period: period.key });
    if (!set) throw new NoAssessmentSetError(organization.name, period.label);
    return set;
  }

  /** As of the given date (not after today), else today, or the period's last day once it is over. */
  asOfDate(period: AssessmentPeriod, asOf: string | null | undefined): string {
    const today = shanghaiDate();
    const wanted = asOf ?? today;
    const capped = wanted > today ? today : wanted;
    return capped > period.to ? period.to : capped;
  }
}

const AUTOMATIC: ReadonlySet<AssessmentRule> = new Set([
  AssessmentRule.PUBLICATION_QUOTA,
  AssessmentRule.NEW_MEDIA_FRESHNESS,
  AssessmentRule.DEADLINES_ON_TIME,
]);

async function assertNoFinalSheets(em: EntityManager, set: AssessmentSet): Promise<void> {
  const final = await em.count(AssessmentSheet, { set: set.id, state: AssessmentSheetState.FINAL });
  if (final) throw new AssessmentSetInUseError(final);
}

function requireReason(value: string | null | undefined, message: string): string {
  const text = value?.trim() ?? '';
  if (!text) throw new InvalidEntryError(message, 'REASON_REQUIRED', 'reason');
  return text;
}

function validEvidence(links: EvidenceLinkInput[]): { title: string; url: string }[] {
  return links.map((l, i) => {
    const url = l.url.trim();
    const ok = /^https?:\/\/[^\s]+$/i.test(url) || (/^\/[^/\\]/.test(url) && !/\s/.test(url));
    if (!ok) throw new InvalidEntryError('佐证材料链接须为 http(s) 网址或本系统内的路径（以 / 开头）', 'INVALID_EVIDENCE_URL', `evidence.${i}.url`);
    return { title: l.title.trim(), url };
  });
}

/** The values an entry may carry for its item's rule (the rest refused or dropped). */
function entryValues(
  input: SetAssessmentEntryInput,
  item: AssessmentItemDefinition | null | undefined,
  set: AssessmentSet,
): { points: number | null; occurrences: Record<string, number>; vetoed: boolean } {
  const max = item ? item.maxPoints : set.bonusCap;
  const points = input.points ?? null;
  if (points != null && points > max) throw new InvalidEntryError(`得分不能超过${item ? '本项满分' : '加分上限'}${max}分`, 'POINTS_OUT_OF_RANGE', 'points');
  if (!item || item.rule === AssessmentRule.MANUAL) {
    if (points == null) throw new InvalidEntryError('请填写得分', 'POINTS_REQUIRED', 'points');
    return { points, occurrences: {}, vetoed: false };
  }
  if (item.rule === AssessmentRule.OCCURRENCES) {
    const occurrences: Record<string, number> = {};
    for (const [i, o] of (input.occurrences ?? []).entries()) {
      if (!item.occurrenceKinds.some((k) => k.label === o.label))
        throw new InvalidEntryError(`本项没有“${o.label}”这一扣分情形`, 'UNKNOWN_OCCURRENCE', `occurrences.${i}.label`);
      if (o.count > 0) occurrences[o.label] = (occurrences[o.label] ?? 0) + o.count;
    }
    return { points: input.side === AssessmentSide.SELF ? points : null, occurrences, vetoed: false };
  }
  if (item.rule === AssessmentRule.VETO) {
    if (input.vetoed == null) throw new InvalidEntryError('请选择是否单项否决', 'VETO_REQUIRED', 'vetoed');
    return { points: null, occurrences: {}, vetoed: input.vetoed };
  }
  // An automatic item: the unit may state the points it thinks it earned (shown beside the computed ones).
  return { points, occurrences: {}, vetoed: false };
}

/** Checks a set's items as a whole (codes, each rule's figures, veto targets) and returns them as stored. */
export function validateItems(inputs: readonly AssessmentItemInput[]): AssessmentItemDefinition[] {
  const codes = new Set<string>();
  const items = inputs.map((input, i): AssessmentItemDefinition => {
    const field = (name: string) => `items.${i}.${name}`;
    const code = input.code.trim();
    if (code === BONUS_CODE) throw new InvalidAssessmentSetError(`“${BONUS_CODE}”为加分项保留，请换一个序号`, field('code'));
    if (codes.has(code)) throw new InvalidAssessmentSetError(`指标序号“${code}”重复`, field('code'));
    codes.add(code);
    const item = Object.assign(new AssessmentItemDefinition(), {
      code,
      group: input.group.trim(),
      title: input.title.trim(),
      requirement: input.requirement?.trim() ?? '',
      maxPoints: input.maxPoints,
      rule: input.rule,
      perQuarter: input.perQuarter ?? null,
      perYear: input.perYear ?? null,
      deadlineKinds: [...new Set(input.deadlineKinds ?? [])],
      scoring: input.scoring ?? null,
      deduction: input.deduction ?? null,
      cap: input.cap ?? null,
      zeroAfterDays: input.zeroAfterDays ?? null,
      occurrenceKinds: (input.occurrenceKinds ?? []).map((k) => ({ label: k.label.trim(), amount: k.amount })),
      vetoes: [...new Set((input.vetoes ?? []).map((c) => c.trim()))],
      idleDays: input.idleDays ?? null,
      minCases: input.minCases ?? null,
    });
    switch (item.rule) {
      case AssessmentRule.PUBLICATION_QUOTA:
        if (!item.perQuarter && !item.perYear) throw new InvalidAssessmentSetError(`第${code}项：请填写每季度或年度发布数量`, field('perQuarter'));
        break;
      case AssessmentRule.DEADLINES_ON_TIME:
        if (!item.deadlineKinds.length) throw new InvalidAssessmentSetError(`第${code}项：请选择计入的事项类别`, field('deadlineKinds'));
        if (item.scoring === TimelinessScoring.PER_LATE && !item.deduction)
          throw new InvalidAssessmentSetError(`第${code}项：逾期按件扣分须填写每件扣分`, field('deduction'));
        break;
      case AssessmentRule.OCCURRENCES: {
        if (!item.occurrenceKinds.length) throw new InvalidAssessmentSetError(`第${code}项：请填写扣分情形及每次扣分`, field('occurrenceKinds'));
        const labels = item.occurrenceKinds.map((k) => k.label);
        if (new Set(labels).size !== labels.length) throw new InvalidAssessmentSetError(`第${code}项：扣分情形重复`, field('occurrenceKinds'));
        break;
      }
      case AssessmentRule.VETO:
        if (item.maxPoints !== 0) throw new InvalidAssessmentSetError(`第${code}项为单项否决，分值须为0`, field('maxPoints'));
        if (!item.vetoes.length) throw new InvalidAssessmentSetError(`第${code}项：请选择否决的指标`, field('vetoes'));
        break;
      default:
        break;
    }
    return item;
  });
  for (const [i, item] of items.entries()) {
    for (const target of item.vetoes) {
      const found = items.find((t) => t.code === target);
      if (!found || found === item || found.rule === AssessmentRule.VETO)
        throw new InvalidAssessmentSetError(`第${item.code}项否决的第“${target}”项不存在或不能被否决`, `items.${i}.vetoes`);
    }
  }
  return items;
}
