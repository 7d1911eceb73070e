/**
 * 考核 scoring, pure: an indicator set, a period, the as-of date and one unit's facts in; the unit's item scores out,
 * each with the facts it rests on and its basis in words. The rules (README → 考核):
 *
 * - 信息发布数量 (perQuarter Q, perYear Y): the quarters of the period begun by the as-of date count; a quarter under
 *   way counts for the share f of its calendar days gone by (as-of date included), its target ⌊Q × f⌋ whole items.
 *   points = max × (½ × mean over those quarters of min(1, count / ⌊Q × f⌋) + ½ × min(1, total / ⌊Y × Σf / 4⌋)),
 *   a target of 0 counting as met (on a quarter's first day nobody is behind yet).
 *   With only Q (or only Y) given, that half is the whole.
 * - 政务新媒体更新: points = max − min(cap, deduction × reminders to update in the period); zero when an active
 *   account went more than zeroAfterDays days without an update in the period (the day it passed that mark lies in it).
 * - 按时办理: cases = deadlines of the kinds, due in the period and either done by the as-of date or due before it;
 *   in time = done on or before the due date. RATE: max × in time / cases (no case: full). PER_LATE: max − min(cap,
 *   deduction × late).
 * - 按次扣分: max − min(cap, Σ occurrences × amount), from the office's entry (else the unit's).
 * - 人工评分: the office's points (复核, with a reason), else the unit's 自评, else full points, marked pending.
 * - 单项否决: applies when the office says so, or (idleDays) when an active account had no update in the idleDays
 *   before the as-of date; the items it names score zero. An office entry saying "not vetoed" overrides the automatic one.
 * - 加分项: the office's points (else the unit's), at most bonusCap.
 * Points are rounded to 0.01.
 */
import { DEADLINE_KIND_LABEL, type DeadlineKind } from '../deadlines/deadline-enums.js';
import { addDays, daysBetween } from '../../time/calendar-date.js';
import { quarterPeriod } from '../../time/period.js';
import { AssessmentRule, ScoreFactKind, TimelinessScoring, type AssessmentPeriod } from './assessment-enums.js';
import { round2, type AssessmentItemDefinition } from './assessment.entity.js';
import type { ItemScore, ScoreFact } from './assessment.types.js';

export const BONUS_CODE = 'BONUS';
/** Rates on fewer cases than this are marked when the item gives no minimum. */
export const DEFAULT_MIN_CASES = 5;
/** 政务新媒体: 两周未更新 when the item gives no figure. */
export const DEFAULT_ZERO_AFTER_DAYS = 14;
const QUARTER_NAME = ['一', '二', '三', '四'];
/** The planner's occasions (reminder-planner.ts) in words. */
const OCCASION_LABEL: Record<string, string> = { due: '到期提醒', overdue: '逾期提醒', 'escalate-head': '提醒分管负责人', 'escalate-office': '提醒政务公开办' };

export interface EntryFacts {
  points: number | null;
  occurrences: Record<string, number>;
  vetoed: boolean;
  reason: string;
}

export interface LateCase {
  deadlineId: number;
  kind: DeadlineKind;
  title: string;
  dueDate: string;
  /** null: still open as of the as-of date. */
  completedOn: string | null;
}

export interface AccountFacts {
  channelId: number;
  name: string;
  /** The latest update on or before the as-of date (null: none). */
  lastUpdate: string | null;
  /** When the account was registered (the clock's start before its first update). */
  openedOn: string;
  /** Consecutive updates (or registration → first update) further apart than the smallest threshold in the set. */
  gaps: { from: string; to: string }[];
}

export interface UnitFacts {
  /** Publications per quarter number (1–4) of the period's year, of the unit's whole subtree, as of the as-of date. */
  quarterCounts: Map<number, number>;
  accounts: AccountFacts[];
  /** Reminders to update a new-media account (at or after its due date), in the period up to the as-of date. */
  reminders: { deadlineId: number; channelId: number; date: string; occasion: string }[];
  /** Per deadline kind: cases counted and the late ones. */
  deadlines: Map<DeadlineKind, { total: number; late: LateCase[] }>;
  self: Map<string, EntryFacts>;
  review: Map<string, EntryFacts>;
}

