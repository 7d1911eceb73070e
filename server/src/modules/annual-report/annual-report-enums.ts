import { registerEnumType } from 'type-graphql';
import { enumDescriptions } from '../../core/enum-labels.js';

/** 行政复议 / 行政诉讼 about information disclosure: the three blocks of table 四. */
export enum LegalCaseKind {
  /** 行政复议 */
  REVIEW = 'REVIEW',
  /** 行政诉讼·未经复议直接起诉 */
  LITIGATION_DIRECT = 'LITIGATION_DIRECT',
  /** 行政诉讼·复议后起诉 */
  LITIGATION_AFTER_REVIEW = 'LITIGATION_AFTER_REVIEW',
}
export const LEGAL_CASE_KIND_LABEL: Readonly<Record<LegalCaseKind, string>> = {
  REVIEW: '行政复议',
  LITIGATION_DIRECT: '行政诉讼（未经复议直接起诉）',
  LITIGATION_AFTER_REVIEW: '行政诉讼（复议后起诉）',
};
registerEnumType(LegalCaseKind, {
  name: 'LegalCaseKind',
  description:
    '因政府信息公开工作被申请行政复议、提起行政诉讼的案件类别（年报表四）。行政复议机关作为共同被告的行政诉讼案件，只计原行为主体的案件（国办公开办函〔2016〕201号）',
  valuesConfig: enumDescriptions(LegalCaseKind, LEGAL_CASE_KIND_LABEL),
});
/** The table-四 column group of a case kind. */
export const LEGAL_CASE_GROUP: Readonly<Record<LegalCaseKind, 'review' | 'litDirect' | 'litAfterReview'>> = {
  REVIEW: 'review',
  LITIGATION_DIRECT: 'litDirect',
  LITIGATION_AFTER_REVIEW: 'litAfterReview',
};

/** 审结结果 of a case; a case without one is 尚未审结. */
export enum LegalCaseOutcome {
  /** 结果维持: the decision upheld (维持, 驳回诉讼请求/复议申请). */
  MAINTAINED = 'MAINTAINED',
  /** 结果纠正: the decision corrected (撤销, 变更, 确认违法, 责令履行). */
  CORRECTED = 'CORRECTED',
  /** 其他结果: withdrawn, settled, terminated, not accepted … */
  OTHER = 'OTHER',
}
export const LEGAL_CASE_OUTCOME_LABEL: Readonly<Record<LegalCaseOutcome, string>> = {
  MAINTAINED: '结果维持',
  CORRECTED: '结果纠正',
  OTHER: '其他结果',
};
registerEnumType(LegalCaseOutcome, {
  name: 'LegalCaseOutcome',
  description: '审结结果：结果维持（维持、驳回）、结果纠正（撤销、变更、确认违法、责令履行）、其他结果（撤回、和解、终止、不予受理等）；未审结的案件没有结果',
  valuesConfig: enumDescriptions(LegalCaseOutcome, LEGAL_CASE_OUTCOME_LABEL),
});
export const LEGAL_CASE_OUTCOME_COLUMN: Readonly<Record<LegalCaseOutcome, 'maintained' | 'corrected' | 'other'>> = {
  MAINTAINED: 'maintained',
  CORRECTED: 'corrected',
  OTHER: 'other',
};

/** 条例第二十条第（一）项: 规章 and 行政规范性文件 (table 二's first block). */
export enum NormativeDocumentKind {
  REGULATION = 'REGULATION',
  NORMATIVE_DOCUMENT = 'NORMATIVE_DOCUMENT',
}
export const NORMATIVE_DOCUMENT_KIND_LABEL: Readonly<Record<NormativeDocumentKind, string>> = {
  REGULATION: '规章',
  NORMATIVE_DOCUMENT: '行政规范性文件',
};
registerEnumType(NormativeDocumentKind, {
  name: 'NormativeDocumentKind',
  description: '规章或者行政规范性文件（条例第二十条第（一）项，年报表二）',
  valuesConfig: enumDescriptions(NormativeDocumentKind, NORMATIVE_DOCUMENT_KIND_LABEL),
});
export const NORMATIVE_DOCUMENT_ROW: Readonly<Record<NormativeDocumentKind, 'regulations' | 'normativeDocuments'>> = {
  REGULATION: 'regulations',
  NORMATIVE_DOCUMENT: 'normativeDocuments',
};

