/**
 * 自查报告 (a unit's self-inspection report against an indicator set), laid out as seed 000: a title, an opening
 * paragraph, the items under their groups (一、主动公开 … ), each with its requirement and its 自查情况, then the
 * bonus item and the list of 附件 (evidence) by item number. Written from the data, then edited by the unit.
 */
export interface EvidenceLink {
  title: string;
  url: string;
}

export interface SelfInspectionItem {
  /** The indicator's number in its set, e.g. "16". */
  code: string;
  /** e.g. 政府信息公开平台发布数量 */
  title: string;
  /** The requirement as the notice words it. */
  requirement: string;
  /** 自查情况: generated from the data ("已按要求年度公开发布207条") or as the unit edited it. */
  finding: string;
  points: number;
  maxPoints: number;
  evidence: EvidenceLink[];
}

export interface SelfInspectionGroup {
  /** e.g. 主动公开 (numbered when laid out). */
  title: string;
  items: SelfInspectionItem[];
}

export interface SelfInspectionReport {
  /** The assessed unit, e.g. 局办公室 (the report's first title line). */
  unitName: string;
  /** The assessing organisation, e.g. 平顶山市城市管理局. */
  organizationName: string;
  /** 2026年 / 2026年上半年 / 2026年下半年 */
  periodLabel: string;
  /** e.g. 关于2026年下半年政务公开工作自查情况的报告 */
  title: string;
  /** The opening paragraph. */
  opening: string;
  groups: SelfInspectionGroup[];
  /** 加分项, when the set has one. */
  bonus: { title: string; finding: string; points: number; maxPoints: number; evidence: EvidenceLink[] } | null;
  /** Total of the unit's points as shown (自评 or 复核) and the maximum, for the closing line. */
  total: number;
  maxTotal: number;
  /** The date the report is dated (YYYY-MM-DD). */
  date: string;
}
