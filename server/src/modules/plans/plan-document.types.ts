/**
 * What the plan-document parsers extract from a real 工作要点 / 自查 text.
 * Pure data: the seeder and the `importPlan` mutation turn it into entities.
 */

/** A responsible-unit scope written in the documents, expanded to all departments of a kind. */
export type ScopeKind = 'SUBORDINATE_UNITS' /* 局属各单位 */ | 'OFFICES' /* 机关各科室 */ | 'COUNTY_UNITS' /* 县直各单位 */ | 'TOWNSHIPS'; /* 各乡镇 */

/** A 牵头科室 / 责任单位 line split into named departments and scopes. */
export interface ParsedUnits {
  /** Department names as written, trimmed, in order, de-duplicated (e.g. "局政策法规科", "数字城管中心"). */
  departments: string[];
  /** Scopes written in the line (e.g. 局属各单位 → SUBORDINATE_UNITS), in order, de-duplicated. */
  scopes: ScopeKind[];
}

export interface ParsedWorkPoint {
  /** Number as the document writes it, normalised: section numeral + item numeral, e.g. "二(三)"; "16" for a flat list. */
  number: string;
  /** 1-based order of the point inside the document. */
  sequence: number;
  /** Section heading without its numeral, e.g. "重点领域信息公开", "主动公开". */
  section: string;
  /** Short title, e.g. "建议提案办理结果公开", "机构信息". */
  title: string;
  /** 政策依据 text ('' when the document gives none). */
  policyBasis: string;
  /** Document numbers cited in the 政策依据 (and duty) text, e.g. "国办发〔2018〕45号", in order, unique. */
  citedDocuments: string[];
  /** 职责分工 / requirement text, whole. */
  duties: string;
  /** The ⑴⑵⑶ (or (1)(2), 1. 2.) sub-items of the duty text; [] when it has none. */
  dutyItems: string[];
  /** 牵头科室 line, parsed (empty when absent). */
  leads: ParsedUnits;
  /** 责任单位 line, parsed (empty when absent). */
  responsible: ParsedUnits;
  /** Time limit phrases as written, e.g. "每年4月1日前", "7个工作日内", "不超过5个工作日"; [] when none. */
  timeLimits: string[];
  /** 自查情况 text for self-inspection lists; null otherwise. */
  selfInspection: string | null;
}

export interface ParsedPlanDocument {
  /** Document title, e.g. "平顶山市城市管理局(平顶山市城市综合执法局)2021年度政务公开工作要点". */
  title: string;
  /** Issuing body as far as it can be read from the title or opening (e.g. "平顶山市城市管理局"); null if unknown. */
  issuer: string | null;
  /** Plan year read from the title (2021); null if none. */
  year: number | null;
  /** Document numbers of the basis documents cited in the preamble. */
  basisDocuments: string[];
  points: ParsedWorkPoint[];
}