export interface ScoringContext {
  period: AssessmentPeriod;
  asOf: string;
  /** Link builder for the publications of the unit in a date range (dashboard path), or none. */
  publicationsLink?: (from: string, to: string) => string | null;
}

export type ScoredItem = Omit<ItemScore, 'itemRank'>;

export function quarterRange(year: number, q: number): { from: string; to: string } {
  const { from, to } = quarterPeriod(year, q);
  return { from, to };
}

/** The period's quarters begun by the as-of date. */
export function quartersBegun(period: AssessmentPeriod, asOf: string): number[] {
  return period.quarters.filter((q) => quarterRange(period.year, q).from <= asOf);
}

/** A name in quotes, unless it carries its own (微信公众号“…”). */
const quoted = (name: string) => (/[“”「」]/.test(name) ? name : `“${name}”`);
const pct = (x: number) => `${round2(x * 100)}%`;
const fmt = (n: number) => String(round2(n));

/** Scores every item of the set for one unit (veto applied), in the set's order. */
export function scoreUnitItems(items: readonly AssessmentItemDefinition[], facts: UnitFacts, ctx: ScoringContext): ScoredItem[] {
  const scored = items.map((item) => scoreItem(item, facts, ctx));
  // 单项否决: each applying veto zeroes the items it names.
  for (const veto of scored) {
    if (veto.rule !== AssessmentRule.VETO || !veto.vetoed) continue;
    const definition = items.find((i) => i.code === veto.code)!;
    for (const target of scored) {
      if (target === veto || !definition.vetoes.includes(target.code) || target.vetoed) continue;
      target.vetoed = true;
      target.facts.push({ kind: ScoreFactKind.VETO, text: `第${veto.code}项单项否决`, points: -target.points });
      target.basis = `因第${veto.code}项“${veto.title}”单项否决，本项不得分（原得分${fmt(target.points)}分）。`;
      target.points = 0;
      target.differs = target.selfPoints != null && Math.abs(target.selfPoints - target.points) > 0.005;
      target.rankKey = 0;
    }
  }
  return scored;
}

function scoreItem(item: AssessmentItemDefinition, facts: UnitFacts, ctx: ScoringContext): ScoredItem {
  const self = facts.self.get(item.code) ?? null;
  const review = facts.review.get(item.code) ?? null;
  const base = {
    code: item.code,
    title: item.title,
    group: item.group,
    rule: item.rule,
    maxPoints: item.maxPoints,
    vetoed: false,
    selfPoints: self?.points ?? null,
    pending: false,
    cases: null as number | null,
    casesMet: null as number | null,
    caution: false,
  };
  let result: Pick<ScoredItem, 'points' | 'basis' | 'facts'> & Partial<ScoredItem>;
  switch (item.rule) {
    case AssessmentRule.PUBLICATION_QUOTA:
      result = scoreQuota(item, facts, ctx);
      break;
    case AssessmentRule.NEW_MEDIA_FRESHNESS:
      result = scoreNewMedia(item, facts, ctx);
      break;
    case AssessmentRule.DEADLINES_ON_TIME:
      result = scoreDeadlines(item, facts);
      break;
    case AssessmentRule.OCCURRENCES:
      result = scoreOccurrences(item, review, self);
      break;
    case AssessmentRule.VETO:
      result = scoreVeto(item, facts, ctx, review, self);
      break;
    case AssessmentRule.MANUAL:
      result = scoreManual(item, review, self);
      break;
  }
  const points = round2(Math.max(0, Math.min(item.maxPoints, result.points)));
  const scored: ScoredItem = { ...base, ...result, points, differs: false, rankKey: result.rankKey ?? points };
  scored.differs = scored.selfPoints != null && item.rule !== AssessmentRule.VETO && Math.abs(scored.selfPoints - points) > 0.005;
  return scored;
}