/** Yearly figures of table 二 entered where no register of ours holds them. */
export enum AnnualStatisticItem {
  /** 行政许可 本年处理决定数量 */
  ADMINISTRATIVE_LICENSING = 'ADMINISTRATIVE_LICENSING',
  /** 行政处罚 本年处理决定数量 — replaces the count of the 行政处罚 register when that register does not hold every decision. */
  ADMINISTRATIVE_PENALTY = 'ADMINISTRATIVE_PENALTY',
  /** 行政强制 本年处理决定数量 */
  ADMINISTRATIVE_COERCION = 'ADMINISTRATIVE_COERCION',
  /** 行政事业性收费 本年收费金额（万元） */
  ADMINISTRATIVE_FEES = 'ADMINISTRATIVE_FEES',
}
export const ANNUAL_STATISTIC_ITEM_LABEL: Readonly<Record<AnnualStatisticItem, string>> = {
  ADMINISTRATIVE_LICENSING: '行政许可处理决定数',
  ADMINISTRATIVE_PENALTY: '行政处罚处理决定数',
  ADMINISTRATIVE_COERCION: '行政强制处理决定数',
  ADMINISTRATIVE_FEES: '行政事业性收费金额（万元）',
};
registerEnumType(AnnualStatisticItem, {
  name: 'AnnualStatisticItem',
  description:
    '年报表二中本系统没有登记簿的年度数字，按年录入并注明来源（如审批系统、执法系统导出）；行政处罚一项录入后代替行政处罚登记簿的计数（登记簿不全时使用）',
  valuesConfig: enumDescriptions(AnnualStatisticItem, ANNUAL_STATISTIC_ITEM_LABEL),
});
export const ANNUAL_STATISTIC_CELL: Readonly<Record<AnnualStatisticItem, { row: string; column: string }>> = {
  ADMINISTRATIVE_LICENSING: { row: 'administrativeLicensing', column: 'decisionsThisYear' },
  ADMINISTRATIVE_PENALTY: { row: 'administrativePenalty', column: 'decisionsThisYear' },
  ADMINISTRATIVE_COERCION: { row: 'administrativeCoercion', column: 'decisionsThisYear' },
  ADMINISTRATIVE_FEES: { row: 'administrativeFees', column: 'feeAmount' },
};

/** The report's workflow: 起草 → 审核 → 定稿 → 报送 → 公开. */
export enum AnnualReportStatus {
  DRAFT = 'DRAFT',
  IN_REVIEW = 'IN_REVIEW',
  FINALIZED = 'FINALIZED',
  SUBMITTED = 'SUBMITTED',
  PUBLISHED = 'PUBLISHED',
}
export const ANNUAL_REPORT_STATUS_LABEL: Readonly<Record<AnnualReportStatus, string>> = {
  DRAFT: '起草',
  IN_REVIEW: '审核中',
  FINALIZED: '已定稿',
  SUBMITTED: '已报送',
  PUBLISHED: '已公开',
};
registerEnumType(AnnualReportStatus, {
  name: 'AnnualReportStatus',
  description: '年度报告流程：起草 → 审核 → 定稿 → 报送（向政府信息公开工作主管部门提交）→ 公开（向社会公布）。定稿后修改须先退回并说明理由',
  valuesConfig: enumDescriptions(AnnualReportStatus, ANNUAL_REPORT_STATUS_LABEL),
});

/** Who publishes the report decides its due date (条例第四十九条). */
export enum ReportingBody {
  /** 县级以上人民政府部门: by 31 January. */
  DEPARTMENT = 'DEPARTMENT',
  /** 县级以上地方人民政府 (its 政府信息公开工作主管部门 publishes): by 31 March. */
  GOVERNMENT = 'GOVERNMENT',
}
export const REPORTING_BODY_LABEL: Readonly<Record<ReportingBody, string>> = {
  DEPARTMENT: '政府部门（1月31日前）',
  GOVERNMENT: '人民政府（3月31日前）',
};
registerEnumType(ReportingBody, {
  name: 'ReportingBody',
  description: '报告主体，决定报告期限（条例第四十九条）：县级以上人民政府部门在每年1月31日前，县级以上地方人民政府在每年3月31日前公布上一年度年报',
  valuesConfig: enumDescriptions(ReportingBody, REPORTING_BODY_LABEL),
});

/** Where a figure of the stored report comes from. */
export enum CellSource {
  /** Counted from our registers (traceable to the entries). */
  REGISTER = 'REGISTER',
  /** A yearly figure entered with its source (AnnualStatistic). */
  STATISTIC = 'STATISTIC',
  /** Entered or imported into the report itself, with a reason (a year before the registers, a correction). */
  ENTERED = 'ENTERED',
}
export const CELL_SOURCE_LABEL: Readonly<Record<CellSource, string>> = {
  REGISTER: '登记簿统计',
  STATISTIC: '年度录入',
  ENTERED: '报告内录入',
};
registerEnumType(CellSource, {
  name: 'CellSource',
  description: '年报数字的来源：登记簿统计（可追溯到每条登记）、年度录入（注明来源）、报告内录入（导入或更正，注明理由）',
  valuesConfig: enumDescriptions(CellSource, CELL_SOURCE_LABEL),
});

export enum FindingSeverity {
  ERROR = 'ERROR',
  WARNING = 'WARNING',
}
export const FINDING_SEVERITY_LABEL: Readonly<Record<FindingSeverity, string>> = {
  ERROR: '错误',
  WARNING: '提示',
};
registerEnumType(FindingSeverity, {
  name: 'FindingSeverity',
  description: '校核结果的严重程度：错误须改正后才能提交审核、定稿和报送；提示不阻止提交',
  valuesConfig: enumDescriptions(FindingSeverity, FINDING_SEVERITY_LABEL),
});
