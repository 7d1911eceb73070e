import { DeadlineKindLabel, TimelinessScoringLabel } from '../../../graphql/generated/enum-labels';
import type {
  AssessmentItemFieldsFragment,
  AssessmentItemInput,
  AssessmentRule,
  DeadlineKind,
  SaveAssessmentSetInput,
  TimelinessScoring,
} from '../../../graphql/generated/graphql';
import { formatPoints, type Parsed } from './assessment-sheet';

/** A rule's parameters, as the editor shows them. */
export type ParamKey =
  'perQuarter' | 'perYear' | 'deadlineKinds' | 'scoring' | 'deduction' | 'cap' | 'zeroAfterDays' | 'occurrenceKinds' | 'vetoes' | 'idleDays' | 'minCases';

export const RULE_PARAMS: Record<AssessmentRule, readonly ParamKey[]> = {
  MANUAL: [],
  PUBLICATION_QUOTA: ['perQuarter', 'perYear'],
  NEW_MEDIA_FRESHNESS: ['deduction', 'cap', 'zeroAfterDays'],
  DEADLINES_ON_TIME: ['deadlineKinds', 'scoring', 'deduction', 'cap', 'minCases'],
  OCCURRENCES: ['occurrenceKinds', 'cap'],
  VETO: ['vetoes', 'idleDays'],
};

export const PARAM_LABEL: Record<ParamKey, string> = {
  perQuarter: '每季度发布（条）',
  perYear: '年度发布（条）',
  deadlineKinds: '计入的事项',
  scoring: '计分方式',
  deduction: '每件/每次扣分',
  cap: '扣分上限',
  zeroAfterDays: '超过几天未更新不得分',
  occurrenceKinds: '扣分情形（每行“情形:分值”）',
  vetoes: '否决的指标序号（逗号分隔）',
  idleDays: '账号几天未更新自动否决',
  minCases: '最低件数',
};

/** The deadline kinds an on-time item can count (the ones a unit handles). */
export const TIMELY_KINDS: readonly DeadlineKind[] = ['APPLICATION', 'PROPOSAL', 'ANNUAL_REPORT', 'MESSAGE', 'PENALTY', 'SUPERVISION', 'TASK', 'NEW_MEDIA'];

/** One item as typed in the editor: numbers as typed, lists as text. */
export interface ItemDraft {
  code: string;
  group: string;
  title: string;
  requirement: string;
  maxPoints: number | string;
  rule: AssessmentRule;
  perQuarter: number | string;
  perYear: number | string;
  deadlineKinds: DeadlineKind[];
  scoring: '' | TimelinessScoring;
  deduction: number | string;
  cap: number | string;
  zeroAfterDays: number | string;
  occurrenceKinds: string;
  vetoes: string;
  idleDays: number | string;
  minCases: number | string;
}

/** "严重表述错误:5\n错别字:0.5" — one kind a line (or separated by ；), label and points by a colon. */
export function formatOccurrenceKinds(kinds: readonly { label: string; amount: number }[]): string {
  return kinds.map((k) => `${k.label}:${formatPoints(k.amount)}`).join('\n');
}

export function parseOccurrenceKinds(text: string): Parsed<{ label: string; amount: number }[]> {
  const kinds: { label: string; amount: number }[] = [];
  for (const line of text.split(/[\r\n;；]+/)) {
    const part = line.trim();
    if (!part) continue;
    const m = /^(.+?)\s*[:：]\s*([\d.]+)\s*分?$/.exec(part);
    const amount = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(amount)) return { ok: false, field: 'occurrenceKinds', message: `“${part}”请写成“情形:每次扣分”，如“错别字:0.5”` };
    kinds.push({ label: m[1]!.trim(), amount });
  }
  return { ok: true, value: kinds };
}

/** "18,19、20" → ['18', '19', '20']. */
export function parseCodes(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,，、;；]+/)
        .map((c) => c.trim())
        .filter(Boolean),
    ),
  ];
}

export function itemDraft(item: AssessmentItemFieldsFragment): ItemDraft {
  const n = (v: number | null) => v ?? '';
  return {
    code: item.code,
    group: item.group,
    title: item.title,
    requirement: item.requirement,
    maxPoints: item.maxPoints,
    rule: item.rule,
    perQuarter: n(item.perQuarter),
    perYear: n(item.perYear),
    deadlineKinds: [...item.deadlineKinds],
    scoring: item.scoring ?? '',
    deduction: n(item.deduction),
    cap: n(item.cap),
    zeroAfterDays: n(item.zeroAfterDays),
    occurrenceKinds: formatOccurrenceKinds(item.occurrenceKinds),
    vetoes: item.vetoes.join(','),
    idleDays: n(item.idleDays),
    minCases: n(item.minCases),
  };
}

/** The next free numeric code after the items' highest. */
export function nextCode(items: readonly { code: string }[]): string {
  const numbers = items.map((i) => Number(i.code)).filter((n) => Number.isInteger(n));
  return String(numbers.length ? Math.max(...numbers) + 1 : items.length + 1);
}

export function blankItem(code: string, group = ''): ItemDraft {
  return {
    code,
    group,
    title: '',
    requirement: '',
    maxPoints: '',
    rule: 'MANUAL',
    perQuarter: '',
    perYear: '',
    deadlineKinds: [],
    scoring: '',
    deduction: '',
    cap: '',
    zeroAfterDays: '',
    occurrenceKinds: '',
    vetoes: '',
    idleDays: '',
    minCases: '',
  };
}