function scoreQuota(item: AssessmentItemDefinition, facts: UnitFacts, ctx: ScoringContext) {
  const { period, asOf } = ctx;
  const quarters = quartersBegun(period, asOf);
  const perQuarter = item.perQuarter ?? null;
  const perYear = item.perYear ?? null;
  const parts: string[] = [];
  const factsOut: ScoreFact[] = [];
  let total = 0;
  let quarterShare = 0;
  // Quarters elapsed: a quarter under way counts for the share of its days gone by (its target too).
  let elapsed = 0;
  for (const q of quarters) {
    const count = facts.quarterCounts.get(q) ?? 0;
    total += count;
    const range = quarterRange(period.year, q);
    const to = range.to < asOf ? range.to : asOf;
    const fraction = (daysBetween(range.from, to) + 1) / (daysBetween(range.from, range.to) + 1);
    elapsed += fraction;
    // Whole items: on a quarter's first days nobody is behind yet (a target of 0 is met).
    const target = perQuarter ? Math.floor(perQuarter * fraction + 1e-9) : null;
    if (target != null) quarterShare += target > 0 ? Math.min(1, count / target) : 1;
    const partial = to < range.to;
    parts.push(`${QUARTER_NAME[q - 1]}季度${count}条${target != null ? `/${target}` : ''}${partial ? `（截至${to}）` : ''}`);
    factsOut.push({
      kind: ScoreFactKind.PUBLICATIONS,
      text: `${QUARTER_NAME[q - 1]}季度发布${count}条${target != null ? `（${partial ? `截至${to}应发布${target}条` : `目标${target}条`}）` : ''}`,
      date: to,
      link: ctx.publicationsLink?.(range.from, to) ?? null,
    });
  }
  if (!quarters.length) return { points: item.maxPoints, basis: `${period.label}尚未开始，暂计满分。`, facts: factsOut };
  const quarterly = perQuarter ? quarterShare / quarters.length : null;
  const yearTarget = perYear ? Math.floor((perYear * elapsed) / 4 + 1e-9) : null;
  let cumulative: number | null = null;
  if (yearTarget != null) cumulative = yearTarget > 0 ? Math.min(1, total / yearTarget) : 1;
  let share: number;
  let formula: string;
  if (quarterly != null && cumulative != null) {
    share = 0.5 * quarterly + 0.5 * cumulative;
    formula = `${fmt(item.maxPoints)}×(½×${pct(quarterly)}+½×${pct(cumulative)})`;
  } else {
    share = quarterly ?? cumulative ?? 1;
    formula = `${fmt(item.maxPoints)}×${pct(share)}`;
  }
  const points = item.maxPoints * share;
  const basis =
    `${period.label}累计发布${total}条${yearTarget != null ? `（${asOf < period.to ? `截至${asOf}` : ''}应发布${yearTarget}条）` : ''}；${parts.join('、')}。` +
    `${quarterly != null ? `季度完成率${pct(quarterly)}，` : ''}${cumulative != null ? `累计完成率${pct(cumulative)}，` : ''}得分 ${formula}=${fmt(points)}分。`;
  return { points, basis, facts: factsOut };
}

/** Whether an account went more than `limit` days without an update, the day it passed the mark lying in [from, asOf]. */
function breachesOf(account: AccountFacts, limit: number, from: string, asOf: string): { from: string; to: string | null; days: number }[] {
  const out: { from: string; to: string | null; days: number }[] = [];
  const inPeriod = (start: string, end: string | null) => {
    const mark = addDays(start, limit + 1);
    const endDay = end ?? addDays(asOf, 1);
    return mark >= from && mark <= asOf && mark <= endDay;
  };
  for (const gap of account.gaps) {
    if (daysBetween(gap.from, gap.to) > limit && inPeriod(gap.from, gap.to)) out.push({ ...gap, days: daysBetween(gap.from, gap.to) });
  }
  const last = account.lastUpdate ?? account.openedOn;
  if (daysBetween(last, asOf) > limit && inPeriod(last, null)) out.push({ from: last, to: null, days: daysBetween(last, asOf) });
  return out;
}

