import { AssessmentRule } from './assessment-enums.js';
import type { AssessmentEntry, AssessmentSet } from './assessment.entity.js';
import type { ItemScore, UnitScore } from './assessment.types.js';
import { BONUS_CODE } from './scoring.js';
import type { EvidenceLink, SelfInspectionReport } from './self-inspection-report.js';

/** What an item's 自查情况 says when the unit has not written its own: the data's facts, in the report's words. */
export function findingFromData(item: ItemScore, periodLabel: string): string {
  switch (item.rule) {
    case AssessmentRule.PUBLICATION_QUOTA: {
      const total = /累计发布(\d+)条/.exec(item.basis)?.[1] ?? '0';
      return item.points >= item.maxPoints
        ? `已按要求${periodLabel}公开发布${total}条。`
        : `${periodLabel}公开发布${total}条，未全部达到发布数量要求（${item.basis.split('。')[1] ?? ''}）。`;
    }
    case AssessmentRule.NEW_MEDIA_FRESHNESS:
      if (item.basis.startsWith('本单位未开设')) return '本单位未开设政务新媒体账号，不涉及。';
      return item.facts.length ? item.basis : '按要求开设政务新媒体账号并及时更新内容，未发生被督促、提醒更新或两周未更新情况。';
    case AssessmentRule.DEADLINES_ON_TIME:
      if (!item.cases) return '本期无相关事项。';
      return item.casesMet === item.cases ? `本期共${item.cases}件，均在规定时限内办理。` : item.basis;
    case AssessmentRule.OCCURRENCES:
    case AssessmentRule.VETO:
      return item.facts.length || item.vetoed ? item.basis : '经自查未发现以上情况。';
    case AssessmentRule.MANUAL:
      return '';
  }
}

const absolute = (url: string, publicUrl: string | null) => (url.startsWith('/') && publicUrl ? `${publicUrl.replace(/\/+$/, '')}${url}` : url);

/**
 * The unit's 自查报告 as seed 000 lays it out: each item with its requirement and 自查情况 (the unit's text, else
 * written from the data), and its evidence: the links the unit and the office entered, and the lists the data gives.
 */
export function selfInspectionReport(args: {
  organizationName: string;
  set: AssessmentSet;
  periodLabel: string;
  score: UnitScore;
  findings: Record<string, string>;
  entries: readonly AssessmentEntry[];
  publicUrl: string | null;
  date: string;
}): SelfInspectionReport {
  const { set, score, findings, entries, publicUrl, periodLabel } = args;
  const evidenceOf = (code: string): EvidenceLink[] => {
    const links: EvidenceLink[] = [];
    const seen = new Set<string>();
    for (const e of entries) {
      if (e.itemCode !== code) continue;
      for (const l of e.evidence) {
        const url = absolute(l.url, publicUrl);
        if (seen.has(url)) continue;
        seen.add(url);
        links.push({ title: l.title, url });
      }
    }
    return links;
  };
  const groups: SelfInspectionReport['groups'] = [];
  for (const definition of set.items) {
    const item = score.items.find((i) => i.code === definition.code);
    if (!item) continue;
    let group = groups.at(-1);
    if (!group || group.title !== definition.group) groups.push((group = { title: definition.group, items: [] }));
    const dataLinks = item.facts.filter((f) => f.link).map((f) => ({ title: `${definition.title}：${f.text}`, url: absolute(f.link!, publicUrl) }));
    group.items.push({
      code: definition.code,
      title: definition.title,
      requirement: definition.requirement,
      finding: findings[definition.code] ?? (findingFromData(item, periodLabel) || '（待填写自查情况）'),
      points: item.selfPoints ?? item.points,
      maxPoints: item.maxPoints,
      evidence: [...evidenceOf(definition.code), ...dataLinks],
    });
  }
  const bonusSelf = entries.find((e) => e.itemCode === BONUS_CODE && e.side === 'SELF');
  return {
    unitName: score.department.name,
    organizationName: args.organizationName,
    periodLabel,
    title: `关于${periodLabel}政务公开工作自查情况的报告`,
    opening: `按照${args.organizationName}《${set.title}》要求，结合工作实际，现将${score.department.name}${periodLabel}政务公开自查情况报告如下：`,
    groups,
    bonus: set.bonusTitle
      ? {
          title: set.bonusTitle,
          finding: findings[BONUS_CODE] ?? (score.bonus > 0 ? score.bonusBasis : '不涉及此项。'),
          points: bonusSelf?.points ?? score.bonus,
          maxPoints: set.bonusCap,
          evidence: evidenceOf(BONUS_CODE),
        }
      : null,
    total: score.selfTotal,
    maxTotal: score.maxTotal,
    date: args.date,
  };
}