const INTEGER_PARAMS: ReadonlySet<ParamKey> = new Set(['perQuarter', 'perYear', 'zeroAfterDays', 'idleDays', 'minCases']);

function number(value: number | string, field: string, label: string, integer: boolean): Parsed<number | null> {
  if (value === '' || value === null || value === undefined) return { ok: true, value: null };
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) return { ok: false, field, message: `${label}须为${integer ? '整数' : '数字'}` };
  return { ok: true, value: n };
}

/** One item's input: the parameters of its rule only (the others are cleared). Fields are `items.N.x`, as the server names them. */
export function itemInput(draft: ItemDraft, index: number): Parsed<AssessmentItemInput> {
  const field = (name: string) => `items.${index}.${name}`;
  const max = number(draft.maxPoints, field('maxPoints'), `第${draft.code || index + 1}项分值`, false);
  if (!max.ok) return max;
  const input: AssessmentItemInput = {
    code: draft.code.trim(),
    group: draft.group.trim(),
    title: draft.title.trim(),
    requirement: draft.requirement.trim(),
    maxPoints: max.value ?? 0,
    rule: draft.rule,
  };
  for (const key of RULE_PARAMS[draft.rule]) {
    if (key === 'deadlineKinds') input.deadlineKinds = [...draft.deadlineKinds];
    else if (key === 'scoring') input.scoring = draft.scoring || null;
    else if (key === 'vetoes') input.vetoes = parseCodes(draft.vetoes);
    else if (key === 'occurrenceKinds') {
      const kinds = parseOccurrenceKinds(draft.occurrenceKinds);
      if (!kinds.ok) return { ...kinds, field: field('occurrenceKinds'), message: `第${draft.code}项：${kinds.message}` };
      input.occurrenceKinds = kinds.value;
    } else {
      const parsed = number(draft[key], field(key), `第${draft.code}项${PARAM_LABEL[key]}`, INTEGER_PARAMS.has(key));
      if (!parsed.ok) return parsed;
      input[key] = parsed.value;
    }
  }
  return { ok: true, value: input };
}

export interface SetDraft {
  title: string;
  bonusTitle: string;
  bonusCap: number | string;
  items: ItemDraft[];
}

/** The whole set to save (the server replaces it whole; `version` guards against a lost update). */
export function setInput(organizationId: string, period: string, draft: SetDraft, version: number | null): Parsed<SaveAssessmentSetInput> {
  const items: AssessmentItemInput[] = [];
  for (const [i, item] of draft.items.entries()) {
    const parsed = itemInput(item, i);
    if (!parsed.ok) return parsed;
    items.push(parsed.value);
  }
  const cap = number(draft.bonusCap, 'bonusCap', '加分上限', false);
  if (!cap.ok) return cap;
  return {
    ok: true,
    value: { organizationId, period, title: draft.title.trim(), items, bonusTitle: draft.bonusTitle.trim() || null, bonusCap: cap.value ?? 0, version },
  };
}

/** The item index a server field names (items.3.code → 3), or null. */
export function itemIndexOf(field: string | undefined): number | null {
  const m = field ? /^items\.(\d+)\./.exec(field) : null;
  return m ? Number(m[1]) : null;
}

/** A rule's parameters in words, for the list: "每季度50条；年度200条". */
export function ruleParams(item: AssessmentItemFieldsFragment): string {
  const parts: string[] = [];
  const p = formatPoints;
  switch (item.rule) {
    case 'PUBLICATION_QUOTA':
      if (item.perQuarter) parts.push(`每季度${item.perQuarter}条`);
      if (item.perYear) parts.push(`年度${item.perYear}条`);
      break;
    case 'NEW_MEDIA_FRESHNESS':
      if (item.deduction) parts.push(`被提醒更新每次扣${p(item.deduction)}分`);
      if (item.zeroAfterDays) parts.push(`超过${item.zeroAfterDays}天未更新不得分`);
      break;
    case 'DEADLINES_ON_TIME':
      parts.push(item.deadlineKinds.map((k) => DeadlineKindLabel[k]).join('、') || '未选事项');
      if (item.scoring) parts.push(TimelinessScoringLabel[item.scoring]);
      if (item.scoring === 'PER_LATE' && item.deduction) parts.push(`每件扣${p(item.deduction)}分`);
      if (item.minCases) parts.push(`最低${item.minCases}件`);
      break;
    case 'OCCURRENCES':
      parts.push(...item.occurrenceKinds.map((k) => `${k.label}${p(k.amount)}分/次`));
      break;
    case 'VETO':
      if (item.vetoes.length) parts.push(`否决第${item.vetoes.join('、')}项`);
      if (item.idleDays) parts.push(`账号${item.idleDays}天未更新自动否决`);
      break;
    default:
      break;
  }
  if (item.cap !== null && item.cap !== undefined && RULE_PARAMS[item.rule].includes('cap')) parts.push(`最多扣${p(item.cap)}分`);
  return parts.join('；');
}

/** Periods a set can be copied to: the other halves and years around the given one, not already set. */
export function copyTargets(period: string, existing: readonly string[]): string[] {
  const year = Number(period.slice(0, 4));
  if (!Number.isInteger(year)) return [];
  const candidates = [String(year), `${year}-H1`, `${year}-H2`, String(year + 1), `${year + 1}-H1`, `${year + 1}-H2`];
  return candidates.filter((c) => c !== period && !existing.includes(c));
}