function scoreNewMedia(item: AssessmentItemDefinition, facts: UnitFacts, ctx: ScoringContext) {
  const limit = item.zeroAfterDays ?? DEFAULT_ZERO_AFTER_DAYS;
  if (!facts.accounts.length) return { points: item.maxPoints, basis: '本单位未开设政务新媒体账号，不涉及，计满分。', facts: [] };
  const factsOut: ScoreFact[] = [];
  const breaches: string[] = [];
  for (const account of facts.accounts) {
    for (const b of breachesOf(account, limit, ctx.period.from, ctx.asOf)) {
      const text = b.to
        ? `${quoted(account.name)}${b.from}至${b.to}间隔${b.days}天未更新`
        : `${quoted(account.name)}自${b.from}起${b.days}天未更新（截至${ctx.asOf}）`;
      breaches.push(text);
      factsOut.push({ kind: ScoreFactKind.UPDATE_GAP, text, date: addDays(b.from, limit + 1), refId: String(account.channelId) });
    }
  }
  const names = facts.accounts.map((a) => a.name);
  const perReminder = item.deduction ?? 0;
  const cap = Math.min(item.cap ?? item.maxPoints, item.maxPoints);
  for (const r of facts.reminders) {
    const account = facts.accounts.find((a) => a.channelId === r.channelId);
    factsOut.push({
      kind: ScoreFactKind.REMINDER,
      text: `${r.date} 提醒${quoted(account?.name ?? '账号')}更新（${OCCASION_LABEL[r.occasion.replace(/-\d+$/, '')] ?? r.occasion}）`,
      date: r.date,
      points: perReminder ? -perReminder : null,
      refId: String(r.deadlineId),
    });
  }
  if (breaches.length) {
    return { points: 0, basis: `${breaches.join('；')}，超过${limit}天未更新，本项不得分。`, facts: factsOut };
  }
  const deduction = Math.min(cap, perReminder * facts.reminders.length);
  const basis =
    `账号${names.length}个（${names.join('、')}），${ctx.period.label}内无超过${limit}天未更新；` +
    (facts.reminders.length
      ? `被督促、提醒更新${facts.reminders.length}次，每次扣${fmt(perReminder)}分，扣${fmt(deduction)}分${deduction < perReminder * facts.reminders.length ? `（以${fmt(cap)}分为限）` : ''}。`
      : '未被督促、提醒更新。');
  return { points: item.maxPoints - deduction, basis, facts: factsOut };
}

/** Wilson score interval's lower bound (95 %): a rate on few cases ranks below the same rate on many. */
export function wilsonLowerBound(met: number, n: number, z = 1.96): number {
  if (n === 0) return 1;
  const p = met / n;
  const z2 = z * z;
  return (p + z2 / (2 * n) - z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
}

function scoreDeadlines(item: AssessmentItemDefinition, facts: UnitFacts) {
  let total = 0;
  const late: LateCase[] = [];
  for (const kind of item.deadlineKinds) {
    const k = facts.deadlines.get(kind);
    if (!k) continue;
    total += k.total;
    late.push(...k.late);
  }
  late.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.deadlineId - b.deadlineId);
  const what = item.deadlineKinds.map((k) => DEADLINE_KIND_LABEL[k]).join('、');
  const met = total - late.length;
  const scoring = item.scoring ?? TimelinessScoring.RATE;
  const perLate = scoring === TimelinessScoring.PER_LATE ? (item.deduction ?? 0) : 0;
  const factsOut: ScoreFact[] = late.map((c) => ({
    kind: c.completedOn ? ScoreFactKind.DEADLINE_LATE : ScoreFactKind.DEADLINE_OPEN_OVERDUE,
    text: c.completedOn ? `${c.title}：${c.dueDate}到期，${c.completedOn}办结` : `${c.title}：${c.dueDate}到期，尚未办结`,
    date: c.dueDate,
    points: perLate ? -perLate : null,
    refId: String(c.deadlineId),
  }));
  const minCases = item.minCases ?? DEFAULT_MIN_CASES;
  const rateFields = { cases: total, casesMet: met, caution: total > 0 && total < minCases };
  if (total === 0) return { points: item.maxPoints, basis: `${what}：本期无应办事项，计满分。`, facts: factsOut, ...rateFields, caution: false };
  if (scoring === TimelinessScoring.RATE) {
    const rate = met / total;
    return {
      points: item.maxPoints * rate,
      basis: `${what}${total}件，按时办结${met}件，及时率${pct(rate)}，得分 ${fmt(item.maxPoints)}×${pct(rate)}=${fmt(item.maxPoints * rate)}分。`,
      facts: factsOut,
      ...rateFields,
      rankKey: wilsonLowerBound(met, total),
    };
  }
  const cap = Math.min(item.cap ?? item.maxPoints, item.maxPoints);
  const deduction = Math.min(cap, perLate * late.length);
  return {
    points: item.maxPoints - deduction,
    basis: late.length
      ? `${what}${total}件，逾期${late.length}件，每件扣${fmt(perLate)}分，扣${fmt(deduction)}分${deduction < perLate * late.length ? `（以${fmt(cap)}分为限）` : ''}。`
      : `${what}${total}件，均按时办结。`,
    facts: factsOut,
    ...rateFields,
  };
}

function chosenEntry(review: EntryFacts | null, self: EntryFacts | null): { entry: EntryFacts | null; who: string } {
  if (review) return { entry: review, who: '复核' };
  if (self) return { entry: self, who: '自评（待复核）' };
  return { entry: null, who: '' };
}

function scoreOccurrences(item: AssessmentItemDefinition, review: EntryFacts | null, self: EntryFacts | null) {
  const { entry, who } = chosenEntry(review, self);
  const cap = Math.min(item.cap ?? item.maxPoints, item.maxPoints);
  const parts: string[] = [];
  let sum = 0;
  const factsOut: ScoreFact[] = [];
  for (const kind of item.occurrenceKinds) {
    const n = entry?.occurrences[kind.label] ?? 0;
    if (!n) continue;
    sum += n * kind.amount;
    parts.push(`${kind.label}${n}次（每次${fmt(kind.amount)}分）`);
    factsOut.push({ kind: ScoreFactKind.ENTRY, text: `${who}：${kind.label}${n}次`, points: -round2(n * kind.amount) });
  }
  const deduction = Math.min(cap, sum);
  const reason = entry?.reason ? `理由：${entry.reason}` : '';
  const basis = parts.length
    ? `${who}：${parts.join('、')}，共扣${fmt(sum)}分${deduction < sum ? `，以${fmt(cap)}分为限，扣${fmt(deduction)}分` : ''}。${reason}`
    : `${entry ? `${who}：未发现扣分情形。${reason}` : '未发现扣分情形。'}`;
  return { points: item.maxPoints - deduction, basis, facts: factsOut, pending: !review };
}

function scoreManual(item: AssessmentItemDefinition, review: EntryFacts | null, self: EntryFacts | null) {
  if (review && review.points != null) {
    return {
      points: review.points,
      basis: `复核评分${fmt(review.points)}分。理由：${review.reason}`,
      facts: [{ kind: ScoreFactKind.ENTRY, text: `复核：${review.reason}`, points: round2(review.points - item.maxPoints) }],
    };
  }
  if (self && self.points != null) {
    return {
      points: self.points,
      basis: `自评${fmt(self.points)}分，待复核。${self.reason ? `说明：${self.reason}` : ''}`,
      facts: [{ kind: ScoreFactKind.ENTRY, text: `自评：${self.reason || '（未说明）'}`, points: round2(self.points - item.maxPoints) }],
      pending: true,
    };
  }
  return { points: item.maxPoints, basis: '尚未评分，暂计满分（待复核）。', facts: [], pending: true };
}

function scoreVeto(item: AssessmentItemDefinition, facts: UnitFacts, ctx: ScoringContext, review: EntryFacts | null, self: EntryFacts | null) {
  const factsOut: ScoreFact[] = [];
  if (review) {
    factsOut.push({ kind: ScoreFactKind.ENTRY, text: `复核：${review.vetoed ? '否决' : '不否决'}。${review.reason}` });
    return {
      points: 0,
      vetoed: review.vetoed,
      basis: review.vetoed ? `复核认定单项否决。理由：${review.reason}` : `复核认定不予否决。理由：${review.reason}`,
      facts: factsOut,
    };
  }
  // The check is the as-of date; a period not begun yet has had none.
  if (item.idleDays && ctx.asOf >= ctx.period.from) {
    const idle = facts.accounts.filter((a) => daysBetween(a.lastUpdate ?? a.openedOn, ctx.asOf) >= item.idleDays!);
    if (idle.length) {
      const text = idle.map((a) => `${quoted(a.name)}${a.lastUpdate ? `最近更新于${a.lastUpdate}` : '开设后未更新'}`).join('；');
      factsOut.push({ kind: ScoreFactKind.VETO, text: `${text}（评分日${ctx.asOf}前${item.idleDays}天内无更新）`, date: ctx.asOf });
      return { points: 0, vetoed: true, basis: `${text}，评分日前${item.idleDays}天内无更新，单项否决。`, facts: factsOut };
    }
  }
  if (self?.vetoed) return { points: 0, vetoed: true, basis: `自评认定单项否决，待复核。${self.reason}`, facts: factsOut, pending: true };
  return { points: 0, vetoed: false, basis: '未发现单项否决情形。', facts: factsOut };
}

/** The 加分项: the office's points (else the unit's), at most the cap. */
export function scoreBonus(cap: number, review: EntryFacts | null, self: EntryFacts | null): { points: number; basis: string } {
  if (cap <= 0) return { points: 0, basis: '' };
  const { entry, who } = chosenEntry(review, self);
  if (!entry || !entry.points) return { points: 0, basis: entry ? `${who}：无加分。${entry.reason}` : '无加分。' };
  const points = round2(Math.min(cap, entry.points));
  return { points, basis: `${who}加${fmt(points)}分${points < entry.points ? `（以${fmt(cap)}分为限）` : ''}。理由：${entry.reason}` };
}

/** Competition ranking (1, 2, 2, 4) of values, highest first; equal to 0.01 is a tie. */
export function competitionRanks(values: readonly number[]): number[] {
  const keyed = values.map((v, i) => ({ v: Math.round(v * 1e6) / 1e6, i }));
  keyed.sort((a, b) => b.v - a.v);
  const ranks = new Array<number>(values.length);
  keyed.forEach((k, position) => {
    ranks[k.i] = position > 0 && Math.abs(keyed[position - 1]!.v - k.v) < 0.005 ? ranks[keyed[position - 1]!.i]! : position + 1;
  });
  return ranks;
}

/** Which deadline kinds and whether new-media facts the set needs (so the loader reads only those). */
export function factsNeeded(items: readonly AssessmentItemDefinition[]): {
  quota: boolean;
  newMedia: boolean;
  deadlineKinds: DeadlineKind[];
  gapThreshold: number;
} {
  const media = items.filter((i) => i.rule === AssessmentRule.NEW_MEDIA_FRESHNESS);
  const vetoIdle = items.filter((i) => i.rule === AssessmentRule.VETO && i.idleDays);
  return {
    quota: items.some((i) => i.rule === AssessmentRule.PUBLICATION_QUOTA),
    newMedia: media.length + vetoIdle.length > 0,
    deadlineKinds: [...new Set(items.filter((i) => i.rule === AssessmentRule.DEADLINES_ON_TIME).flatMap((i) => i.deadlineKinds))],
    gapThreshold: Math.min(DEFAULT_ZERO_AFTER_DAYS, ...media.map((i) => i.zeroAfterDays ?? DEFAULT_ZERO_AFTER_DAYS)),
  };
}
