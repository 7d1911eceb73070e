/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AnnualReportCellInput = {
  column: string;
  row: string;
  /** table2 | table3 | table4 */
  table: string;
  /** null: clear the entered figure (the register count applies again) */
  value?: number | null | undefined;
};

/** 年度报告流程：起草 → 审核 → 定稿 → 报送（向政府信息公开工作主管部门提交）→ 公开（向社会公布）。定稿后修改须先退回并说明理由 */
export type AnnualReportStatus =
  /** 起草 */
  | 'DRAFT'
  /** 已定稿 */
  | 'FINALIZED'
  /** 审核中 */
  | 'IN_REVIEW'
  /** 已公开 */
  | 'PUBLISHED'
  /** 已报送 */
  | 'SUBMITTED';

/** A step of the workflow at the version read */
export type AnnualReportStepInput = {
  id: string | number;
  version: number;
};

/** 年报表二中本系统没有登记簿的年度数字，按年录入并注明来源（如审批系统、执法系统导出）；行政处罚一项录入后代替行政处罚登记簿的计数（登记簿不全时使用） */
export type AnnualStatisticItem =
  /** 行政强制处理决定数 */
  | 'ADMINISTRATIVE_COERCION'
  /** 行政事业性收费金额（万元） */
  | 'ADMINISTRATIVE_FEES'
  /** 行政许可处理决定数 */
  | 'ADMINISTRATIVE_LICENSING'
  /** 行政处罚处理决定数 */
  | 'ADMINISTRATIVE_PENALTY';

/** 申请人类型（全国统一年报格式表三的列） */
export type ApplicantType =
  /** 商业企业 */
  | 'COMMERCIAL_ENTERPRISE'
  /** 法律服务机构 */
  | 'LEGAL_SERVICE_ORG'
  /** 自然人 */
  | 'NATURAL_PERSON'
  /** 其他 */
  | 'OTHER_ORG'
  /** 社会公益组织 */
  | 'PUBLIC_WELFARE_ORG'
  /** 科研机构 */
  | 'RESEARCH_INSTITUTION';

/** One indicator: see AssessmentItemDefinition */
export type AssessmentItemInput = {
  cap?: number | null | undefined;
  code: string;
  deadlineKinds?: Array<DeadlineKind> | null | undefined;
  deduction?: number | null | undefined;
  group: string;
  idleDays?: number | null | undefined;
  maxPoints: number;
  minCases?: number | null | undefined;
  occurrenceKinds?: Array<OccurrenceKindInput> | null | undefined;
  perQuarter?: number | null | undefined;
  perYear?: number | null | undefined;
  requirement?: string | null | undefined;
  rule: AssessmentRule;
  scoring?: TimelinessScoring | null | undefined;
  title: string;
  /** Veto: the codes of the items it zeroes */
  vetoes?: Array<string> | null | undefined;
  zeroAfterDays?: number | null | undefined;
};

/** How an indicator is scored: 人工评分 (by the office, with a reason), 信息发布数量 (publications against quarterly and yearly figures), 政务新媒体更新 (a deduction per reminder; zero after a long gap), 按时办理 (deadlines met in time: a rate or a deduction per late case), 按次扣分 (occurrences found by the office, capped), 单项否决 (zeroes other items). */
export type AssessmentRule =
  /** 按时办理 */
  | 'DEADLINES_ON_TIME'
  /** 人工评分 */
  | 'MANUAL'
  /** 政务新媒体更新 */
  | 'NEW_MEDIA_FRESHNESS'
  /** 按次扣分 */
  | 'OCCURRENCES'
  /** 信息发布数量 */
  | 'PUBLICATION_QUOTA'
  /** 单项否决 */
  | 'VETO';

export type AssessmentSheetRef = {
  departmentId: string | number;
  organizationId: string | number;
  period: string;
};

/** 自评: the unit scores itself. 复核: submitted, the office reviews. 定稿: final, the score frozen. */
export type AssessmentSheetState =
  /** 定稿 */
  | 'FINAL'
  /** 复核 */
  | 'REVIEWING'
  /** 自评 */
  | 'SELF_ASSESSING';

export type AssessmentSheetStepInput = {
  departmentId: string | number;
  organizationId: string | number;
  period: string;
  /** Why (required to return a sheet or reopen a final one) */
  reason?: string | null | undefined;
};

/** 自评: the unit's own entry. 复核: the office's. */
export type AssessmentSide =
  /** 复核 */
  | 'REVIEW'
  /** 自评 */
  | 'SELF';

export type AuditLogFilter = {
  /** Entries by this user */
  actorId?: string | number | null | undefined;
  /** Entries about this department and its sub-departments */
  departmentId?: string | number | null | undefined;
  from?: string | null | undefined;
  /** Mutation name, e.g. updateTaskProgress */
  operation?: string | null | undefined;
  targetId?: string | number | null | undefined;
  /** Entity type, e.g. Task */
  targetType?: string | null | undefined;
  to?: string | null | undefined;
};

export type CalendarDayInput = {
  date: string;
  kind: CalendarDayKind;
  /** e.g. 春节, or the local/ad-hoc reason */
  name: string;
};

/** A date that departs from the Monday–Friday rule. 放假: not worked, even on a weekday. 调休上班: worked, even on a weekend. */
export type CalendarDayKind =
  /** 放假 */
  | 'HOLIDAY'
  /** 调休上班 */
  | 'WORKDAY';

/** 年报数字的来源：登记簿统计（可追溯到每条登记）、年度录入（注明来源）、报告内录入（导入或更正，注明理由） */
export type CellSource =
  /** 报告内录入 */
  | 'ENTERED'
  /** 登记簿统计 */
  | 'REGISTER'
  /** 年度录入 */
  | 'STATISTIC';

export type ChannelFilter = {
  /** Include closed accounts and retired columns (default false) */
  includeInactive?: boolean | null | undefined;
  kind?: ChannelKind | null | undefined;
  /** Channels this department may publish on (its own, its ancestors’ and shared ones) */
  usableById?: string | number | null | undefined;
};

/** Where an item is published: a column of the 门户网站, a 政务新媒体 account (微信公众号、微博、客户端…), or the 政府公报 */
export type ChannelKind =
  /** 政府公报 */
  | 'GAZETTE'
  /** 政务新媒体账号 */
  | 'NEW_MEDIA_ACCOUNT'
  /** 门户网站栏目 */
  | 'PORTAL_COLUMN';

export type CheckAnnualReportTextItem = {
  /** A name to show in the result (e.g. the file name) */
  label?: string | null | undefined;
  text: string;
};

export type CompleteDutyInput = {
  /** 公开/答复之日 */
  completedOn: string;
  id: string | number;
  /** Link to the disclosed item or the answer */
  url?: string | null | undefined;
  version: number;
};

/** Record the outcome of a case (审结), or correct it */
export type ConcludeLegalCaseInput = {
  concludedOn: string;
  id: string | number;
  outcome: LegalCaseOutcome;
  version: number;
};

export type CreateAnnualReportInput = {
  /** The reporting organisation (usually the root department) */
  organizationId: string | number;
  /** Default DEPARTMENT (due 31 January) */
  reportingBody?: ReportingBody | null | undefined;
  year: number;
};

export type CreateCategoryInput = {
  /** 政策解读类 (inherited from the parent when omitted) */
  isInterpretation?: boolean | null | undefined;
  name: string;
  /** Parent category; omit for a top-level one */
  parentId?: string | number | null | undefined;
  sortOrder?: number | null | undefined;
};

export type CreateChannelInput = {
  /** Owner: the channel is open to this department and its sub-departments; omit for a shared channel */
  departmentId?: string | number | null | undefined;
  kind: ChannelKind;
  name: string;
  /** Home page of the column or account */
  url?: string | null | undefined;
};

export type CreateDepartmentInput = {
  code: string;
  creditCode?: string | null | undefined;
  kind: DepartmentKind;
  name: string;
  /** Parent department; omit for a new organisation (root) */
  parentId?: string | number | null | undefined;
  sortOrder?: number | null | undefined;
};

export type CreatePlanInput = {
  basisDocuments?: Array<string> | null | undefined;
  issuer?: string | null | undefined;
  /** The organisation (root department) the plan belongs to */
  organizationId: string | number;
  /** Where the plan came from (file or URL) */
  source?: string | null | undefined;
  title: string;
  year: number;
};

export type CreateUserInput = {
  /** Required for DEPARTMENT_HEAD and LIAISON */
  departmentId?: string | number | null | undefined;
  displayName: string;
  password: string;
  /** ADMIN, DEPARTMENT_HEAD or LIAISON */
  role: Role;
  /** 3–32 letters, digits, . _ -; stored lower-case */
  username: string;
};

export type CreateWorkPointInput = {
  dueDate?: string | null | undefined;
  /** 职责分工; ⑴⑵⑶ sub-items become the tasks’ checklist */
  duties?: string | null | undefined;
  /** 牵头科室 (at least one) */
  leadDepartmentIds: Array<string | number>;
  /** e.g. 二(三) */
  number: string;
  planId: string | number;
  /** 政策依据; cited document numbers are extracted from it */
  policyBasis?: string | null | undefined;
  /** 责任单位 named one by one */
  responsibleDepartmentIds?: Array<string | number> | null | undefined;
  /** 责任单位 as scopes (局属各单位 …) */
  responsibleScopes?: Array<DepartmentScope> | null | undefined;
  section: string;
  /** Time limit as written; extracted from the duties when omitted */
  timeLimit?: string | null | undefined;
  title: string;
};

/** What a deadline belongs to: a task of the 工作要点, an 依申请公开 application, the disclosure of a 建议提案 reply, the answer to a 网站留言, the publication of a 行政处罚 decision, a 政务新媒体 account to update, the 政府信息公开工作年度报告 to publish, or the reply to a 督办单. */
export type DeadlineKind =
  /** 年度报告 */
  | 'ANNUAL_REPORT'
  /** 依申请公开 */
  | 'APPLICATION'
  /** 网站留言 */
  | 'MESSAGE'
  /** 政务新媒体 */
  | 'NEW_MEDIA'
  /** 行政处罚 */
  | 'PENALTY'
  /** 建议提案 */
  | 'PROPOSAL'
  /** 督办单 */
  | 'SUPERVISION'
  /** 工作任务 */
  | 'TASK';

/** 即将到期: within the rule's dueSoonWorkingDays of the due date. 严重逾期: more than the rule's longOverdueWorkingDays overdue (by default, past twice its period). 暂停计时: the clock is stopped while waiting for the applicant's 补正 or a consultation (征求意见); never overdue. */
export type DeadlineState =
  /** 已办结 */
  | 'DONE'
  /** 即将到期 */
  | 'DUE_SOON'
  /** 严重逾期 */
  | 'LONG_OVERDUE'
  /** 正常 */
  | 'ON_TRACK'
  /** 已逾期 */
  | 'OVERDUE'
  /** 暂停计时 */
  | 'PAUSED';

export type DeliveryFilter = {
  channelId?: string | number | null | undefined;
  /** The department's channels */
  departmentId?: string | number | null | undefined;
  /** At most (default 100, up to 500) */
  first?: number | null | undefined;
  states?: Array<DeliveryState> | null | undefined;
};

/** Where one outgoing message stands: 待发送, 发送中, 已发送, 发送失败 (given up; the channel answer is kept), 待汇总 / 已汇总发送 (daily digest). */
export type DeliveryState =
  /** 已汇总发送 */
  | 'DIGESTED'
  /** 发送失败 */
  | 'FAILED'
  /** 待汇总 */
  | 'HELD'
  /** 待发送 */
  | 'PENDING'
  /** 发送中 */
  | 'SENDING'
  /** 已发送 */
  | 'SENT';

/** Kind of organisation unit; 机关/局 is the root of a tree */
export type DepartmentKind =
  /** 县直单位 */
  | 'COUNTY_UNIT'
  /** 机关科室 */
  | 'OFFICE'
  /** 机关/局 */
  | 'ORGANIZATION'
  /** 局属单位 */
  | 'SUBORDINATE_UNIT'
  /** 乡镇（街道） */
  | 'TOWNSHIP';

/** A scope written in a plan that expands to every department of a kind */
export type DepartmentScope =
  /** 县直各单位 */
  | 'COUNTY_UNITS'
  /** 机关各科室 */
  | 'OFFICES'
  /** 局属各单位 */
  | 'SUBORDINATE_UNITS'
  /** 各乡镇 */
  | 'TOWNSHIPS';

export type DutyFilter = {
  departmentId?: string | number | null | undefined;
  kinds?: Array<DutyKind> | null | undefined;
  /** true: open only; false: completed only */
  open?: boolean | null | undefined;
};

/** A duty triggered by an event, with a working-day clock: 建议提案办理复文 disclosed within 7 working days of the reply, 网站留言 answered within 5 working days of receipt, 行政处罚决定 published within 7 working days of the decision. */
export type DutyKind =
  /** 网站留言答复 */
  | 'MESSAGE'
  /** 行政处罚决定公开 */
  | 'PENALTY'
  /** 建议提案办理复文公开 */
  | 'PROPOSAL';

export type EvidenceLinkInput = {
  title: string;
  /** http(s) URL, or a path in this system (/admin/…) */
  url: string;
};

export type ExtendRequestInput = {
  /** 批准人（政府信息公开工作机构负责人） */
  approver: string;
  id: string | number;
  /** The date of this step */
  on: string;
  reason: string;
  /** The version you read (optimistic locking) */
  version: number;
  /** Working days, at most 20 */
  workingDays: number;
};

/** 校核结果的严重程度：错误须改正后才能提交审核、定稿和报送；提示不阻止提交 */
export type FindingSeverity =
  /** 错误 */
  | 'ERROR'
  /** 提示 */
  | 'WARNING';

/** Read a published report (text as copied from a government website) into a stored report: all figures entered, narrative split by part */
export type ImportAnnualReportInput = {
  organizationId: string | number;
  reportingBody?: ReportingBody | null | undefined;
  text: string;
  /** When the text does not say its year */
  year?: number | null | undefined;
};

export type ImportPlanInput = {
  /** Create departments named in the text that do not exist yet (default false: refuse) */
  createMissingDepartments?: boolean | null | undefined;
  /** Omitted: the importer decides between table, 工作要点 prose and 自查 list */
  format?: PlanDocumentFormat | null | undefined;
  organizationId: string | number;
  source?: string | null | undefined;
  /** The document as pasted: plain text (tables with | or tabs) or HTML copied from a web page */
  text: string;
  /** Title; read from the document when omitted */
  title?: string | null | undefined;
  /** Unit names as written → departments, as the person confirmed them in the preview */
  unitMapping?: Array<UnitMappingInput> | null | undefined;
  /** Plan year; read from the title when omitted */
  year?: number | null | undefined;
};

/** A 索引号 template being edited, to try out before setting it */
export type IndexNumberPreviewInput = {
  /** The organisation (root department) */
  organizationId: string | number;
  /** Publication date of the item to number (default today, Asia/Shanghai) */
  publishedOn?: string | null | undefined;
  reset: IndexNumberReset;
  /** The template to try, tokens as in setIndexNumberTemplate */
  template: string;
};

/** When the 索引号 sequence starts again at 1 */
export type IndexNumberReset =
  /** 每月从1开始 */
  | 'MONTHLY'
  /** 连续编号，不重置 */
  | 'NEVER'
  /** 每年从1开始 */
  | 'YEARLY';

export type InformationRequestFilter = {
  departmentId?: string | number | null | undefined;
  /** Still open at the end of this year (结转下年度) */
  openAtEndOf?: number | null | undefined;
  /** Received in this year */
  receivedYear?: number | null | undefined;
  search?: string | null | undefined;
  status?: Array<RequestStatus> | null | undefined;
};

/** 政策解读形式；图表含图解 */
export type InterpretationForm =
  /** 动漫 */
  | 'ANIMATION'
  /** 图表 */
  | 'CHART'
  /** 在线访谈 */
  | 'INTERVIEW'
  /** 文字 */
  | 'TEXT'
  /** 视频 */
  | 'VIDEO';

/** A 督办单 to issue: to a department, about one of its tasks, a register item (through its deadline), or a reason alone (e.g. its quota) */
export type IssueSupervisionNoticeInput = {
  /** A deadline of that department (an information request, a proposal reply …) */
  deadlineId?: string | number | null | undefined;
  departmentId: string | number;
  /** 督办事由 */
  reason: string;
  /** Reply within this many working days from today (调休 counted), 1–60 */
  replyWithinWorkingDays: number;
  /** 办理要求 */
  requirement?: string | null | undefined;
  /** A task of that department */
  taskId?: string | number | null | undefined;
};

export type LegalCaseFilter = {
  /** Cases of this department and its sub-departments (e.g. a report’s organisation) */
  departmentId?: string | number | null | undefined;
  kinds?: Array<LegalCaseKind> | null | undefined;
  /** true: 尚未审结 only */
  pending?: boolean | null | undefined;
  /** Cases received in this year */
  year?: number | null | undefined;
};

/** 因政府信息公开工作被申请行政复议、提起行政诉讼的案件类别（年报表四）。行政复议机关作为共同被告的行政诉讼案件，只计原行为主体的案件（国办公开办函〔2016〕201号） */
export type LegalCaseKind =
  /** 行政诉讼（复议后起诉） */
  | 'LITIGATION_AFTER_REVIEW'
  /** 行政诉讼（未经复议直接起诉） */
  | 'LITIGATION_DIRECT'
  /** 行政复议 */
  | 'REVIEW';

/** 审结结果：结果维持（维持、驳回）、结果纠正（撤销、变更、确认违法、责令履行）、其他结果（撤回、和解、终止、不予受理等）；未审结的案件没有结果 */
export type LegalCaseOutcome =
  /** 结果纠正 */
  | 'CORRECTED'
  /** 结果维持 */
  | 'MAINTAINED'
  /** 其他结果 */
  | 'OTHER';

export type MarkNotificationsReadInput = {
  /** Every unread notification of yours */
  all?: boolean | null | undefined;
  ids?: Array<string | number> | null | undefined;
};

export type NormativeDocumentFilter = {
  /** Documents of this department and its sub-departments */
  departmentId?: string | number | null | undefined;
  kind?: NormativeDocumentKind | null | undefined;
  /** true: 现行有效 only (not repealed); false: repealed only */
  valid?: boolean | null | undefined;
};

/** 规章或者行政规范性文件（条例第二十条第（一）项，年报表二） */
export type NormativeDocumentKind =
  /** 行政规范性文件 */
  | 'NORMATIVE_DOCUMENT'
  /** 规章 */
  | 'REGULATION';

/** A delivery channel: 电子邮件 (SMTP), 企业微信群机器人 or 钉钉群机器人 (webhooks). */
export type NotificationChannelKind =
  /** 钉钉群机器人 */
  | 'DINGTALK_ROBOT'
  /** 电子邮件 */
  | 'EMAIL'
  /** 企业微信群机器人 */
  | 'WECOM_ROBOT';

/** What a notification is about: 督办 (a 督办单), 提醒 (before, on or after a due date), 升级督办 (escalated to the head or the office), 每日汇总. */
export type NotificationKind =
  /** 每日汇总 */
  | 'DIGEST'
  /** 升级督办 */
  | 'ESCALATION'
  /** 提醒 */
  | 'REMINDER'
  /** 督办 */
  | 'SUPERVISION';

export type OccurrenceCountInput = {
  count: number;
  label: string;
};

export type OccurrenceKindInput = {
  amount: number;
  label: string;
};

export type OverdueFilter = {
  /** This department and its sub-departments */
  departmentId?: string | number | null | undefined;
  kinds?: Array<DeadlineKind> | null | undefined;
  /** Default: DUE_SOON, OVERDUE, LONG_OVERDUE */
  states?: Array<DeadlineState> | null | undefined;
};

/** The length of a reporting period (a quota is set per month, quarter or year) */
export type PeriodType =
  /** 每月 */
  | 'MONTH'
  /** 每季度 */
  | 'QUARTER'
  /** 每年 */
  | 'YEAR';

export type PlanDocumentFormat =
  /** 自查清单 */
  | 'SELF_INSPECTION'
  /** 任务分工表 */
  | 'TABLE'
  /** 年度工作要点 */
  | 'WORK_PLAN';

export type PlanFilter = {
  /** Include retired plans (default false) */
  includeRetired?: boolean | null | undefined;
  /** Substring of the title or issuer */
  search?: string | null | undefined;
  year?: number | null | undefined;
};

export type PublicationFilter = {
  /** This category and its sub-categories */
  categoryId?: string | number | null | undefined;
  channelId?: string | number | null | undefined;
  departmentId?: string | number | null | undefined;
  /** Only rows found recorded twice before addresses were compared canonically (duplicateOfId set) */
  duplicatesOnly?: boolean | null | undefined;
  /** Published on or after */
  from?: string | null | undefined;
  /** With departmentId: include its sub-departments (default false) */
  includeSubDepartments?: boolean | null | undefined;
  /** Words in the title or summary, or (part of) the 索引号 or URL */
  search?: string | null | undefined;
  /** Published on or before */
  to?: string | null | undefined;
};

/** 公开: records the report in the ledger (category 年报) with its 索引号 */
export type PublishAnnualReportInput = {
  /** Default: the category named 年报 (or 年度报告) */
  categoryId?: string | number | null | undefined;
  /** 发布渠道 (门户网站栏目) */
  channelId: string | number;
  id: string | number;
  publishedOn: string;
  url: string;
  version: number;
};

export type QuotaFilter = {
  /** Quotas that apply to this department (its own and its kind’s) */
  departmentId?: string | number | null | undefined;
  organizationId?: string | number | null | undefined;
  periodType?: PeriodType | null | undefined;
  /** In force in this year */
  year?: number | null | undefined;
};

/** 达标: published ≥ target. Otherwise against the items due by the day (whole items of expectedByToday): 正常 ≥ 90%, 滞后 ≥ 60%, 严重滞后 below — and 严重滞后 once the period is over without reaching the target. */
export type QuotaStatus =
  /** 滞后 */
  | 'AT_RISK'
  /** 严重滞后 */
  | 'BEHIND'
  /** 达标 */
  | 'MET'
  /** 正常 */
  | 'ON_PACE';

export type RecordPublicationInput = {
  /** 目录分类 */
  categoryId: string | number;
  /** 发布渠道 (门户网站栏目, 政务新媒体账号 or 政府公报) */
  channelId: string | number;
  /** 发布单位 */
  departmentId: string | number;
  /** Required for a 政策解读 category, refused otherwise */
  interpretationForm?: InterpretationForm | null | undefined;
  /** 发布日期, not after today (Asia/Shanghai) */
  publishedOn: string;
  /** 内容概述 */
  summary?: string | null | undefined;
  /** The task it fulfils (its work point is taken from the task) */
  taskId?: string | number | null | undefined;
  title: string;
  /** Link to the published item, http(s) */
  url: string;
  /** The work point it fulfils */
  workPointId?: string | number | null | undefined;
};

export type RegisterDutyInput = {
  departmentId: string | number;
  /** The event that starts the clock */
  eventOn: string;
  kind: DutyKind;
  note?: string | null | undefined;
  party?: string | null | undefined;
  referenceNumber?: string | null | undefined;
  title: string;
};

export type RegisterInformationRequestInput = {
  applicantName: string;
  applicantType: ApplicantType;
  channel: RequestChannel;
  content: string;
  /** Handling department */
  departmentId: string | number;
  /** 收到申请之日 per 第三十一条 (hand-in / signed-for / confirmed) */
  receivedOn: string;
};

export type RegisterLegalCaseInput = {
  caseNumber?: string | null | undefined;
  /** 被申请人/被告：本机关或者其部门 */
  departmentId: string | number;
  kind: LegalCaseKind;
  note?: string | null | undefined;
  party?: string | null | undefined;
  receivedOn: string;
  /** 案由 */
  subject: string;
};

export type RegisterNormativeDocumentInput = {
  /** 制发机关 */
  departmentId: string | number;
  /** 文号 */
  documentNumber: string;
  issuedOn: string;
  kind: NormativeDocumentKind;
  title: string;
  url?: string | null | undefined;
};

/** The new order of the sub-categories of one parent (or of the top level) */
export type ReorderCategoriesInput = {
  /** Every child of the parent, retired ones included, in the new order */
  orderedIds: Array<string | number>;
  /** The parent; omit for the top level */
  parentId?: string | number | null | undefined;
};

/** 废止/失效 */
export type RepealNormativeDocumentInput = {
  id: string | number;
  /** 废止依据或者失效原因 */
  repealNote: string;
  repealedOn: string;
  version: number;
};

export type ReplySupervisionNoticeInput = {
  /** Evidence links (佐证材料), http(s) URLs */
  evidenceUrls?: Array<string> | null | undefined;
  id: string | number;
  /** 办理情况 */
  reply: string;
  /** The version you read (optional): refused with STALE_VERSION if it changed since */
  version?: number | null | undefined;
};

export type ReplyToRequestInput = {
  id: string | number;
  /** The date of this step */
  on: string;
  outcome: RequestOutcome;
  /** The version you read (optimistic locking) */
  version: number;
};

/** 报告主体，决定报告期限（条例第四十九条）：县级以上人民政府部门在每年1月31日前，县级以上地方人民政府在每年3月31日前公布上一年度年报 */
export type ReportingBody =
  /** 政府部门（1月31日前） */
  | 'DEPARTMENT'
  /** 人民政府（3月31日前） */
  | 'GOVERNMENT';

/** 申请方式，决定收到申请之日（条例第三十一条）：当面提交的，以提交之日为收到申请之日；邮寄的，以签收之日为准；网络申请、传真、电子邮件的，以双方确认之日为准 */
export type RequestChannel =
  /** 电子邮件 */
  | 'EMAIL'
  /** 传真 */
  | 'FAX'
  /** 当面提交 */
  | 'IN_PERSON'
  /** 网络申请 */
  | 'ONLINE'
  /** 其他 */
  | 'OTHER'
  /** 邮寄 */
  | 'POST';

/** 办理结果（全国统一年报格式表三的末级分类） */
export type RequestOutcome =
  /** （三）8.属于行政查询事项 */
  | 'DENIED_ADMIN_QUERY'
  /** （三）7.属于行政执法案卷 */
  | 'DENIED_ENFORCEMENT_FILE'
  /** （三）5.属于三类内部事务信息 */
  | 'DENIED_INTERNAL_AFFAIRS'
  /** （三）2.其他法律行政法规禁止公开 */
  | 'DENIED_LAW_FORBIDDEN'
  /** （三）6.属于四类过程性信息 */
  | 'DENIED_PROCESS_INFO'
  /** （三）1.属于国家秘密 */
  | 'DENIED_STATE_SECRET'
  /** （三）4.保护第三方合法权益 */
  | 'DENIED_THIRD_PARTY_RIGHTS'
  /** （三）3.危及“三安全一稳定” */
  | 'DENIED_THREE_SECURITY_ONE_STABILITY'
  /** （一）予以公开 */
  | 'GRANTED'
  /** （五）1.信访举报投诉类申请 */
  | 'NOT_PROCESSED_COMPLAINT'
  /** （五）5.要求行政机关确认或重新出具已获取信息 */
  | 'NOT_PROCESSED_CONFIRM_REISSUE'
  /** （五）4.无正当理由大量反复申请 */
  | 'NOT_PROCESSED_MASSIVE'
  /** （五）3.要求提供公开出版物 */
  | 'NOT_PROCESSED_PUBLICATION'
  /** （五）2.重复申请 */
  | 'NOT_PROCESSED_REPEAT'
  /** （六）2.申请人逾期未缴纳费用、行政机关不再处理 */
  | 'OTHER_FEE_UNPAID'
  /** （六）1.申请人无正当理由逾期不补正、行政机关不再处理 */
  | 'OTHER_NO_CORRECTION'
  /** （六）3.其他 */
  | 'OTHER_OTHER'
  /** （二）部分公开 */
  | 'PARTIALLY_GRANTED'
  /** （四）2.没有现成信息需要另行制作 */
  | 'UNABLE_NEEDS_CREATION'
  /** （四）1.本机关不掌握相关政府信息 */
  | 'UNABLE_NOT_HELD'
  /** （四）3.补正后申请内容仍不明确 */
  | 'UNABLE_STILL_UNCLEAR';

/** 待申请人补正: the clock waits for the applicant. 征求意见中: a third party or another agency is consulted (征求第三方/其他机关意见) and the clock stops, unless the consultation began after the due date. */
export type RequestStatus =
  /** 已办结 */
  | 'ANSWERED'
  /** 待申请人补正 */
  | 'AWAITING_CORRECTION'
  /** 征求意见中 */
  | 'CONSULTING'
  /** 办理中 */
  | 'PROCESSING';

export type RequestStepInput = {
  id: string | number;
  /** The date of this step */
  on: string;
  /** The version you read (optimistic locking) */
  version: number;
};

/** Restore a retired plan or work point */
export type RestoreInput = {
  id: string | number;
  /** The version you read */
  version: number;
};

/** Retire (停用) a plan or work point: it leaves the default lists, its tasks are kept */
export type RetireInput = {
  id: string | number;
  /** Why (required) */
  reason: string;
  /** The version you read */
  version: number;
};

export type ReturnAnnualReportInput = {
  id: string | number;
  /** 退回理由 */
  reason: string;
  version: number;
};

export type ReturnSupervisionNoticeInput = {
  id: string | number;
  /** Why the reply is not accepted (what is still missing) */
  reason: string;
  /** Working days for the new reply (default: the original) */
  replyWithinWorkingDays?: number | null | undefined;
};

/** What a principal may do. 管理员: the disclosure office (政务公开办), everything. 科室负责人: own department and its sub-departments. 信息员: publications and task progress of own department. 大屏: a read-only wall-screen token (not a user), optionally limited to some departments. */
export type Role =
  /** 管理员 */
  | 'ADMIN'
  /** 科室负责人 */
  | 'DEPARTMENT_HEAD'
  /** 信息员 */
  | 'LIAISON'
  /** 大屏 */
  | 'SCREEN';

/** How a rule computes a due date. 工作日: N个工作日内 (the event day not counted). 自然日: N日内, a last day on a holiday moving to the next working day. 每年固定日期: 每年M月D日前. 最长间隔: a recurring maximum gap since the last event (如政务新媒体更新). 人工设定: a due date set by a person. */
export type RuleKind =
  /** 自然日 */
  | 'CALENDAR_DAYS'
  /** 人工设定 */
  | 'EXPLICIT'
  /** 每年固定日期 */
  | 'FIXED_DATE'
  /** 最长间隔 */
  | 'MAX_GAP'
  /** 工作日 */
  | 'WORKING_DAYS';

/** An indicator set for an organisation and period, created or replaced whole */
export type SaveAssessmentSetInput = {
  bonusCap?: number | null | undefined;
  bonusTitle?: string | null | undefined;
  items: Array<AssessmentItemInput>;
  /** The organisation (a department of kind 机关/局) whose units are assessed */
  organizationId: string | number;
  /** 2026, 2026-H1 or 2026-H2 */
  period: string;
  title: string;
  /** The version you read (replacing an existing set): refused with STALE_VERSION if it changed */
  version?: number | null | undefined;
};

/** What a fact behind a score is: publications counted, a case handled late, a case still open past its date, a reminder to update, a gap without updates, an entry by a person, a veto. */
export type ScoreFactKind =
  /** 逾期办理 */
  | 'DEADLINE_LATE'
  /** 逾期未办 */
  | 'DEADLINE_OPEN_OVERDUE'
  /** 人工评分 */
  | 'ENTRY'
  /** 信息发布 */
  | 'PUBLICATIONS'
  /** 被督促提醒 */
  | 'REMINDER'
  /** 长期未更新 */
  | 'UPDATE_GAP'
  /** 单项否决 */
  | 'VETO';

/** Enter figures into the report itself (a year before the registers, a correction), with the reason */
export type SetAnnualReportCellsInput = {
  cells: Array<AnnualReportCellInput>;
  id: string | number;
  /** 理由，如“按已公开年报录入” */
  reason: string;
  version: number;
};

export type SetAnnualStatisticInput = {
  item: AnnualStatisticItem;
  organizationId: string | number;
  /** 数据来源 */
  source: string;
  /** A count (a whole number), or 万元 with up to 4 decimals for 行政事业性收费 */
  value: number;
  year: number;
};

/** A unit’s 自评 or the office’s 复核 of one item (or BONUS), replacing the previous one of the same side */
export type SetAssessmentEntryInput = {
  /** The assessed unit */
  departmentId: string | number;
  /** 佐证材料 */
  evidence?: Array<EvidenceLinkInput> | null | undefined;
  /** The item code, or BONUS */
  itemCode: string;
  /** 按次扣分: occurrences per kind */
  occurrences?: Array<OccurrenceCountInput> | null | undefined;
  organizationId: string | number;
  period: string;
  /** 人工评分 and 加分项: the points; other items: the unit’s 自评 (shown beside the computed points) */
  points?: number | null | undefined;
  /** Why (required for the office’s 复核) */
  reason?: string | null | undefined;
  side: AssessmentSide;
  /** 单项否决: applies or not */
  vetoed?: boolean | null | undefined;
};

/** The unit’s 自查情况 for one item (or BONUS), as it will read in the 自查报告; empty: back to the text written from the data */
export type SetAssessmentFindingInput = {
  departmentId: string | number;
  finding: string;
  itemCode: string;
  organizationId: string | number;
  period: string;
};

/** A year’s 节假日安排 notice (year given: replaces that year), or single local/ad-hoc days (no year) */
export type SetCalendarDaysInput = {
  days: Array<CalendarDayInput>;
  /** The notice that sets the days, e.g. 国办发明电〔2026〕X号 (required) */
  source: string;
  /** The notice’s year: its days replace every entry of that year, and the year stops being provisional */
  year?: number | null | undefined;
};

export type SetDeadlineRuleInput = {
  code: string;
  /** N (working or calendar days) */
  days?: number | null | undefined;
  dueSoonWorkingDays?: number | null | undefined;
  longOverdueWorkingDays?: number | null | undefined;
  policyBasis?: string | null | undefined;
  vetoDays?: number | null | undefined;
  warnDays?: number | null | undefined;
};

export type SetIndexNumberTemplateInput = {
  /** The organisation (root department) */
  organizationId: string | number;
  /** When the sequence starts again at 1 */
  reset: IndexNumberReset;
  /** Tokens: {creditCode} {orgCode} {YYYY} {YY} {MM} {DD} {SEQ:n}; default {creditCode}/{YYYY}{MM}-{SEQ:5} */
  template: string;
};

/** Your own mailbox for the messages that concern you */
export type SetMyEmailInput = {
  /** null or empty: remove */
  address?: string | null | undefined;
  /** Mute it (the in-app copies stay) */
  muted?: boolean | null | undefined;
};

/** A department's channel of one kind (one per kind: setting it again replaces the target) */
export type SetNotificationChannelInput = {
  departmentId: string | number;
  /** 每日汇总 instead of single reminders (督办单 still go at once) */
  digest?: boolean | null | undefined;
  kind: NotificationChannelKind;
  /** Muted: nothing is sent here */
  muted?: boolean | null | undefined;
  /** 钉钉 加签 secret (SEC…). Omitted: kept; '': removed. Stored sealed, never returned */
  secret?: string | null | undefined;
  /** E-mail addresses (separated by , or ;), or the robot webhook URL */
  target: string;
};

/** A quota for one department, or for every department of a kind in an organisation (departmentKind + organizationId) */
export type SetQuotaInput = {
  /** Only publications of this category (and its sub-categories) count; omit for all */
  categoryId?: string | number | null | undefined;
  /** One department: overrides its kind’s quota */
  departmentId?: string | number | null | undefined;
  /** Every department of this kind (with organizationId) */
  departmentKind?: DepartmentKind | null | undefined;
  /** First year it applies to (omit: since always) */
  fromYear?: number | null | undefined;
  /** Change this quota (with version); omit to create one */
  id?: string | number | null | undefined;
  /** The organisation of a per-kind quota (derived for a department) */
  organizationId?: string | number | null | undefined;
  periodType: PeriodType;
  /** Items per period, at least 1 */
  target: number;
  /** Last year it applies to (omit: until changed) */
  toYear?: number | null | undefined;
  /** The version you read (with id) */
  version?: number | null | undefined;
};

export type StartConsultationInput = {
  id: string | number;
  /** The date of this step */
  on: string;
  /** 征求意见的第三方或其他机关 */
  party: string;
  /** The version you read (optimistic locking) */
  version: number;
};

export type SubmitAnnualReportInput = {
  id: string | number;
  /** 向政府信息公开工作主管部门报送之日 */
  submittedOn: string;
  version: number;
};

export type SupervisionNoticeFilter = {
  /** This department and its sub-departments */
  departmentId?: string | number | null | undefined;
  /** Only those not 已办结 (default false) */
  openOnly?: boolean | null | undefined;
  /** 逾期 matches the notices past their reply-by date without a reply */
  states?: Array<SupervisionNoticeState> | null | undefined;
  taskId?: string | number | null | undefined;
  /** Issued in this year */
  year?: number | null | undefined;
};

/** Where a 督办单 stands: 待签收, 已签收, 已回复 (the office decides), 已办结, or 逾期 (past its reply-by date without a reply). */
export type SupervisionNoticeState =
  /** 已签收 */
  | 'ACKNOWLEDGED'
  /** 已办结 */
  | 'CLOSED'
  /** 逾期 */
  | 'OVERDUE'
  /** 待签收 */
  | 'PENDING'
  /** 已回复 */
  | 'REPLIED';

export type TaskFilter = {
  departmentId?: string | number | null | undefined;
  /** Due on or after */
  dueFrom?: string | null | undefined;
  /** Due on or before */
  dueTo?: string | null | undefined;
  /** Include tasks no longer assigned and tasks of retired points or plans (default false) */
  includeRetired?: boolean | null | undefined;
  /** With departmentId: include its sub-departments (default false) */
  includeSubDepartments?: boolean | null | undefined;
  planId?: string | number | null | undefined;
  role?: TaskRole | null | undefined;
  status?: Array<TaskStatus> | null | undefined;
  workPointId?: string | number | null | undefined;
};

/** A department’s part in a task: 牵头 (lead) or 配合 (cooperating) */
export type TaskRole =
  /** 配合 */
  | 'COOPERATING'
  /** 牵头 */
  | 'LEAD';

/** 不适用: not within the unit’s remit (不在我单位职能范围内), which needs a reason (须说明理由). 已完成 goes with 100 % progress, 未开始 with 0 %. */
export type TaskStatus =
  /** 已完成 */
  | 'DONE'
  /** 进行中 */
  | 'IN_PROGRESS'
  /** 不适用 */
  | 'NOT_APPLICABLE'
  /** 未开始 */
  | 'NOT_STARTED';

/** 按及时率: max × in time / all cases. 逾期按件扣分: max − deduction per late case (capped). */
export type TimelinessScoring =
  /** 逾期按件扣分 */
  | 'PER_LATE'
  /** 按及时率 */
  | 'RATE';

/** A unit name as the document writes it, and the department it means */
export type UnitMappingInput = {
  departmentId: string | number;
  name: string;
};

/** Only the parts given change */
export type UpdateAnnualReportTextInput = {
  id: string | number;
  /** 信息处理费（元） */
  informationFee?: number | null | undefined;
  otherMatters?: string | null | undefined;
  overview?: string | null | undefined;
  preamble?: string | null | undefined;
  proactiveText?: string | null | undefined;
  problems?: string | null | undefined;
  /** 落款日期 */
  signedOn?: string | null | undefined;
  version: number;
};

export type UpdateCategoryInput = {
  id: string | number;
  isActive?: boolean | null | undefined;
  name?: string | null | undefined;
  sortOrder?: number | null | undefined;
  version: number;
};

export type UpdateChannelInput = {
  /** New owner: open to this department and its sub-departments; null: open to all. Omit to keep */
  departmentId?: string | number | null | undefined;
  id: string | number;
  /** false: the account was closed or the column retired */
  isActive?: boolean | null | undefined;
  name?: string | null | undefined;
  url?: string | null | undefined;
  version: number;
};

export type UpdateDepartmentInput = {
  creditCode?: string | null | undefined;
  id: string | number;
  kind?: DepartmentKind | null | undefined;
  name?: string | null | undefined;
  /** Move under another department */
  parentId?: string | number | null | undefined;
  sortOrder?: number | null | undefined;
  /** The version you read; a stale one is refused (STALE_VERSION) */
  version: number;
};

/** Changes to a plan; omitted fields stay as they are */
export type UpdatePlanInput = {
  /** Document numbers the plan is based on (replaces the list) */
  basisDocuments?: Array<string> | null | undefined;
  id: string | number;
  /** 发文单位; an empty string clears it */
  issuer?: string | null | undefined;
  /** Where the plan came from; an empty string clears it */
  source?: string | null | undefined;
  title?: string | null | undefined;
  /** The version you read; a stale one is refused (STALE_VERSION) */
  version: number;
  year?: number | null | undefined;
};

/** Only the fields given change; null clears summary, workPointId, taskId and interpretationForm */
export type UpdatePublicationInput = {
  categoryId?: string | number | null | undefined;
  channelId?: string | number | null | undefined;
  /** Move to another department of the same organisation */
  departmentId?: string | number | null | undefined;
  id: string | number;
  interpretationForm?: InterpretationForm | null | undefined;
  publishedOn?: string | null | undefined;
  summary?: string | null | undefined;
  taskId?: string | number | null | undefined;
  title?: string | null | undefined;
  url?: string | null | undefined;
  /** The version you read; a stale one is refused (STALE_VERSION) */
  version: number;
  workPointId?: string | number | null | undefined;
};

/** New figures of the reminder rule of a kind of deadline (omitted ones stay) */
export type UpdateReminderRuleInput = {
  active?: boolean | null | undefined;
  /** Working days before the due date (each 1–60, at most 5) */
  daysBefore?: Array<number> | null | undefined;
  deadlineKind: DeadlineKind;
  /** Escalate to the department head after N working days overdue (0: never) */
  escalateToHeadAfter?: number | null | undefined;
  /** Escalate to the office after N working days overdue (0: never) */
  escalateToOfficeAfter?: number | null | undefined;
  onDueDay?: boolean | null | undefined;
  /** While overdue, every N working days (0: never) */
  overdueEveryWorkingDays?: number | null | undefined;
  /** The version you read */
  version: number;
};

export type UpdateTaskProgressInput = {
  /** Done flags of the checklist items, in order */
  checklist?: Array<boolean> | null | undefined;
  /** Evidence links (佐证材料), http(s) URLs */
  evidenceUrls?: Array<string> | null | undefined;
  id: string | number;
  /** Required with status NOT_APPLICABLE (the note is used when omitted) */
  notApplicableReason?: string | null | undefined;
  /** What was done (进展说明) */
  note?: string | null | undefined;
  /** 0–100 */
  progress?: number | null | undefined;
  /** 自查情况 */
  selfInspection?: string | null | undefined;
  status?: TaskStatus | null | undefined;
  /** The version you read; if someone changed the task since, the update is refused with STALE_VERSION */
  version: number;
};

export type UpdateUserInput = {
  departmentId?: string | number | null | undefined;
  displayName?: string | null | undefined;
  id: string | number;
  /** false signs the user out everywhere and blocks sign-in */
  isActive?: boolean | null | undefined;
  /** New password (signs the user out everywhere) */
  password?: string | null | undefined;
  role?: Role | null | undefined;
  /** true: lift a lock caused by failed logins */
  unlock?: boolean | null | undefined;
  version: number;
};

/** Changes to a work point; omitted fields stay as they are. Run breakDownWorkPoint afterwards to bring the tasks in line with new units. */
export type UpdateWorkPointInput = {
  /** Cited document numbers (replaces the extracted list) */
  citedDocuments?: Array<string> | null | undefined;
  /** New due date: open tasks of the point (and their deadlines) move to it */
  dueDate?: string | null | undefined;
  /** 职责分工; its ⑴⑵⑶ sub-items become the open tasks’ checklist (ticks kept by text) */
  duties?: string | null | undefined;
  id: string | number;
  /** 牵头科室 (replaces the list; at least one) */
  leadDepartmentIds?: Array<string | number> | null | undefined;
  /** e.g. 二(三) */
  number?: string | null | undefined;
  /** 政策依据; cited document numbers are extracted from it unless citedDocuments is given */
  policyBasis?: string | null | undefined;
  /** 责任单位 named one by one (replaces the list) */
  responsibleDepartmentIds?: Array<string | number> | null | undefined;
  /** 责任单位 as scopes (replaces the list) */
  responsibleScopes?: Array<DepartmentScope> | null | undefined;
  section?: string | null | undefined;
  /** Time limit as written; an empty string clears it */
  timeLimit?: string | null | undefined;
  title?: string | null | undefined;
  /** The version you read; a stale one is refused (STALE_VERSION) */
  version: number;
};

export type WorkPointFilter = {
  /** Points this department leads or is responsible for (named or by scope) */
  departmentId?: string | number | null | undefined;
  /** Include retired points and points of retired plans (default false) */
  includeRetired?: boolean | null | undefined;
  planId?: string | number | null | undefined;
  /** Substring of the title, number, 政策依据 or duties */
  search?: string | null | undefined;
  section?: string | null | undefined;
};

export type AnnualReportSummaryFragment = { id: string, version: number, year: number, status: AnnualReportStatus, reportingBody: ReportingBody, dueDate: string, submittedOn: string | null, publishedOn: string | null, enteredCellCount: number, organization: { id: string, name: string }, deadline: { id: string, dueDate: string, state: DeadlineState, provisional: boolean, completedOn: string | null } | null };

export type AnnualReportFullFragment = { createdAt: string, updatedAt: string, signedOn: string | null, informationFee: number | null, preamble: string, overview: string, proactiveText: string, problems: string, otherMatters: string, id: string, version: number, year: number, status: AnnualReportStatus, reportingBody: ReportingBody, dueDate: string, submittedOn: string | null, publishedOn: string | null, enteredCellCount: number, text: { preamble: string, overview: string, proactiveText: string, problems: string, otherMatters: string }, liveFields: Array<{ name: string, description: string, value: number }>, figures: Array<{ table: string, row: string, column: string, value: number, source: CellSource, note: string, registerValue: number | null }>, findings: Array<{ rule: string, severity: FindingSeverity, message: string, cells: Array<{ table: string, row: string, column: string }> }>, history: Array<{ from: string | null, to: string, actor: string, at: string, reason: string | null }>, publication: { id: string, indexNumber: string, url: string, title: string } | null, organization: { id: string, name: string }, deadline: { id: string, dueDate: string, state: DeadlineState, provisional: boolean, completedOn: string | null } | null };

export type AnnualReportsQueryVariables = Exact<{
  organizationId?: string | number | null | undefined;
}>;


export type AnnualReportsQuery = { annualReports: Array<{ id: string, version: number, year: number, status: AnnualReportStatus, reportingBody: ReportingBody, dueDate: string, submittedOn: string | null, publishedOn: string | null, enteredCellCount: number, findings: Array<{ severity: FindingSeverity }>, organization: { id: string, name: string }, deadline: { id: string, dueDate: string, state: DeadlineState, provisional: boolean, completedOn: string | null } | null }> };

export type AnnualReportQueryVariables = Exact<{
  id: string | number;
}>;


export type AnnualReportQuery = { annualReport: { createdAt: string, updatedAt: string, signedOn: string | null, informationFee: number | null, preamble: string, overview: string, proactiveText: string, problems: string, otherMatters: string, id: string, version: number, year: number, status: AnnualReportStatus, reportingBody: ReportingBody, dueDate: string, submittedOn: string | null, publishedOn: string | null, enteredCellCount: number, text: { preamble: string, overview: string, proactiveText: string, problems: string, otherMatters: string }, liveFields: Array<{ name: string, description: string, value: number }>, figures: Array<{ table: string, row: string, column: string, value: number, source: CellSource, note: string, registerValue: number | null }>, findings: Array<{ rule: string, severity: FindingSeverity, message: string, cells: Array<{ table: string, row: string, column: string }> }>, history: Array<{ from: string | null, to: string, actor: string, at: string, reason: string | null }>, publication: { id: string, indexNumber: string, url: string, title: string } | null, organization: { id: string, name: string }, deadline: { id: string, dueDate: string, state: DeadlineState, provisional: boolean, completedOn: string | null } | null } };

export type AnnualReportCellEntriesQueryVariables = Exact<{
  reportId: string | number;
  table: string;
  row: string;
  column: string;
  first?: number | null | undefined;
}>;


export type AnnualReportCellEntriesQuery = { annualReportCellEntries: { totalCount: number, note: string, entries: Array<{ id: string, kind: string, date: string, reference: string, title: string, departmentName: string }> } };

export type AnnualReportChannelsQueryVariables = Exact<{
  usableById?: string | number | null | undefined;
}>;


export type AnnualReportChannelsQuery = { channels: Array<{ id: string, name: string, kind: ChannelKind }> };

export type CreateAnnualReportMutationVariables = Exact<{
  input: CreateAnnualReportInput;
}>;


export type CreateAnnualReportMutation = { createAnnualReport: { id: string, version: number, year: number, status: AnnualReportStatus, reportingBody: ReportingBody, dueDate: string, submittedOn: string | null, publishedOn: string | null, enteredCellCount: number, organization: { id: string, name: string }, deadline: { id: string, dueDate: string, state: DeadlineState, provisional: boolean, completedOn: string | null } | null } };

export type ImportAnnualReportMutationVariables = Exact<{
  input: ImportAnnualReportInput;
}>;


export type ImportAnnualReportMutation = { importAnnualReport: { id: string, version: number, year: number, status: AnnualReportStatus, reportingBody: ReportingBody, dueDate: string, submittedOn: string | null, publishedOn: string | null, enteredCellCount: number, organization: { id: string, name: string }, deadline: { id: string, dueDate: string, state: DeadlineState, provisional: boolean, completedOn: string | null } | null } };

export type UpdateAnnualReportTextMutationVariables = Exact<{
  input: UpdateAnnualReportTextInput;
}>;


export type UpdateAnnualReportTextMutation = { updateAnnualReportText: { createdAt: string, updatedAt: string, signedOn: string | null, informationFee: number | null, preamble: string, overview: string, proactiveText: string, problems: string, otherMatters: string, id: string, version: number, year: number, status: AnnualReportStatus, reportingBody: ReportingBody, dueDate: string, submittedOn: string | null, publishedOn: string | null, enteredCellCount: number, text: { preamble: string, overview: string, proactiveText: string, problems: string, otherMatters: string }, liveFields: Array<{ name: string, description: string, value: number }>, figures: Array<{ table: string, row: string, column: string, value: number, source: CellSource, note: string, registerValue: number | null }>, findings: Array<{ rule: string, severity: FindingSeverity, message: string, cells: Array<{ table: string, row: string, column: string }> }>, history: Array<{ from: string | null, to: string, actor: string, at: string, reason: string | null }>, publication: { id: string, indexNumber: string, url: string, title: string } | null, organization: { id: string, name: string }, deadline: { id: string, dueDate: string, state: DeadlineState, provisional: boolean, completedOn: string | null } | null } };

export type RegenerateAnnualReportTextMutationVariables = Exact<{
  input: AnnualReportStepInput;
}>;


export type RegenerateAnnualReportTextMutation = { regenerateAnnualReportText: { createdAt: string, updatedAt: string, signedOn: string | null, informationFee: number | null, preamble: string, overview: string, proactiveText: string, problems: string, otherMatters: string, id: string, version: number, year: number, status: AnnualReportStatus, reportingBody: ReportingBody, dueDate: string, submittedOn: string | null, publishedOn: string | null, enteredCellCount: number, text: { preamble: string, overview: string, proactiveText: string, problems: string, otherMatters: string }, liveFields: Array<{ name: string, description: string, value: number }>, figures: Array<{ table: string, row: string, column: string, value: number, source: CellSource, note: string, registerValue: number | null }>, findings: Array<{ rule: string, severity: FindingSeverity, message: string, cells: Array<{ table: string, row: string, column: string }> }>, history: Array<{ from: string | null, to: string, actor: string, at: string, reason: string | null }>, publication: { id: string, indexNumber: string, url: string, title: string } | null, organization: { id: string, name: string }, deadline: { id: string, dueDate: string, state: DeadlineState, provisional: boolean, completedOn: string | null } | null } };

export type SetAnnualReportCellsMutationVariables = Exact<{
  input: SetAnnualReportCellsInput;
}>;


export type SetAnnualReportCellsMutation = { setAnnualReportCells: { createdAt: string, updatedAt: string, signedOn: string | null, informationFee: number | null, preamble: string, overview: string, proactiveText: string, problems: string, otherMatters: string, id: string, version: number, year: number, status: AnnualReportStatus, reportingBody: ReportingBody, dueDate: string, submittedOn: string | null, publishedOn: string | null, enteredCellCount: number, text: { preamble: string, overview: string, proactiveText: string, problems: string, otherMatters: string }, liveFields: Array<{ name: string, description: string, value: number }>, figures: Array<{ table: string, row: string, column: string, value: number, source: CellSource, note: string, registerValue: number | null }>, findings: Array<{ rule: string, severity: FindingSeverity, message: string, cells: Array<{ table: string, row: string, column: string }> }>, history: Array<{ from: string | null, to: string, actor: string, at: string, reason: string | null }>, publication: { id: string, indexNumber: string, url: string, title: string } | null, organization: { id: string, name: string }, deadline: { id: string, dueDate: string, state: DeadlineState, provisional: boolean, completedOn: string | null } | null } };

export type SubmitAnnualReportForReviewMutationVariables = Exact<{
  input: AnnualReportStepInput;
}>;


export type SubmitAnnualReportForReviewMutation = { submitAnnualReportForReview: { createdAt: string, updatedAt: string, signedOn: string | null, informationFee: number | null, preamble: string, overview: string, proactiveText: string, problems: string, otherMatters: string, id: string, version: number, year: number, status: AnnualReportStatus, reportingBody: ReportingBody, dueDate: string, submittedOn: string | null, publishedOn: string | null, enteredCellCount: number, text: { preamble: string, overview: string, proactiveText: string, problems: string, otherMatters: string }, liveFields: Array<{ name: string, description: string, value: number }>, figures: Array<{ table: string, row: string, column: string, value: number, source: CellSource, note: string, registerValue: number | null }>, findings: Array<{ rule: string, severity: FindingSeverity, message: string, cells: Array<{ table: string, row: string, column: string }> }>, history: Array<{ from: string | null, to: string, actor: string, at: string, reason: string | null }>, publication: { id: string, indexNumber: string, url: string, title: string } | null, organization: { id: string, name: string }, deadline: { id: string, dueDate: string, state: DeadlineState, provisional: boolean, completedOn: string | null } | null } };

export type ApproveAnnualReportMutationVariables = Exact<{
  input: AnnualReportStepInput;
}>;


export type ApproveAnnualReportMutation = { approveAnnualReport: { createdAt: string, updatedAt: string, signedOn: string | null, informationFee: number | null, preamble: string, overview: string, proactiveText: string, problems: string, otherMatters: string, id: string, version: number, year: number, status: AnnualReportStatus, reportingBody: ReportingBody, dueDate: string, submittedOn: string | null, publishedOn: string | null, enteredCellCount: number, text: { preamble: string, overview: string, proactiveText: string, problems: string, otherMatters: string }, liveFields: Array<{ name: string, description: string, value: number }>, figures: Array<{ table: string, row: string, column: string, value: number, source: CellSource, note: string, registerValue: number | null }>, findings: Array<{ rule: string, severity: FindingSeverity, message: string, cells: Array<{ table: string, row: string, column: string }> }>, history: Array<{ from: string | null, to: string, actor: string, at: string, reason: string | null }>, publication: { id: string, indexNumber: string, url: string, title: string } | null, organization: { id: string, name: string }, deadline: { id: string, dueDate: string, state: DeadlineState, provisional: boolean, completedOn: string | null } | null } };

export type ReturnAnnualReportMutationVariables = Exact<{
  input: ReturnAnnualReportInput;
}>;


export type ReturnAnnualReportMutation = { returnAnnualReport: { createdAt: string, updatedAt: string, signedOn: string | null, informationFee: number | null, preamble: string, overview: string, proactiveText: string, problems: string, otherMatters: string, id: string, version: number, year: number, status: AnnualReportStatus, reportingBody: ReportingBody, dueDate: string, submittedOn: string | null, publishedOn: string | null, enteredCellCount: number, text: { preamble: string, overview: string, proactiveText: string, problems: string, otherMatters: string }, liveFields: Array<{ name: string, description: string, value: number }>, figures: Array<{ table: string, row: string, column: string, value: number, source: CellSource, note: string, registerValue: number | null }>, findings: Array<{ rule: string, severity: FindingSeverity, message: string, cells: Array<{ table: string, row: string, column: string }> }>, history: Array<{ from: string | null, to: string, actor: string, at: string, reason: string | null }>, publication: { id: string, indexNumber: string, url: string, title: string } | null, organization: { id: string, name: string }, deadline: { id: string, dueDate: string, state: DeadlineState, provisional: boolean, completedOn: string | null } | null } };

export type SubmitAnnualReportMutationVariables = Exact<{
  input: SubmitAnnualReportInput;
}>;


export type SubmitAnnualReportMutation = { submitAnnualReport: { createdAt: string, updatedAt: string, signedOn: string | null, informationFee: number | null, preamble: string, overview: string, proactiveText: string, problems: string, otherMatters: string, id: string, version: number, year: number, status: AnnualReportStatus, reportingBody: ReportingBody, dueDate: string, submittedOn: string | null, publishedOn: string | null, enteredCellCount: number, text: { preamble: string, overview: string, proactiveText: string, problems: string, otherMatters: string }, liveFields: Array<{ name: string, description: string, value: number }>, figures: Array<{ table: string, row: string, column: string, value: number, source: CellSource, note: string, registerValue: number | null }>, findings: Array<{ rule: string, severity: FindingSeverity, message: string, cells: Array<{ table: string, row: string, column: string }> }>, history: Array<{ from: string | null, to: string, actor: string, at: string, reason: string | null }>, publication: { id: string, indexNumber: string, url: string, title: string } | null, organization: { id: string, name: string }, deadline: { id: string, dueDate: string, state: DeadlineState, provisional: boolean, completedOn: string | null } | null } };

export type PublishAnnualReportMutationVariables = Exact<{
  input: PublishAnnualReportInput;
}>;


export type PublishAnnualReportMutation = { publishAnnualReport: { createdAt: string, updatedAt: string, signedOn: string | null, informationFee: number | null, preamble: string, overview: string, proactiveText: string, problems: string, otherMatters: string, id: string, version: number, year: number, status: AnnualReportStatus, reportingBody: ReportingBody, dueDate: string, submittedOn: string | null, publishedOn: string | null, enteredCellCount: number, text: { preamble: string, overview: string, proactiveText: string, problems: string, otherMatters: string }, liveFields: Array<{ name: string, description: string, value: number }>, figures: Array<{ table: string, row: string, column: string, value: number, source: CellSource, note: string, registerValue: number | null }>, findings: Array<{ rule: string, severity: FindingSeverity, message: string, cells: Array<{ table: string, row: string, column: string }> }>, history: Array<{ from: string | null, to: string, actor: string, at: string, reason: string | null }>, publication: { id: string, indexNumber: string, url: string, title: string } | null, organization: { id: string, name: string }, deadline: { id: string, dueDate: string, state: DeadlineState, provisional: boolean, completedOn: string | null } | null } };

export type CheckAnnualReportTextsQueryVariables = Exact<{
  reports: Array<CheckAnnualReportTextItem> | CheckAnnualReportTextItem;
}>;


export type CheckAnnualReportTextsQuery = { checkAnnualReportTexts: Array<{ index: number, label: string | null, errorCount: number, warningCount: number, reading: { year: number | null, organizationName: string | null, unreadable: Array<string>, cells: Array<{ table: string }>, findings: Array<{ rule: string, severity: FindingSeverity, message: string, cells: Array<{ table: string, row: string, column: string }> }> } }> };

export type LegalCasesQueryVariables = Exact<{
  filter?: LegalCaseFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type LegalCasesQuery = { legalCases: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, version: number, kind: LegalCaseKind, caseNumber: string | null, subject: string, party: string | null, receivedOn: string, concludedOn: string | null, outcome: LegalCaseOutcome | null, note: string | null, department: { id: string, name: string } }> } };

export type RegisterLegalCaseMutationVariables = Exact<{
  input: RegisterLegalCaseInput;
}>;


export type RegisterLegalCaseMutation = { registerLegalCase: { id: string, version: number } };

export type ConcludeLegalCaseMutationVariables = Exact<{
  input: ConcludeLegalCaseInput;
}>;


export type ConcludeLegalCaseMutation = { concludeLegalCase: { id: string, version: number, outcome: LegalCaseOutcome | null, concludedOn: string | null } };

export type NormativeDocumentsQueryVariables = Exact<{
  filter?: NormativeDocumentFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type NormativeDocumentsQuery = { normativeDocuments: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, version: number, kind: NormativeDocumentKind, documentNumber: string, title: string, issuedOn: string, repealedOn: string | null, repealNote: string | null, url: string | null, department: { id: string, name: string } }> } };

export type RegisterNormativeDocumentMutationVariables = Exact<{
  input: RegisterNormativeDocumentInput;
}>;


export type RegisterNormativeDocumentMutation = { registerNormativeDocument: { id: string, version: number } };

export type RepealNormativeDocumentMutationVariables = Exact<{
  input: RepealNormativeDocumentInput;
}>;


export type RepealNormativeDocumentMutation = { repealNormativeDocument: { id: string, version: number, repealedOn: string | null } };

export type AnnualStatisticsQueryVariables = Exact<{
  organizationId: string | number;
  year: number;
}>;


export type AnnualStatisticsQuery = { annualStatistics: Array<{ id: string, version: number, item: AnnualStatisticItem, value: number, source: string, enteredBy: string, updatedAt: string, year: number }> };

export type SetAnnualStatisticMutationVariables = Exact<{
  input: SetAnnualStatisticInput;
}>;


export type SetAnnualStatisticMutation = { setAnnualStatistic: { id: string, version: number, item: AnnualStatisticItem, value: number, source: string } };

export type AssessmentItemFieldsFragment = { code: string, group: string, title: string, requirement: string, maxPoints: number, rule: AssessmentRule, perQuarter: number | null, perYear: number | null, deadlineKinds: Array<DeadlineKind>, scoring: TimelinessScoring | null, deduction: number | null, cap: number | null, zeroAfterDays: number | null, vetoes: Array<string>, idleDays: number | null, minCases: number | null, occurrenceKinds: Array<{ label: string, amount: number }> };

export type AssessmentSetFieldsFragment = { id: string, period: string, title: string, version: number, maxTotal: number, bonusTitle: string | null, bonusCap: number, updatedAt: string, items: Array<{ code: string, group: string, title: string, requirement: string, maxPoints: number, rule: AssessmentRule, perQuarter: number | null, perYear: number | null, deadlineKinds: Array<DeadlineKind>, scoring: TimelinessScoring | null, deduction: number | null, cap: number | null, zeroAfterDays: number | null, vetoes: Array<string>, idleDays: number | null, minCases: number | null, occurrenceKinds: Array<{ label: string, amount: number }> }> };

export type ItemScoreFieldsFragment = { code: string, title: string, group: string, rule: AssessmentRule, points: number, maxPoints: number, vetoed: boolean, basis: string, selfPoints: number | null, differs: boolean, pending: boolean, cases: number | null, casesMet: number | null, caution: boolean, itemRank: number, facts: Array<{ kind: ScoreFactKind, text: string, date: string | null, points: number | null, refId: string | null, link: string | null }> };

export type UnitScoreFieldsFragment = { total: number, rank: number, maxTotal: number, bonus: number, bonusBasis: string, state: AssessmentSheetState, selfTotal: number, differences: number, frozen: boolean, asOf: string, department: { id: string, name: string }, items: Array<{ code: string, title: string, group: string, rule: AssessmentRule, points: number, maxPoints: number, vetoed: boolean, basis: string, selfPoints: number | null, differs: boolean, pending: boolean, cases: number | null, casesMet: number | null, caution: boolean, itemRank: number, facts: Array<{ kind: ScoreFactKind, text: string, date: string | null, points: number | null, refId: string | null, link: string | null }> }> };

export type AssessmentOrganizationsQueryVariables = Exact<{ [key: string]: never; }>;


export type AssessmentOrganizationsQuery = { departments: Array<{ id: string, name: string, sortOrder: number }> };

export type AssessmentSetsQueryVariables = Exact<{
  organizationId: string | number;
}>;


export type AssessmentSetsQuery = { assessmentSets: Array<{ id: string, period: string, title: string, version: number, maxTotal: number, bonusTitle: string | null, bonusCap: number, updatedAt: string, items: Array<{ code: string, group: string, title: string, requirement: string, maxPoints: number, rule: AssessmentRule, perQuarter: number | null, perYear: number | null, deadlineKinds: Array<DeadlineKind>, scoring: TimelinessScoring | null, deduction: number | null, cap: number | null, zeroAfterDays: number | null, vetoes: Array<string>, idleDays: number | null, minCases: number | null, occurrenceKinds: Array<{ label: string, amount: number }> }> }> };

export type AssessmentScoresQueryVariables = Exact<{
  organizationId: string | number;
  period: string;
}>;


export type AssessmentScoresQuery = { assessmentScores: Array<{ total: number, rank: number, maxTotal: number, bonus: number, bonusBasis: string, state: AssessmentSheetState, selfTotal: number, differences: number, frozen: boolean, asOf: string, department: { id: string, name: string }, items: Array<{ code: string, title: string, group: string, rule: AssessmentRule, points: number, maxPoints: number, vetoed: boolean, basis: string, selfPoints: number | null, differs: boolean, pending: boolean, cases: number | null, casesMet: number | null, caution: boolean, itemRank: number, facts: Array<{ kind: ScoreFactKind, text: string, date: string | null, points: number | null, refId: string | null, link: string | null }> }> }> };

export type AssessmentSheetFieldsFragment = { state: AssessmentSheetState, submittedAt: string | null, submittedBy: string | null, returnedReason: string | null, finalizedAt: string | null, finalizedBy: string | null, version: number, reportUrl: string, department: { id: string, name: string }, set: { id: string, period: string, title: string, version: number, maxTotal: number, bonusTitle: string | null, bonusCap: number, updatedAt: string, items: Array<{ code: string, group: string, title: string, requirement: string, maxPoints: number, rule: AssessmentRule, perQuarter: number | null, perYear: number | null, deadlineKinds: Array<DeadlineKind>, scoring: TimelinessScoring | null, deduction: number | null, cap: number | null, zeroAfterDays: number | null, vetoes: Array<string>, idleDays: number | null, minCases: number | null, occurrenceKinds: Array<{ label: string, amount: number }> }> }, score: { total: number, rank: number, maxTotal: number, bonus: number, bonusBasis: string, state: AssessmentSheetState, selfTotal: number, differences: number, frozen: boolean, asOf: string, department: { id: string, name: string }, items: Array<{ code: string, title: string, group: string, rule: AssessmentRule, points: number, maxPoints: number, vetoed: boolean, basis: string, selfPoints: number | null, differs: boolean, pending: boolean, cases: number | null, casesMet: number | null, caution: boolean, itemRank: number, facts: Array<{ kind: ScoreFactKind, text: string, date: string | null, points: number | null, refId: string | null, link: string | null }> }> }, entries: Array<{ id: string, itemCode: string, side: AssessmentSide, points: number | null, vetoed: boolean, reason: string, enteredBy: string, updatedAt: string, occurrences: Array<{ label: string, count: number }>, evidence: Array<{ title: string, url: string }> }>, findings: Array<{ code: string, text: string, written: boolean }> };

export type AssessmentSheetQueryVariables = Exact<{
  input: AssessmentSheetRef;
}>;


export type AssessmentSheetQuery = { assessmentSheet: { state: AssessmentSheetState, submittedAt: string | null, submittedBy: string | null, returnedReason: string | null, finalizedAt: string | null, finalizedBy: string | null, version: number, reportUrl: string, department: { id: string, name: string }, set: { id: string, period: string, title: string, version: number, maxTotal: number, bonusTitle: string | null, bonusCap: number, updatedAt: string, items: Array<{ code: string, group: string, title: string, requirement: string, maxPoints: number, rule: AssessmentRule, perQuarter: number | null, perYear: number | null, deadlineKinds: Array<DeadlineKind>, scoring: TimelinessScoring | null, deduction: number | null, cap: number | null, zeroAfterDays: number | null, vetoes: Array<string>, idleDays: number | null, minCases: number | null, occurrenceKinds: Array<{ label: string, amount: number }> }> }, score: { total: number, rank: number, maxTotal: number, bonus: number, bonusBasis: string, state: AssessmentSheetState, selfTotal: number, differences: number, frozen: boolean, asOf: string, department: { id: string, name: string }, items: Array<{ code: string, title: string, group: string, rule: AssessmentRule, points: number, maxPoints: number, vetoed: boolean, basis: string, selfPoints: number | null, differs: boolean, pending: boolean, cases: number | null, casesMet: number | null, caution: boolean, itemRank: number, facts: Array<{ kind: ScoreFactKind, text: string, date: string | null, points: number | null, refId: string | null, link: string | null }> }> }, entries: Array<{ id: string, itemCode: string, side: AssessmentSide, points: number | null, vetoed: boolean, reason: string, enteredBy: string, updatedAt: string, occurrences: Array<{ label: string, count: number }>, evidence: Array<{ title: string, url: string }> }>, findings: Array<{ code: string, text: string, written: boolean }> } };

export type SetAssessmentEntryMutationVariables = Exact<{
  input: SetAssessmentEntryInput;
}>;


export type SetAssessmentEntryMutation = { setAssessmentEntry: { id: string, itemCode: string, side: AssessmentSide, points: number | null, vetoed: boolean, reason: string } };

export type SetAssessmentFindingMutationVariables = Exact<{
  input: SetAssessmentFindingInput;
}>;


export type SetAssessmentFindingMutation = { setAssessmentFinding: boolean };

export type SubmitAssessmentSheetMutationVariables = Exact<{
  input: AssessmentSheetStepInput;
}>;


export type SubmitAssessmentSheetMutation = { submitAssessmentSheet: { state: AssessmentSheetState, submittedAt: string | null, submittedBy: string | null, returnedReason: string | null, finalizedAt: string | null, finalizedBy: string | null, version: number, reportUrl: string, department: { id: string, name: string }, set: { id: string, period: string, title: string, version: number, maxTotal: number, bonusTitle: string | null, bonusCap: number, updatedAt: string, items: Array<{ code: string, group: string, title: string, requirement: string, maxPoints: number, rule: AssessmentRule, perQuarter: number | null, perYear: number | null, deadlineKinds: Array<DeadlineKind>, scoring: TimelinessScoring | null, deduction: number | null, cap: number | null, zeroAfterDays: number | null, vetoes: Array<string>, idleDays: number | null, minCases: number | null, occurrenceKinds: Array<{ label: string, amount: number }> }> }, score: { total: number, rank: number, maxTotal: number, bonus: number, bonusBasis: string, state: AssessmentSheetState, selfTotal: number, differences: number, frozen: boolean, asOf: string, department: { id: string, name: string }, items: Array<{ code: string, title: string, group: string, rule: AssessmentRule, points: number, maxPoints: number, vetoed: boolean, basis: string, selfPoints: number | null, differs: boolean, pending: boolean, cases: number | null, casesMet: number | null, caution: boolean, itemRank: number, facts: Array<{ kind: ScoreFactKind, text: string, date: string | null, points: number | null, refId: string | null, link: string | null }> }> }, entries: Array<{ id: string, itemCode: string, side: AssessmentSide, points: number | null, vetoed: boolean, reason: string, enteredBy: string, updatedAt: string, occurrences: Array<{ label: string, count: number }>, evidence: Array<{ title: string, url: string }> }>, findings: Array<{ code: string, text: string, written: boolean }> } };

export type ReturnAssessmentSheetMutationVariables = Exact<{
  input: AssessmentSheetStepInput;
}>;


export type ReturnAssessmentSheetMutation = { returnAssessmentSheet: { state: AssessmentSheetState, submittedAt: string | null, submittedBy: string | null, returnedReason: string | null, finalizedAt: string | null, finalizedBy: string | null, version: number, reportUrl: string, department: { id: string, name: string }, set: { id: string, period: string, title: string, version: number, maxTotal: number, bonusTitle: string | null, bonusCap: number, updatedAt: string, items: Array<{ code: string, group: string, title: string, requirement: string, maxPoints: number, rule: AssessmentRule, perQuarter: number | null, perYear: number | null, deadlineKinds: Array<DeadlineKind>, scoring: TimelinessScoring | null, deduction: number | null, cap: number | null, zeroAfterDays: number | null, vetoes: Array<string>, idleDays: number | null, minCases: number | null, occurrenceKinds: Array<{ label: string, amount: number }> }> }, score: { total: number, rank: number, maxTotal: number, bonus: number, bonusBasis: string, state: AssessmentSheetState, selfTotal: number, differences: number, frozen: boolean, asOf: string, department: { id: string, name: string }, items: Array<{ code: string, title: string, group: string, rule: AssessmentRule, points: number, maxPoints: number, vetoed: boolean, basis: string, selfPoints: number | null, differs: boolean, pending: boolean, cases: number | null, casesMet: number | null, caution: boolean, itemRank: number, facts: Array<{ kind: ScoreFactKind, text: string, date: string | null, points: number | null, refId: string | null, link: string | null }> }> }, entries: Array<{ id: string, itemCode: string, side: AssessmentSide, points: number | null, vetoed: boolean, reason: string, enteredBy: string, updatedAt: string, occurrences: Array<{ label: string, count: number }>, evidence: Array<{ title: string, url: string }> }>, findings: Array<{ code: string, text: string, written: boolean }> } };

export type FinalizeAssessmentSheetMutationVariables = Exact<{
  input: AssessmentSheetStepInput;
}>;


export type FinalizeAssessmentSheetMutation = { finalizeAssessmentSheet: { state: AssessmentSheetState, submittedAt: string | null, submittedBy: string | null, returnedReason: string | null, finalizedAt: string | null, finalizedBy: string | null, version: number, reportUrl: string, department: { id: string, name: string }, set: { id: string, period: string, title: string, version: number, maxTotal: number, bonusTitle: string | null, bonusCap: number, updatedAt: string, items: Array<{ code: string, group: string, title: string, requirement: string, maxPoints: number, rule: AssessmentRule, perQuarter: number | null, perYear: number | null, deadlineKinds: Array<DeadlineKind>, scoring: TimelinessScoring | null, deduction: number | null, cap: number | null, zeroAfterDays: number | null, vetoes: Array<string>, idleDays: number | null, minCases: number | null, occurrenceKinds: Array<{ label: string, amount: number }> }> }, score: { total: number, rank: number, maxTotal: number, bonus: number, bonusBasis: string, state: AssessmentSheetState, selfTotal: number, differences: number, frozen: boolean, asOf: string, department: { id: string, name: string }, items: Array<{ code: string, title: string, group: string, rule: AssessmentRule, points: number, maxPoints: number, vetoed: boolean, basis: string, selfPoints: number | null, differs: boolean, pending: boolean, cases: number | null, casesMet: number | null, caution: boolean, itemRank: number, facts: Array<{ kind: ScoreFactKind, text: string, date: string | null, points: number | null, refId: string | null, link: string | null }> }> }, entries: Array<{ id: string, itemCode: string, side: AssessmentSide, points: number | null, vetoed: boolean, reason: string, enteredBy: string, updatedAt: string, occurrences: Array<{ label: string, count: number }>, evidence: Array<{ title: string, url: string }> }>, findings: Array<{ code: string, text: string, written: boolean }> } };

export type ReopenAssessmentSheetMutationVariables = Exact<{
  input: AssessmentSheetStepInput;
}>;


export type ReopenAssessmentSheetMutation = { reopenAssessmentSheet: { state: AssessmentSheetState, submittedAt: string | null, submittedBy: string | null, returnedReason: string | null, finalizedAt: string | null, finalizedBy: string | null, version: number, reportUrl: string, department: { id: string, name: string }, set: { id: string, period: string, title: string, version: number, maxTotal: number, bonusTitle: string | null, bonusCap: number, updatedAt: string, items: Array<{ code: string, group: string, title: string, requirement: string, maxPoints: number, rule: AssessmentRule, perQuarter: number | null, perYear: number | null, deadlineKinds: Array<DeadlineKind>, scoring: TimelinessScoring | null, deduction: number | null, cap: number | null, zeroAfterDays: number | null, vetoes: Array<string>, idleDays: number | null, minCases: number | null, occurrenceKinds: Array<{ label: string, amount: number }> }> }, score: { total: number, rank: number, maxTotal: number, bonus: number, bonusBasis: string, state: AssessmentSheetState, selfTotal: number, differences: number, frozen: boolean, asOf: string, department: { id: string, name: string }, items: Array<{ code: string, title: string, group: string, rule: AssessmentRule, points: number, maxPoints: number, vetoed: boolean, basis: string, selfPoints: number | null, differs: boolean, pending: boolean, cases: number | null, casesMet: number | null, caution: boolean, itemRank: number, facts: Array<{ kind: ScoreFactKind, text: string, date: string | null, points: number | null, refId: string | null, link: string | null }> }> }, entries: Array<{ id: string, itemCode: string, side: AssessmentSide, points: number | null, vetoed: boolean, reason: string, enteredBy: string, updatedAt: string, occurrences: Array<{ label: string, count: number }>, evidence: Array<{ title: string, url: string }> }>, findings: Array<{ code: string, text: string, written: boolean }> } };

export type SaveAssessmentSetMutationVariables = Exact<{
  input: SaveAssessmentSetInput;
}>;


export type SaveAssessmentSetMutation = { saveAssessmentSet: { id: string, period: string, title: string, version: number, maxTotal: number, bonusTitle: string | null, bonusCap: number, updatedAt: string, items: Array<{ code: string, group: string, title: string, requirement: string, maxPoints: number, rule: AssessmentRule, perQuarter: number | null, perYear: number | null, deadlineKinds: Array<DeadlineKind>, scoring: TimelinessScoring | null, deduction: number | null, cap: number | null, zeroAfterDays: number | null, vetoes: Array<string>, idleDays: number | null, minCases: number | null, occurrenceKinds: Array<{ label: string, amount: number }> }> } };

export type CopyAssessmentSetMutationVariables = Exact<{
  id: string | number;
  period: string;
}>;


export type CopyAssessmentSetMutation = { copyAssessmentSet: { id: string, period: string, title: string, version: number, maxTotal: number, bonusTitle: string | null, bonusCap: number, updatedAt: string, items: Array<{ code: string, group: string, title: string, requirement: string, maxPoints: number, rule: AssessmentRule, perQuarter: number | null, perYear: number | null, deadlineKinds: Array<DeadlineKind>, scoring: TimelinessScoring | null, deduction: number | null, cap: number | null, zeroAfterDays: number | null, vetoes: Array<string>, idleDays: number | null, minCases: number | null, occurrenceKinds: Array<{ label: string, amount: number }> }> } };

export type DepartmentsQueryVariables = Exact<{ [key: string]: never; }>;


export type DepartmentsQuery = { departments: Array<{ id: string, name: string, code: string, kind: DepartmentKind, creditCode: string | null, sortOrder: number, version: number, parent: { id: string } | null }> };

export type CreateDepartmentMutationVariables = Exact<{
  input: CreateDepartmentInput;
}>;


export type CreateDepartmentMutation = { createDepartment: { id: string, name: string } };

export type UpdateDepartmentMutationVariables = Exact<{
  input: UpdateDepartmentInput;
}>;


export type UpdateDepartmentMutation = { updateDepartment: { id: string, name: string, kind: DepartmentKind, sortOrder: number, version: number } };

export type CatalogueQueryVariables = Exact<{ [key: string]: never; }>;


export type CatalogueQuery = { categories: Array<{ id: string, name: string, depth: number, isInterpretation: boolean }>, channels: Array<{ id: string, name: string, kind: ChannelKind, department: { id: string, name: string } | null }> };

export type LedgerQueryVariables = Exact<{
  filter?: PublicationFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type LedgerQuery = { publications: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, version: number, indexNumber: string, title: string, publishedOn: string, url: string, interpretationForm: InterpretationForm | null, department: { id: string, name: string }, category: { id: string, name: string }, channel: { id: string, name: string } }> } };

export type RecordPublicationMutationVariables = Exact<{
  input: RecordPublicationInput;
}>;


export type RecordPublicationMutation = { recordPublication: { id: string, indexNumber: string, title: string } };

export type DeletePublicationMutationVariables = Exact<{
  id: string | number;
  version: number;
}>;


export type DeletePublicationMutation = { deletePublication: string };

export type AdminQuotasQueryVariables = Exact<{
  filter?: QuotaFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AdminQuotasQuery = { quotas: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, version: number, target: number, periodType: PeriodType, departmentKind: DepartmentKind | null, fromYear: number | null, toYear: number | null, updatedAt: string, department: { id: string, name: string } | null, organization: { id: string, name: string }, category: { id: string, name: string } | null }> } };

export type SetQuotaMutationVariables = Exact<{
  input: SetQuotaInput;
}>;


export type SetQuotaMutation = { setQuota: { id: string, version: number, target: number } };

export type DeleteQuotaMutationVariables = Exact<{
  id: string | number;
  version?: number | null | undefined;
}>;


export type DeleteQuotaMutation = { deleteQuota: string };

export type DutiesQueryVariables = Exact<{
  filter?: DutyFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type DutiesQuery = { duties: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, version: number, kind: DutyKind, title: string, referenceNumber: string | null, party: string | null, eventOn: string, completedOn: string | null, url: string | null, department: { id: string, name: string }, deadline: { dueDate: string, state: DeadlineState } | null }> } };

export type RegisterDutyMutationVariables = Exact<{
  input: RegisterDutyInput;
}>;


export type RegisterDutyMutation = { registerDuty: { id: string } };

export type CompleteDutyMutationVariables = Exact<{
  input: CompleteDutyInput;
}>;


export type CompleteDutyMutation = { completeDuty: { id: string, version: number, completedOn: string | null } };

export type InformationRequestsQueryVariables = Exact<{
  filter?: InformationRequestFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type InformationRequestsQuery = { informationRequests: { totalCount: number, nodes: Array<{ id: string, version: number, serialNumber: string, applicantName: string, applicantType: ApplicantType, channel: RequestChannel, content: string, receivedOn: string, status: RequestStatus, outcome: RequestOutcome | null, repliedOn: string | null, correctionRequestedOn: string | null, correctionReceivedOn: string | null, consultations: Array<{ party: string, from: string, to: string | null, late: boolean }>, extension: { workingDays: number, approver: string, approvedOn: string } | null, department: { id: string, name: string }, deadline: { dueDate: string, state: DeadlineState, provisional: boolean } | null }> } };

export type RegisterInformationRequestMutationVariables = Exact<{
  input: RegisterInformationRequestInput;
}>;


export type RegisterInformationRequestMutation = { registerInformationRequest: { id: string, serialNumber: string } };

export type ReplyToInformationRequestMutationVariables = Exact<{
  input: ReplyToRequestInput;
}>;


export type ReplyToInformationRequestMutation = { replyToInformationRequest: { id: string, version: number, status: RequestStatus } };

export type RequestCorrectionMutationVariables = Exact<{
  input: RequestStepInput;
}>;


export type RequestCorrectionMutation = { requestCorrection: { id: string, version: number, status: RequestStatus } };

export type ReceiveCorrectionMutationVariables = Exact<{
  input: RequestStepInput;
}>;


export type ReceiveCorrectionMutation = { receiveCorrection: { id: string, version: number, status: RequestStatus } };

export type StartConsultationMutationVariables = Exact<{
  input: StartConsultationInput;
}>;


export type StartConsultationMutation = { startConsultation: { id: string, version: number, status: RequestStatus } };

export type EndConsultationMutationVariables = Exact<{
  input: RequestStepInput;
}>;


export type EndConsultationMutation = { endConsultation: { id: string, version: number, status: RequestStatus } };

export type ExtendInformationRequestMutationVariables = Exact<{
  input: ExtendRequestInput;
}>;


export type ExtendInformationRequestMutation = { extendInformationRequest: { id: string, version: number, status: RequestStatus } };

export type CalendarQueryVariables = Exact<{
  year: number;
}>;


export type CalendarQuery = { calendarYear: { year: number, official: boolean, source: string | null, workingDays: number }, calendarDays: Array<{ date: string, kind: CalendarDayKind, name: string, source: string }> };

export type SetCalendarDaysMutationVariables = Exact<{
  input: SetCalendarDaysInput;
}>;


export type SetCalendarDaysMutation = { setCalendarDays: { days: Array<{ date: string }>, moved: Array<{ fromDueDate: string, toDueDate: string, wasProvisional: boolean, deadline: { title: string } }> } };

export type UsersQueryVariables = Exact<{ [key: string]: never; }>;


export type UsersQuery = { users: Array<{ id: string, version: number, username: string, displayName: string, role: Role, isActive: boolean, lastLoginAt: string | null, lockedUntil: string | null, department: { id: string, name: string } | null }>, screenTokens: Array<{ id: string, label: string, createdAt: string, lastUsedAt: string | null, revokedAt: string | null, departments: Array<{ id: string, name: string }> }> };

export type CreateUserMutationVariables = Exact<{
  input: CreateUserInput;
}>;


export type CreateUserMutation = { createUser: { id: string } };

export type UpdateUserMutationVariables = Exact<{
  input: UpdateUserInput;
}>;


export type UpdateUserMutation = { updateUser: { id: string, version: number, isActive: boolean } };

export type CreateScreenTokenMutationVariables = Exact<{
  label: string;
  departmentIds?: Array<string | number> | string | number | null | undefined;
}>;


export type CreateScreenTokenMutation = { createScreenToken: { token: string, screenToken: { id: string, label: string } } };

export type RevokeScreenTokenMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeScreenTokenMutation = { revokeScreenToken: { id: string, revokedAt: string | null } };

export type AuditLogQueryVariables = Exact<{
  filter?: AuditLogFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AuditLogQuery = { auditLog: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, at: string, actorName: string, actorType: string, operation: string, action: string, targetType: string, targetId: string, changes: Record<string, unknown> }> } };

export type CreateScreenLinkMutationVariables = Exact<{
  screenTokenId: string | number;
  validMinutes?: number | null | undefined;
}>;


export type CreateScreenLinkMutation = { createScreenLink: { url: string, expiresAt: string, screenToken: { id: string, label: string } } };

export type CatalogueAdminQueryVariables = Exact<{ [key: string]: never; }>;


export type CatalogueAdminQuery = { categories: Array<{ id: string, version: number, name: string, depth: number, parentId: string | null, sortOrder: number, isActive: boolean, isInterpretation: boolean }> };

export type ChannelPageQueryVariables = Exact<{
  filter?: ChannelFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ChannelPageQuery = { channelPage: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, version: number, kind: ChannelKind, name: string, url: string | null, isActive: boolean, department: { id: string, name: string } | null }> } };

export type CreateCategoryMutationVariables = Exact<{
  input: CreateCategoryInput;
}>;


export type CreateCategoryMutation = { createCategory: { id: string, name: string } };

export type UpdateCategoryMutationVariables = Exact<{
  input: UpdateCategoryInput;
}>;


export type UpdateCategoryMutation = { updateCategory: { id: string, version: number, name: string, isActive: boolean } };

export type DeleteCategoryMutationVariables = Exact<{
  id: string | number;
  version: number;
}>;


export type DeleteCategoryMutation = { deleteCategory: string };

export type ReorderCategoriesMutationVariables = Exact<{
  input: ReorderCategoriesInput;
}>;


export type ReorderCategoriesMutation = { reorderCategories: Array<{ id: string, sortOrder: number }> };

export type CreateChannelMutationVariables = Exact<{
  input: CreateChannelInput;
}>;


export type CreateChannelMutation = { createChannel: { id: string, name: string } };

export type UpdateChannelMutationVariables = Exact<{
  input: UpdateChannelInput;
}>;


export type UpdateChannelMutation = { updateChannel: { id: string, version: number, name: string, isActive: boolean, department: { id: string, name: string } | null } };

export type DeadlineRulesAdminQueryVariables = Exact<{ [key: string]: never; }>;


export type DeadlineRulesAdminQuery = { deadlineRules: Array<{ code: string, name: string, kind: RuleKind, days: number, fixedMonth: number | null, fixedDay: number | null, warnDays: number | null, vetoDays: number | null, dueSoonWorkingDays: number, longOverdueWorkingDays: number | null, policyBasis: string, updatedAt: string }> };

export type SetDeadlineRuleMutationVariables = Exact<{
  input: SetDeadlineRuleInput;
}>;


export type SetDeadlineRuleMutation = { setDeadlineRule: { code: string, days: number, warnDays: number | null, vetoDays: number | null, dueSoonWorkingDays: number, longOverdueWorkingDays: number | null, policyBasis: string, updatedAt: string } };

export type IndexNumberSettingsQueryVariables = Exact<{
  organizationId: string | number;
}>;


export type IndexNumberSettingsQuery = { indexNumberSettings: { template: string, reset: IndexNumberReset, isDefault: boolean, nextForToday: string, organization: { id: string, name: string, creditCode: string | null, code: string } } };

export type IndexNumberPreviewQueryVariables = Exact<{
  input: IndexNumberPreviewInput;
}>;


export type IndexNumberPreviewQuery = { indexNumberPreview: { indexNumber: string, publishedOn: string, template: string, reset: IndexNumberReset } };

export type SetIndexNumberTemplateMutationVariables = Exact<{
  input: SetIndexNumberTemplateInput;
}>;


export type SetIndexNumberTemplateMutation = { setIndexNumberTemplate: { template: string, reset: IndexNumberReset, isDefault: boolean, nextForToday: string } };

export type PreviewPlanImportQueryVariables = Exact<{
  input: ImportPlanInput;
}>;


export type PreviewPlanImportQuery = { previewPlanImport: { layout: string, title: string, year: number | null, duplicateOfPlanId: string | null, unmappedNames: Array<string>, points: Array<{ number: string, section: string, title: string, leadNames: Array<string>, leadScopes: Array<DepartmentScope>, responsibleNames: Array<string>, responsibleScopes: Array<DepartmentScope>, timeLimit: string, dueDate: string | null, periodDueDates: Array<string>, ongoing: boolean, source: string }>, units: Array<{ name: string, how: string | null, department: { id: string, name: string, code: string } | null }>, warnings: Array<{ message: string, source: string }>, tasksPerDepartment: Array<{ count: number, department: { id: string, name: string } }> } };

export type ImportPlanMutationVariables = Exact<{
  input: ImportPlanInput;
}>;


export type ImportPlanMutation = { importPlan: { id: string, version: number, year: number, title: string, sourceYear: number | null, issuer: string | null, basisDocuments: Array<string>, source: string | null, retiredAt: string | null, retiredReason: string | null, organization: { id: string, name: string } } };

export type PlanHeadingFragment = { id: string, version: number, year: number, title: string, sourceYear: number | null, issuer: string | null, basisDocuments: Array<string>, source: string | null, retiredAt: string | null, retiredReason: string | null, organization: { id: string, name: string } };

export type PlanPageQueryVariables = Exact<{
  filter?: PlanFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type PlanPageQuery = { planPage: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, version: number, year: number, title: string, sourceYear: number | null, issuer: string | null, basisDocuments: Array<string>, source: string | null, retiredAt: string | null, retiredReason: string | null, organization: { id: string, name: string } }> } };

export type PlanDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type PlanDetailQuery = { plan: { id: string, version: number, year: number, title: string, sourceYear: number | null, issuer: string | null, basisDocuments: Array<string>, source: string | null, retiredAt: string | null, retiredReason: string | null, organization: { id: string, name: string } } | null };

export type PlanWorkPointsQueryVariables = Exact<{
  filter?: WorkPointFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type PlanWorkPointsQuery = { workPoints: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, number: string, section: string, title: string, dueDate: string | null, timeLimit: string | null, retiredAt: string | null, leadDepartments: Array<{ id: string, name: string }> }> } };

export type CreatePlanMutationVariables = Exact<{
  input: CreatePlanInput;
}>;


export type CreatePlanMutation = { createPlan: { id: string, version: number, year: number, title: string, sourceYear: number | null, issuer: string | null, basisDocuments: Array<string>, source: string | null, retiredAt: string | null, retiredReason: string | null, organization: { id: string, name: string } } };

export type UpdatePlanMutationVariables = Exact<{
  input: UpdatePlanInput;
}>;


export type UpdatePlanMutation = { updatePlan: { id: string, version: number, year: number, title: string, sourceYear: number | null, issuer: string | null, basisDocuments: Array<string>, source: string | null, retiredAt: string | null, retiredReason: string | null, organization: { id: string, name: string } } };

export type RetirePlanMutationVariables = Exact<{
  input: RetireInput;
}>;


export type RetirePlanMutation = { retirePlan: { id: string, version: number, year: number, title: string, sourceYear: number | null, issuer: string | null, basisDocuments: Array<string>, source: string | null, retiredAt: string | null, retiredReason: string | null, organization: { id: string, name: string } } };

export type RestorePlanMutationVariables = Exact<{
  input: RestoreInput;
}>;


export type RestorePlanMutation = { restorePlan: { id: string, version: number, year: number, title: string, sourceYear: number | null, issuer: string | null, basisDocuments: Array<string>, source: string | null, retiredAt: string | null, retiredReason: string | null, organization: { id: string, name: string } } };

export type WorkPointFullFragment = { id: string, version: number, number: string, section: string, title: string, duties: string, dutyItems: Array<string>, policyBasis: string, citedDocuments: Array<string>, timeLimit: string | null, dueDate: string | null, periodDueDates: Array<string>, responsibleScopes: Array<DepartmentScope>, retiredAt: string | null, retiredReason: string | null, plan: { id: string, title: string, year: number, sourceYear: number | null, retiredAt: string | null, organization: { id: string } }, leadDepartments: Array<{ id: string, name: string }>, responsibleDepartments: Array<{ id: string, name: string }> };

export type WorkPointEditorQueryVariables = Exact<{
  id: string | number;
}>;


export type WorkPointEditorQuery = { workPoint: { id: string, version: number, number: string, section: string, title: string, duties: string, dutyItems: Array<string>, policyBasis: string, citedDocuments: Array<string>, timeLimit: string | null, dueDate: string | null, periodDueDates: Array<string>, responsibleScopes: Array<DepartmentScope>, retiredAt: string | null, retiredReason: string | null, tasks: Array<{ id: string, role: TaskRole, status: TaskStatus, progress: number, dueDate: string | null, notApplicableReason: string | null, retiredAt: string | null, retiredReason: string | null, department: { id: string, name: string } }>, plan: { id: string, title: string, year: number, sourceYear: number | null, retiredAt: string | null, organization: { id: string } }, leadDepartments: Array<{ id: string, name: string }>, responsibleDepartments: Array<{ id: string, name: string }> } | null };

export type CreateWorkPointMutationVariables = Exact<{
  input: CreateWorkPointInput;
}>;


export type CreateWorkPointMutation = { createWorkPoint: { id: string } };

export type UpdateWorkPointMutationVariables = Exact<{
  input: UpdateWorkPointInput;
}>;


export type UpdateWorkPointMutation = { updateWorkPoint: { id: string, version: number, number: string, section: string, title: string, duties: string, dutyItems: Array<string>, policyBasis: string, citedDocuments: Array<string>, timeLimit: string | null, dueDate: string | null, periodDueDates: Array<string>, responsibleScopes: Array<DepartmentScope>, retiredAt: string | null, retiredReason: string | null, plan: { id: string, title: string, year: number, sourceYear: number | null, retiredAt: string | null, organization: { id: string } }, leadDepartments: Array<{ id: string, name: string }>, responsibleDepartments: Array<{ id: string, name: string }> } };

export type RetireWorkPointMutationVariables = Exact<{
  input: RetireInput;
}>;


export type RetireWorkPointMutation = { retireWorkPoint: { id: string, version: number, retiredAt: string | null, retiredReason: string | null } };

export type RestoreWorkPointMutationVariables = Exact<{
  input: RestoreInput;
}>;


export type RestoreWorkPointMutation = { restoreWorkPoint: { id: string, version: number, retiredAt: string | null, retiredReason: string | null } };

export type RebreakDownWorkPointMutationVariables = Exact<{
  id: string | number;
}>;


export type RebreakDownWorkPointMutation = { breakDownWorkPoint: { createdCount: number, existingCount: number, created: Array<{ id: string, role: TaskRole, department: { id: string, name: string } }>, roleChanged: Array<{ id: string, role: TaskRole, department: { id: string, name: string } }>, unassigned: Array<{ id: string, department: { id: string, name: string } }>, restored: Array<{ id: string, department: { id: string, name: string } }> } };

export type BreakDownPlanMutationVariables = Exact<{
  id: string | number;
}>;


export type BreakDownPlanMutation = { breakDownPlan: { createdCount: number, existingCount: number, roleChangedCount: number, unassignedCount: number, restoredCount: number, points: Array<{ createdCount: number }> } };

export type PublicationForCorrectionQueryVariables = Exact<{
  id: string | number;
}>;


export type PublicationForCorrectionQuery = { publication: { id: string, version: number, indexNumber: string, title: string, publishedOn: string, url: string, summary: string | null, interpretationForm: InterpretationForm | null, department: { id: string, name: string }, category: { id: string, name: string, isInterpretation: boolean }, channel: { id: string, name: string }, workPoint: { id: string, number: string, title: string } | null, task: { id: string } | null } | null };

export type TasksToLinkQueryVariables = Exact<{
  departmentId: string | number;
}>;


export type TasksToLinkQuery = { tasks: { nodes: Array<{ id: string, role: TaskRole, workPoint: { id: string, number: string, title: string, plan: { year: number } } }> } };

export type UpdatePublicationMutationVariables = Exact<{
  input: UpdatePublicationInput;
}>;


export type UpdatePublicationMutation = { updatePublication: { id: string, version: number, indexNumber: string, title: string, publishedOn: string, url: string, department: { id: string, name: string }, category: { id: string, name: string }, channel: { id: string, name: string } } };

export type SupervisionNoticeFieldsFragment = { id: string, version: number, number: string, year: number, state: SupervisionNoticeState, subject: string, reason: string, requirement: string, replyWithinWorkingDays: number, dueDate: string, issuedAt: string, issuedBy: string, acknowledgedAt: string | null, acknowledgedBy: string | null, repliedAt: string | null, repliedBy: string | null, reply: string | null, evidenceUrls: Array<string>, closedAt: string | null, closedBy: string | null, returnCount: number, returnedReason: string | null, department: { id: string, name: string }, task: { id: string, workPoint: { id: string, number: string, title: string } } | null };

export type SupervisionNoticesLiveSubscriptionVariables = Exact<{
  filter?: SupervisionNoticeFilter | null | undefined;
}>;


export type SupervisionNoticesLiveSubscription = { supervisionNoticesChanged: Array<{ id: string, version: number, number: string, year: number, state: SupervisionNoticeState, subject: string, reason: string, requirement: string, replyWithinWorkingDays: number, dueDate: string, issuedAt: string, issuedBy: string, acknowledgedAt: string | null, acknowledgedBy: string | null, repliedAt: string | null, repliedBy: string | null, reply: string | null, evidenceUrls: Array<string>, closedAt: string | null, closedBy: string | null, returnCount: number, returnedReason: string | null, department: { id: string, name: string }, task: { id: string, workPoint: { id: string, number: string, title: string } } | null }> };

export type SupervisionNoticeByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type SupervisionNoticeByIdQuery = { supervisionNotice: { id: string, version: number, number: string, year: number, state: SupervisionNoticeState, subject: string, reason: string, requirement: string, replyWithinWorkingDays: number, dueDate: string, issuedAt: string, issuedBy: string, acknowledgedAt: string | null, acknowledgedBy: string | null, repliedAt: string | null, repliedBy: string | null, reply: string | null, evidenceUrls: Array<string>, closedAt: string | null, closedBy: string | null, returnCount: number, returnedReason: string | null, department: { id: string, name: string }, task: { id: string, workPoint: { id: string, number: string, title: string } } | null } | null };

export type SupervisionTaskOptionsQueryVariables = Exact<{
  filter?: TaskFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type SupervisionTaskOptionsQuery = { tasks: { totalCount: number, nodes: Array<{ id: string, status: TaskStatus, workPoint: { id: string, number: string, title: string } }> } };

export type IssueSupervisionNoticeMutationVariables = Exact<{
  input: IssueSupervisionNoticeInput;
}>;


export type IssueSupervisionNoticeMutation = { issueSupervisionNotice: { id: string, version: number, number: string, year: number, state: SupervisionNoticeState, subject: string, reason: string, requirement: string, replyWithinWorkingDays: number, dueDate: string, issuedAt: string, issuedBy: string, acknowledgedAt: string | null, acknowledgedBy: string | null, repliedAt: string | null, repliedBy: string | null, reply: string | null, evidenceUrls: Array<string>, closedAt: string | null, closedBy: string | null, returnCount: number, returnedReason: string | null, department: { id: string, name: string }, task: { id: string, workPoint: { id: string, number: string, title: string } } | null } };

export type CloseSupervisionNoticeMutationVariables = Exact<{
  id: string | number;
}>;


export type CloseSupervisionNoticeMutation = { closeSupervisionNotice: { id: string, version: number, number: string, year: number, state: SupervisionNoticeState, subject: string, reason: string, requirement: string, replyWithinWorkingDays: number, dueDate: string, issuedAt: string, issuedBy: string, acknowledgedAt: string | null, acknowledgedBy: string | null, repliedAt: string | null, repliedBy: string | null, reply: string | null, evidenceUrls: Array<string>, closedAt: string | null, closedBy: string | null, returnCount: number, returnedReason: string | null, department: { id: string, name: string }, task: { id: string, workPoint: { id: string, number: string, title: string } } | null } };

export type ReturnSupervisionNoticeMutationVariables = Exact<{
  input: ReturnSupervisionNoticeInput;
}>;


export type ReturnSupervisionNoticeMutation = { returnSupervisionNotice: { id: string, version: number, number: string, year: number, state: SupervisionNoticeState, subject: string, reason: string, requirement: string, replyWithinWorkingDays: number, dueDate: string, issuedAt: string, issuedBy: string, acknowledgedAt: string | null, acknowledgedBy: string | null, repliedAt: string | null, repliedBy: string | null, reply: string | null, evidenceUrls: Array<string>, closedAt: string | null, closedBy: string | null, returnCount: number, returnedReason: string | null, department: { id: string, name: string }, task: { id: string, workPoint: { id: string, number: string, title: string } } | null } };

export type NotificationChannelFieldsFragment = { id: string, kind: NotificationChannelKind, target: string, hasSecret: boolean, digest: boolean, muted: boolean, updatedAt: string, department: { id: string, name: string } | null };

export type NotificationChannelsQueryVariables = Exact<{
  departmentId?: string | number | null | undefined;
}>;


export type NotificationChannelsQuery = { notificationChannels: Array<{ id: string, kind: NotificationChannelKind, target: string, hasSecret: boolean, digest: boolean, muted: boolean, updatedAt: string, department: { id: string, name: string } | null }> };

export type SetNotificationChannelMutationVariables = Exact<{
  input: SetNotificationChannelInput;
}>;


export type SetNotificationChannelMutation = { setNotificationChannel: { id: string, kind: NotificationChannelKind, target: string, hasSecret: boolean, digest: boolean, muted: boolean, updatedAt: string, department: { id: string, name: string } | null } };

export type RemoveNotificationChannelMutationVariables = Exact<{
  id: string | number;
}>;


export type RemoveNotificationChannelMutation = { removeNotificationChannel: boolean };

export type TestNotificationChannelMutationVariables = Exact<{
  id: string | number;
}>;


export type TestNotificationChannelMutation = { testNotificationChannel: { id: string, state: DeliveryState } };

export type NotificationDeliveriesQueryVariables = Exact<{
  filter?: DeliveryFilter | null | undefined;
}>;


export type NotificationDeliveriesQuery = { notificationDeliveries: Array<{ id: string, key: string, title: string, state: DeliveryState, attempts: number, lastAnswer: string | null, createdAt: string, sentAt: string | null, nextAttemptAt: string, digestDate: string | null, channel: { id: string, kind: NotificationChannelKind, target: string, department: { id: string, name: string } | null } }> };

export type RetryNotificationDeliveryMutationVariables = Exact<{
  id: string | number;
}>;


export type RetryNotificationDeliveryMutation = { retryNotificationDelivery: { id: string, state: DeliveryState, attempts: number, nextAttemptAt: string } };

export type ReminderRuleFieldsFragment = { id: string, version: number, deadlineKind: DeadlineKind, daysBefore: Array<number>, onDueDay: boolean, overdueEveryWorkingDays: number, escalateToHeadAfter: number | null, escalateToOfficeAfter: number | null, active: boolean };

export type ReminderRulesQueryVariables = Exact<{ [key: string]: never; }>;


export type ReminderRulesQuery = { reminderRules: Array<{ id: string, version: number, deadlineKind: DeadlineKind, daysBefore: Array<number>, onDueDay: boolean, overdueEveryWorkingDays: number, escalateToHeadAfter: number | null, escalateToOfficeAfter: number | null, active: boolean }> };

export type UpdateReminderRuleMutationVariables = Exact<{
  input: UpdateReminderRuleInput;
}>;


export type UpdateReminderRuleMutation = { updateReminderRule: { id: string, version: number, deadlineKind: DeadlineKind, daysBefore: Array<number>, onDueDay: boolean, overdueEveryWorkingDays: number, escalateToHeadAfter: number | null, escalateToOfficeAfter: number | null, active: boolean } };

export type MyTasksQueryVariables = Exact<{
  filter?: TaskFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MyTasksQuery = { tasks: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, version: number, status: TaskStatus, progress: number, role: TaskRole, dueDate: string | null, notApplicableReason: string | null, selfInspection: string | null, evidenceUrls: Array<string>, updatedAt: string, checklist: Array<{ text: string, done: boolean }>, department: { id: string, name: string }, workPoint: { id: string, number: string, title: string } }> } };

export type UpdateTaskProgressMutationVariables = Exact<{
  input: UpdateTaskProgressInput;
}>;


export type UpdateTaskProgressMutation = { updateTaskProgress: { id: string, version: number, status: TaskStatus, progress: number, notApplicableReason: string | null, evidenceUrls: Array<string>, updatedAt: string, checklist: Array<{ text: string, done: boolean }> } };

export type AcknowledgeSupervisionNoticeMutationVariables = Exact<{
  id: string | number;
}>;


export type AcknowledgeSupervisionNoticeMutation = { acknowledgeSupervisionNotice: { id: string, version: number, number: string, year: number, state: SupervisionNoticeState, subject: string, reason: string, requirement: string, replyWithinWorkingDays: number, dueDate: string, issuedAt: string, issuedBy: string, acknowledgedAt: string | null, acknowledgedBy: string | null, repliedAt: string | null, repliedBy: string | null, reply: string | null, evidenceUrls: Array<string>, closedAt: string | null, closedBy: string | null, returnCount: number, returnedReason: string | null, department: { id: string, name: string }, task: { id: string, workPoint: { id: string, number: string, title: string } } | null } };

export type ReplySupervisionNoticeMutationVariables = Exact<{
  input: ReplySupervisionNoticeInput;
}>;


export type ReplySupervisionNoticeMutation = { replySupervisionNotice: { id: string, version: number, number: string, year: number, state: SupervisionNoticeState, subject: string, reason: string, requirement: string, replyWithinWorkingDays: number, dueDate: string, issuedAt: string, issuedBy: string, acknowledgedAt: string | null, acknowledgedBy: string | null, repliedAt: string | null, repliedBy: string | null, reply: string | null, evidenceUrls: Array<string>, closedAt: string | null, closedBy: string | null, returnCount: number, returnedReason: string | null, department: { id: string, name: string }, task: { id: string, workPoint: { id: string, number: string, title: string } } | null } };

export type NotificationsLiveSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type NotificationsLiveSubscription = { notificationsChanged: { unreadCount: number, latest: Array<{ id: string, kind: NotificationKind, title: string, text: string, link: string | null, createdAt: string, readAt: string | null }> } };

export type MarkNotificationsReadMutationVariables = Exact<{
  input: MarkNotificationsReadInput;
}>;


export type MarkNotificationsReadMutation = { markNotificationsRead: number };

export type MyEmailQueryVariables = Exact<{ [key: string]: never; }>;


export type MyEmailQuery = { myEmail: { id: string, target: string, muted: boolean } | null };

export type SetMyEmailMutationVariables = Exact<{
  input: SetMyEmailInput;
}>;


export type SetMyEmailMutation = { setMyEmail: { id: string, target: string, muted: boolean } | null };

export type WallOrganizationsQueryVariables = Exact<{ [key: string]: never; }>;


export type WallOrganizationsQuery = { departments: Array<{ id: string, name: string, sortOrder: number }> };

export type WallAssessmentLiveSubscriptionVariables = Exact<{
  organizationId: string | number;
  period: string;
}>;


export type WallAssessmentLiveSubscription = { assessmentScoresChanged: Array<{ total: number, rank: number, maxTotal: number, frozen: boolean, asOf: string, department: { id: string, name: string } }> };

export type WallSupervisionLiveSubscriptionVariables = Exact<{
  filter?: SupervisionNoticeFilter | null | undefined;
}>;


export type WallSupervisionLiveSubscription = { supervisionNoticesChanged: Array<{ id: string, number: string, state: SupervisionNoticeState, subject: string, dueDate: string, department: { id: string, name: string } }> };

export type QuotaBoardLiveSubscriptionVariables = Exact<{
  period: string;
  withinId?: string | number | null | undefined;
}>;


export type QuotaBoardLiveSubscription = { quotaBoardChanged: { period: { key: string, label: string, asOf: string, workingDays: number, workingDaysElapsed: number }, totals: { published: number, target: number | null, expectedByToday: number | null, completion: number | null, status: QuotaStatus | null }, rows: Array<{ depth: number, parentId: string | null, target: number | null, published: number, expectedByToday: number | null, completion: number | null, status: QuotaStatus | null, department: { id: string, name: string }, category: { id: string, name: string } | null }> } };

export type OverdueLiveSubscriptionVariables = Exact<{
  filter?: OverdueFilter | null | undefined;
}>;


export type OverdueLiveSubscription = { overdueChanged: Array<{ kind: DeadlineKind, id: string, deadlineId: string, title: string, dueDate: string, workingDaysOverdue: number, state: DeadlineState, rule: string, policyBasis: string, department: { id: string, name: string } | null }> };

export type TasksLiveSubscriptionVariables = Exact<{
  filter?: TaskFilter | null | undefined;
}>;


export type TasksLiveSubscription = { taskChanged: Array<{ id: string, status: TaskStatus, progress: number, workPoint: { id: string, number: string, title: string, plan: { id: string, year: number, title: string, sourceYear: number | null } } }> };

export type ActivityLiveSubscriptionVariables = Exact<{
  first: number;
}>;


export type ActivityLiveSubscription = { activityChanged: Array<{ id: string, at: string, action: string, targetType: string, department: { id: string, name: string } | null }> };

export type NewMediaAccountsQueryVariables = Exact<{ [key: string]: never; }>;


export type NewMediaAccountsQuery = { channels: Array<{ id: string, name: string, department: { id: string, name: string } | null }> };

export type LoginMutationVariables = Exact<{
  username: string;
  password: string;
}>;


export type LoginMutation = { login: { accessToken: string, accessTokenExpiresAt: string, refreshToken: string, refreshTokenExpiresAt: string } };

export type RefreshSessionMutationVariables = Exact<{
  refreshToken: string;
}>;


export type RefreshSessionMutation = { refreshSession: { accessToken: string, accessTokenExpiresAt: string, refreshToken: string, refreshTokenExpiresAt: string } };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { logout: boolean };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { kind: string, name: string, role: Role, scopeDepartmentIds: Array<string> | null, department: { id: string, name: string } | null, user: { id: string, username: string, displayName: string } | null } };

export type RedeemScreenLinkMutationVariables = Exact<{
  code: string;
}>;


export type RedeemScreenLinkMutation = { redeemScreenLink: { token: string, label: string } };

export const AnnualReportSummaryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnualReportSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reportingBody"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"submittedOn"}},{"kind":"Field","name":{"kind":"Name","value":"publishedOn"}},{"kind":"Field","name":{"kind":"Name","value":"enteredCellCount"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deadline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"provisional"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}}]}}]}}]} as unknown as DocumentNode<AnnualReportSummaryFragment, unknown>;
export const AnnualReportFullFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnualReportFull"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnnualReportSummary"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"signedOn"}},{"kind":"Field","name":{"kind":"Name","value":"informationFee"}},{"kind":"Field","name":{"kind":"Name","value":"preamble"}},{"kind":"Field","name":{"kind":"Name","value":"overview"}},{"kind":"Field","name":{"kind":"Name","value":"proactiveText"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}},{"kind":"Field","name":{"kind":"Name","value":"otherMatters"}},{"kind":"Field","name":{"kind":"Name","value":"text"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"preamble"}},{"kind":"Field","name":{"kind":"Name","value":"overview"}},{"kind":"Field","name":{"kind":"Name","value":"proactiveText"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}},{"kind":"Field","name":{"kind":"Name","value":"otherMatters"}}]}},{"kind":"Field","name":{"kind":"Name","value":"liveFields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"figures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"column"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"registerValue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"cells"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"column"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"publication"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"indexNumber"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnualReportSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reportingBody"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"submittedOn"}},{"kind":"Field","name":{"kind":"Name","value":"publishedOn"}},{"kind":"Field","name":{"kind":"Name","value":"enteredCellCount"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deadline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"provisional"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}}]}}]}}]} as unknown as DocumentNode<AnnualReportFullFragment, unknown>;
export const AssessmentItemFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentItemDefinition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"requirement"}},{"kind":"Field","name":{"kind":"Name","value":"maxPoints"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"perQuarter"}},{"kind":"Field","name":{"kind":"Name","value":"perYear"}},{"kind":"Field","name":{"kind":"Name","value":"deadlineKinds"}},{"kind":"Field","name":{"kind":"Name","value":"scoring"}},{"kind":"Field","name":{"kind":"Name","value":"deduction"}},{"kind":"Field","name":{"kind":"Name","value":"cap"}},{"kind":"Field","name":{"kind":"Name","value":"zeroAfterDays"}},{"kind":"Field","name":{"kind":"Name","value":"occurrenceKinds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"vetoes"}},{"kind":"Field","name":{"kind":"Name","value":"idleDays"}},{"kind":"Field","name":{"kind":"Name","value":"minCases"}}]}}]} as unknown as DocumentNode<AssessmentItemFieldsFragment, unknown>;
export const AssessmentSetFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentSetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentSet"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"maxTotal"}},{"kind":"Field","name":{"kind":"Name","value":"bonusTitle"}},{"kind":"Field","name":{"kind":"Name","value":"bonusCap"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssessmentItemFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentItemDefinition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"requirement"}},{"kind":"Field","name":{"kind":"Name","value":"maxPoints"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"perQuarter"}},{"kind":"Field","name":{"kind":"Name","value":"perYear"}},{"kind":"Field","name":{"kind":"Name","value":"deadlineKinds"}},{"kind":"Field","name":{"kind":"Name","value":"scoring"}},{"kind":"Field","name":{"kind":"Name","value":"deduction"}},{"kind":"Field","name":{"kind":"Name","value":"cap"}},{"kind":"Field","name":{"kind":"Name","value":"zeroAfterDays"}},{"kind":"Field","name":{"kind":"Name","value":"occurrenceKinds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"vetoes"}},{"kind":"Field","name":{"kind":"Name","value":"idleDays"}},{"kind":"Field","name":{"kind":"Name","value":"minCases"}}]}}]} as unknown as DocumentNode<AssessmentSetFieldsFragment, unknown>;
export const ItemScoreFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ItemScoreFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ItemScore"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"maxPoints"}},{"kind":"Field","name":{"kind":"Name","value":"vetoed"}},{"kind":"Field","name":{"kind":"Name","value":"basis"}},{"kind":"Field","name":{"kind":"Name","value":"selfPoints"}},{"kind":"Field","name":{"kind":"Name","value":"differs"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"cases"}},{"kind":"Field","name":{"kind":"Name","value":"casesMet"}},{"kind":"Field","name":{"kind":"Name","value":"caution"}},{"kind":"Field","name":{"kind":"Name","value":"itemRank"}},{"kind":"Field","name":{"kind":"Name","value":"facts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"refId"}},{"kind":"Field","name":{"kind":"Name","value":"link"}}]}}]}}]} as unknown as DocumentNode<ItemScoreFieldsFragment, unknown>;
export const UnitScoreFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UnitScoreFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UnitScore"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"maxTotal"}},{"kind":"Field","name":{"kind":"Name","value":"bonus"}},{"kind":"Field","name":{"kind":"Name","value":"bonusBasis"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"selfTotal"}},{"kind":"Field","name":{"kind":"Name","value":"differences"}},{"kind":"Field","name":{"kind":"Name","value":"frozen"}},{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ItemScoreFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ItemScoreFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ItemScore"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"maxPoints"}},{"kind":"Field","name":{"kind":"Name","value":"vetoed"}},{"kind":"Field","name":{"kind":"Name","value":"basis"}},{"kind":"Field","name":{"kind":"Name","value":"selfPoints"}},{"kind":"Field","name":{"kind":"Name","value":"differs"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"cases"}},{"kind":"Field","name":{"kind":"Name","value":"casesMet"}},{"kind":"Field","name":{"kind":"Name","value":"caution"}},{"kind":"Field","name":{"kind":"Name","value":"itemRank"}},{"kind":"Field","name":{"kind":"Name","value":"facts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"refId"}},{"kind":"Field","name":{"kind":"Name","value":"link"}}]}}]}}]} as unknown as DocumentNode<UnitScoreFieldsFragment, unknown>;
export const AssessmentSheetFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentSheetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentSheetView"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"set"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssessmentSetFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"score"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UnitScoreFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"itemCode"}},{"kind":"Field","name":{"kind":"Name","value":"side"}},{"kind":"Field","name":{"kind":"Name","value":"occurrences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"vetoed"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"enteredBy"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"written"}}]}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"submittedBy"}},{"kind":"Field","name":{"kind":"Name","value":"returnedReason"}},{"kind":"Field","name":{"kind":"Name","value":"finalizedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finalizedBy"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"reportUrl"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentItemDefinition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"requirement"}},{"kind":"Field","name":{"kind":"Name","value":"maxPoints"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"perQuarter"}},{"kind":"Field","name":{"kind":"Name","value":"perYear"}},{"kind":"Field","name":{"kind":"Name","value":"deadlineKinds"}},{"kind":"Field","name":{"kind":"Name","value":"scoring"}},{"kind":"Field","name":{"kind":"Name","value":"deduction"}},{"kind":"Field","name":{"kind":"Name","value":"cap"}},{"kind":"Field","name":{"kind":"Name","value":"zeroAfterDays"}},{"kind":"Field","name":{"kind":"Name","value":"occurrenceKinds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"vetoes"}},{"kind":"Field","name":{"kind":"Name","value":"idleDays"}},{"kind":"Field","name":{"kind":"Name","value":"minCases"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ItemScoreFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ItemScore"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"maxPoints"}},{"kind":"Field","name":{"kind":"Name","value":"vetoed"}},{"kind":"Field","name":{"kind":"Name","value":"basis"}},{"kind":"Field","name":{"kind":"Name","value":"selfPoints"}},{"kind":"Field","name":{"kind":"Name","value":"differs"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"cases"}},{"kind":"Field","name":{"kind":"Name","value":"casesMet"}},{"kind":"Field","name":{"kind":"Name","value":"caution"}},{"kind":"Field","name":{"kind":"Name","value":"itemRank"}},{"kind":"Field","name":{"kind":"Name","value":"facts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"refId"}},{"kind":"Field","name":{"kind":"Name","value":"link"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentSetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentSet"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"maxTotal"}},{"kind":"Field","name":{"kind":"Name","value":"bonusTitle"}},{"kind":"Field","name":{"kind":"Name","value":"bonusCap"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssessmentItemFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UnitScoreFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UnitScore"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"maxTotal"}},{"kind":"Field","name":{"kind":"Name","value":"bonus"}},{"kind":"Field","name":{"kind":"Name","value":"bonusBasis"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"selfTotal"}},{"kind":"Field","name":{"kind":"Name","value":"differences"}},{"kind":"Field","name":{"kind":"Name","value":"frozen"}},{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ItemScoreFields"}}]}}]}}]} as unknown as DocumentNode<AssessmentSheetFieldsFragment, unknown>;
export const PlanHeadingFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlanHeading"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Plan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"sourceYear"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"basisDocuments"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"retiredAt"}},{"kind":"Field","name":{"kind":"Name","value":"retiredReason"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<PlanHeadingFragment, unknown>;
export const WorkPointFullFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorkPointFull"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WorkPoint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"section"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"duties"}},{"kind":"Field","name":{"kind":"Name","value":"dutyItems"}},{"kind":"Field","name":{"kind":"Name","value":"policyBasis"}},{"kind":"Field","name":{"kind":"Name","value":"citedDocuments"}},{"kind":"Field","name":{"kind":"Name","value":"timeLimit"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"periodDueDates"}},{"kind":"Field","name":{"kind":"Name","value":"responsibleScopes"}},{"kind":"Field","name":{"kind":"Name","value":"retiredAt"}},{"kind":"Field","name":{"kind":"Name","value":"retiredReason"}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"sourceYear"}},{"kind":"Field","name":{"kind":"Name","value":"retiredAt"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"leadDepartments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"responsibleDepartments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<WorkPointFullFragment, unknown>;
export const SupervisionNoticeFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SupervisionNoticeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SupervisionNotice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"requirement"}},{"kind":"Field","name":{"kind":"Name","value":"replyWithinWorkingDays"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"issuedBy"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedBy"}},{"kind":"Field","name":{"kind":"Name","value":"repliedAt"}},{"kind":"Field","name":{"kind":"Name","value":"repliedBy"}},{"kind":"Field","name":{"kind":"Name","value":"reply"}},{"kind":"Field","name":{"kind":"Name","value":"evidenceUrls"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedBy"}},{"kind":"Field","name":{"kind":"Name","value":"returnCount"}},{"kind":"Field","name":{"kind":"Name","value":"returnedReason"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"workPoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]} as unknown as DocumentNode<SupervisionNoticeFieldsFragment, unknown>;
export const NotificationChannelFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NotificationChannelFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotificationChannel"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"hasSecret"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"muted"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<NotificationChannelFieldsFragment, unknown>;
export const ReminderRuleFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReminderRuleFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReminderRule"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"deadlineKind"}},{"kind":"Field","name":{"kind":"Name","value":"daysBefore"}},{"kind":"Field","name":{"kind":"Name","value":"onDueDay"}},{"kind":"Field","name":{"kind":"Name","value":"overdueEveryWorkingDays"}},{"kind":"Field","name":{"kind":"Name","value":"escalateToHeadAfter"}},{"kind":"Field","name":{"kind":"Name","value":"escalateToOfficeAfter"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]} as unknown as DocumentNode<ReminderRuleFieldsFragment, unknown>;
export const AnnualReportsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AnnualReports"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"annualReports"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnnualReportSummary"}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"severity"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnualReportSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reportingBody"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"submittedOn"}},{"kind":"Field","name":{"kind":"Name","value":"publishedOn"}},{"kind":"Field","name":{"kind":"Name","value":"enteredCellCount"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deadline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"provisional"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}}]}}]}}]} as unknown as DocumentNode<AnnualReportsQuery, AnnualReportsQueryVariables>;
export const AnnualReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AnnualReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"annualReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnnualReportFull"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnualReportSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reportingBody"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"submittedOn"}},{"kind":"Field","name":{"kind":"Name","value":"publishedOn"}},{"kind":"Field","name":{"kind":"Name","value":"enteredCellCount"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deadline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"provisional"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnualReportFull"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnnualReportSummary"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"signedOn"}},{"kind":"Field","name":{"kind":"Name","value":"informationFee"}},{"kind":"Field","name":{"kind":"Name","value":"preamble"}},{"kind":"Field","name":{"kind":"Name","value":"overview"}},{"kind":"Field","name":{"kind":"Name","value":"proactiveText"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}},{"kind":"Field","name":{"kind":"Name","value":"otherMatters"}},{"kind":"Field","name":{"kind":"Name","value":"text"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"preamble"}},{"kind":"Field","name":{"kind":"Name","value":"overview"}},{"kind":"Field","name":{"kind":"Name","value":"proactiveText"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}},{"kind":"Field","name":{"kind":"Name","value":"otherMatters"}}]}},{"kind":"Field","name":{"kind":"Name","value":"liveFields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"figures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"column"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"registerValue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"cells"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"column"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"publication"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"indexNumber"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]} as unknown as DocumentNode<AnnualReportQuery, AnnualReportQueryVariables>;
export const AnnualReportCellEntriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AnnualReportCellEntries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reportId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"table"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"row"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"column"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"annualReportCellEntries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"reportId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reportId"}}},{"kind":"Argument","name":{"kind":"Name","value":"table"},"value":{"kind":"Variable","name":{"kind":"Name","value":"table"}}},{"kind":"Argument","name":{"kind":"Name","value":"row"},"value":{"kind":"Variable","name":{"kind":"Name","value":"row"}}},{"kind":"Argument","name":{"kind":"Name","value":"column"},"value":{"kind":"Variable","name":{"kind":"Name","value":"column"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"departmentName"}}]}}]}}]}}]} as unknown as DocumentNode<AnnualReportCellEntriesQuery, AnnualReportCellEntriesQueryVariables>;
export const AnnualReportChannelsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AnnualReportChannels"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"usableById"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channels"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"usableById"},"value":{"kind":"Variable","name":{"kind":"Name","value":"usableById"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]} as unknown as DocumentNode<AnnualReportChannelsQuery, AnnualReportChannelsQueryVariables>;
export const CreateAnnualReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateAnnualReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateAnnualReportInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createAnnualReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnnualReportSummary"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnualReportSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reportingBody"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"submittedOn"}},{"kind":"Field","name":{"kind":"Name","value":"publishedOn"}},{"kind":"Field","name":{"kind":"Name","value":"enteredCellCount"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deadline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"provisional"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}}]}}]}}]} as unknown as DocumentNode<CreateAnnualReportMutation, CreateAnnualReportMutationVariables>;
export const ImportAnnualReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ImportAnnualReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ImportAnnualReportInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importAnnualReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnnualReportSummary"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnualReportSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reportingBody"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"submittedOn"}},{"kind":"Field","name":{"kind":"Name","value":"publishedOn"}},{"kind":"Field","name":{"kind":"Name","value":"enteredCellCount"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deadline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"provisional"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}}]}}]}}]} as unknown as DocumentNode<ImportAnnualReportMutation, ImportAnnualReportMutationVariables>;
export const UpdateAnnualReportTextDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateAnnualReportText"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateAnnualReportTextInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateAnnualReportText"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnnualReportFull"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnualReportSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reportingBody"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"submittedOn"}},{"kind":"Field","name":{"kind":"Name","value":"publishedOn"}},{"kind":"Field","name":{"kind":"Name","value":"enteredCellCount"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deadline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"provisional"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnualReportFull"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnnualReportSummary"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"signedOn"}},{"kind":"Field","name":{"kind":"Name","value":"informationFee"}},{"kind":"Field","name":{"kind":"Name","value":"preamble"}},{"kind":"Field","name":{"kind":"Name","value":"overview"}},{"kind":"Field","name":{"kind":"Name","value":"proactiveText"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}},{"kind":"Field","name":{"kind":"Name","value":"otherMatters"}},{"kind":"Field","name":{"kind":"Name","value":"text"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"preamble"}},{"kind":"Field","name":{"kind":"Name","value":"overview"}},{"kind":"Field","name":{"kind":"Name","value":"proactiveText"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}},{"kind":"Field","name":{"kind":"Name","value":"otherMatters"}}]}},{"kind":"Field","name":{"kind":"Name","value":"liveFields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"figures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"column"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"registerValue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"cells"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"column"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"publication"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"indexNumber"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]} as unknown as DocumentNode<UpdateAnnualReportTextMutation, UpdateAnnualReportTextMutationVariables>;
export const RegenerateAnnualReportTextDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegenerateAnnualReportText"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReportStepInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"regenerateAnnualReportText"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnnualReportFull"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnualReportSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reportingBody"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"submittedOn"}},{"kind":"Field","name":{"kind":"Name","value":"publishedOn"}},{"kind":"Field","name":{"kind":"Name","value":"enteredCellCount"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deadline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"provisional"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnualReportFull"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnnualReportSummary"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"signedOn"}},{"kind":"Field","name":{"kind":"Name","value":"informationFee"}},{"kind":"Field","name":{"kind":"Name","value":"preamble"}},{"kind":"Field","name":{"kind":"Name","value":"overview"}},{"kind":"Field","name":{"kind":"Name","value":"proactiveText"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}},{"kind":"Field","name":{"kind":"Name","value":"otherMatters"}},{"kind":"Field","name":{"kind":"Name","value":"text"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"preamble"}},{"kind":"Field","name":{"kind":"Name","value":"overview"}},{"kind":"Field","name":{"kind":"Name","value":"proactiveText"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}},{"kind":"Field","name":{"kind":"Name","value":"otherMatters"}}]}},{"kind":"Field","name":{"kind":"Name","value":"liveFields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"figures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"column"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"registerValue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"cells"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"column"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"publication"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"indexNumber"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]} as unknown as DocumentNode<RegenerateAnnualReportTextMutation, RegenerateAnnualReportTextMutationVariables>;
export const SetAnnualReportCellsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetAnnualReportCells"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetAnnualReportCellsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setAnnualReportCells"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnnualReportFull"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnualReportSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reportingBody"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"submittedOn"}},{"kind":"Field","name":{"kind":"Name","value":"publishedOn"}},{"kind":"Field","name":{"kind":"Name","value":"enteredCellCount"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deadline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"provisional"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnualReportFull"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnnualReportSummary"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"signedOn"}},{"kind":"Field","name":{"kind":"Name","value":"informationFee"}},{"kind":"Field","name":{"kind":"Name","value":"preamble"}},{"kind":"Field","name":{"kind":"Name","value":"overview"}},{"kind":"Field","name":{"kind":"Name","value":"proactiveText"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}},{"kind":"Field","name":{"kind":"Name","value":"otherMatters"}},{"kind":"Field","name":{"kind":"Name","value":"text"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"preamble"}},{"kind":"Field","name":{"kind":"Name","value":"overview"}},{"kind":"Field","name":{"kind":"Name","value":"proactiveText"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}},{"kind":"Field","name":{"kind":"Name","value":"otherMatters"}}]}},{"kind":"Field","name":{"kind":"Name","value":"liveFields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"figures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"column"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"registerValue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"cells"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"column"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"publication"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"indexNumber"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]} as unknown as DocumentNode<SetAnnualReportCellsMutation, SetAnnualReportCellsMutationVariables>;
export const SubmitAnnualReportForReviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitAnnualReportForReview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReportStepInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitAnnualReportForReview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnnualReportFull"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnualReportSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reportingBody"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"submittedOn"}},{"kind":"Field","name":{"kind":"Name","value":"publishedOn"}},{"kind":"Field","name":{"kind":"Name","value":"enteredCellCount"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deadline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"provisional"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnualReportFull"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnnualReportSummary"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"signedOn"}},{"kind":"Field","name":{"kind":"Name","value":"informationFee"}},{"kind":"Field","name":{"kind":"Name","value":"preamble"}},{"kind":"Field","name":{"kind":"Name","value":"overview"}},{"kind":"Field","name":{"kind":"Name","value":"proactiveText"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}},{"kind":"Field","name":{"kind":"Name","value":"otherMatters"}},{"kind":"Field","name":{"kind":"Name","value":"text"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"preamble"}},{"kind":"Field","name":{"kind":"Name","value":"overview"}},{"kind":"Field","name":{"kind":"Name","value":"proactiveText"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}},{"kind":"Field","name":{"kind":"Name","value":"otherMatters"}}]}},{"kind":"Field","name":{"kind":"Name","value":"liveFields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"figures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"column"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"registerValue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"cells"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"column"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"publication"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"indexNumber"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]} as unknown as DocumentNode<SubmitAnnualReportForReviewMutation, SubmitAnnualReportForReviewMutationVariables>;
export const ApproveAnnualReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApproveAnnualReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReportStepInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approveAnnualReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnnualReportFull"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnualReportSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reportingBody"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"submittedOn"}},{"kind":"Field","name":{"kind":"Name","value":"publishedOn"}},{"kind":"Field","name":{"kind":"Name","value":"enteredCellCount"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deadline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"provisional"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnualReportFull"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnnualReportSummary"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"signedOn"}},{"kind":"Field","name":{"kind":"Name","value":"informationFee"}},{"kind":"Field","name":{"kind":"Name","value":"preamble"}},{"kind":"Field","name":{"kind":"Name","value":"overview"}},{"kind":"Field","name":{"kind":"Name","value":"proactiveText"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}},{"kind":"Field","name":{"kind":"Name","value":"otherMatters"}},{"kind":"Field","name":{"kind":"Name","value":"text"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"preamble"}},{"kind":"Field","name":{"kind":"Name","value":"overview"}},{"kind":"Field","name":{"kind":"Name","value":"proactiveText"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}},{"kind":"Field","name":{"kind":"Name","value":"otherMatters"}}]}},{"kind":"Field","name":{"kind":"Name","value":"liveFields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"figures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"column"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"registerValue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"cells"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"column"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"publication"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"indexNumber"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]} as unknown as DocumentNode<ApproveAnnualReportMutation, ApproveAnnualReportMutationVariables>;
export const ReturnAnnualReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReturnAnnualReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReturnAnnualReportInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"returnAnnualReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnnualReportFull"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnualReportSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reportingBody"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"submittedOn"}},{"kind":"Field","name":{"kind":"Name","value":"publishedOn"}},{"kind":"Field","name":{"kind":"Name","value":"enteredCellCount"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deadline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"provisional"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnualReportFull"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnnualReportSummary"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"signedOn"}},{"kind":"Field","name":{"kind":"Name","value":"informationFee"}},{"kind":"Field","name":{"kind":"Name","value":"preamble"}},{"kind":"Field","name":{"kind":"Name","value":"overview"}},{"kind":"Field","name":{"kind":"Name","value":"proactiveText"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}},{"kind":"Field","name":{"kind":"Name","value":"otherMatters"}},{"kind":"Field","name":{"kind":"Name","value":"text"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"preamble"}},{"kind":"Field","name":{"kind":"Name","value":"overview"}},{"kind":"Field","name":{"kind":"Name","value":"proactiveText"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}},{"kind":"Field","name":{"kind":"Name","value":"otherMatters"}}]}},{"kind":"Field","name":{"kind":"Name","value":"liveFields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"figures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"column"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"registerValue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"cells"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"column"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"publication"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"indexNumber"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]} as unknown as DocumentNode<ReturnAnnualReportMutation, ReturnAnnualReportMutationVariables>;
export const SubmitAnnualReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitAnnualReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SubmitAnnualReportInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitAnnualReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnnualReportFull"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnualReportSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reportingBody"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"submittedOn"}},{"kind":"Field","name":{"kind":"Name","value":"publishedOn"}},{"kind":"Field","name":{"kind":"Name","value":"enteredCellCount"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deadline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"provisional"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnualReportFull"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnnualReportSummary"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"signedOn"}},{"kind":"Field","name":{"kind":"Name","value":"informationFee"}},{"kind":"Field","name":{"kind":"Name","value":"preamble"}},{"kind":"Field","name":{"kind":"Name","value":"overview"}},{"kind":"Field","name":{"kind":"Name","value":"proactiveText"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}},{"kind":"Field","name":{"kind":"Name","value":"otherMatters"}},{"kind":"Field","name":{"kind":"Name","value":"text"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"preamble"}},{"kind":"Field","name":{"kind":"Name","value":"overview"}},{"kind":"Field","name":{"kind":"Name","value":"proactiveText"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}},{"kind":"Field","name":{"kind":"Name","value":"otherMatters"}}]}},{"kind":"Field","name":{"kind":"Name","value":"liveFields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"figures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"column"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"registerValue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"cells"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"column"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"publication"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"indexNumber"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]} as unknown as DocumentNode<SubmitAnnualReportMutation, SubmitAnnualReportMutationVariables>;
export const PublishAnnualReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PublishAnnualReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PublishAnnualReportInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publishAnnualReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnnualReportFull"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnualReportSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reportingBody"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"submittedOn"}},{"kind":"Field","name":{"kind":"Name","value":"publishedOn"}},{"kind":"Field","name":{"kind":"Name","value":"enteredCellCount"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deadline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"provisional"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnualReportFull"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnnualReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnnualReportSummary"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"signedOn"}},{"kind":"Field","name":{"kind":"Name","value":"informationFee"}},{"kind":"Field","name":{"kind":"Name","value":"preamble"}},{"kind":"Field","name":{"kind":"Name","value":"overview"}},{"kind":"Field","name":{"kind":"Name","value":"proactiveText"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}},{"kind":"Field","name":{"kind":"Name","value":"otherMatters"}},{"kind":"Field","name":{"kind":"Name","value":"text"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"preamble"}},{"kind":"Field","name":{"kind":"Name","value":"overview"}},{"kind":"Field","name":{"kind":"Name","value":"proactiveText"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}},{"kind":"Field","name":{"kind":"Name","value":"otherMatters"}}]}},{"kind":"Field","name":{"kind":"Name","value":"liveFields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"figures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"column"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"registerValue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"cells"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"column"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"publication"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"indexNumber"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]} as unknown as DocumentNode<PublishAnnualReportMutation, PublishAnnualReportMutationVariables>;
export const CheckAnnualReportTextsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CheckAnnualReportTexts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reports"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CheckAnnualReportTextItem"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkAnnualReportTexts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"reports"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reports"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"errorCount"}},{"kind":"Field","name":{"kind":"Name","value":"warningCount"}},{"kind":"Field","name":{"kind":"Name","value":"reading"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"organizationName"}},{"kind":"Field","name":{"kind":"Name","value":"cells"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"table"}}]}},{"kind":"Field","name":{"kind":"Name","value":"unreadable"}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"cells"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"column"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CheckAnnualReportTextsQuery, CheckAnnualReportTextsQueryVariables>;
export const LegalCasesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LegalCases"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"LegalCaseFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"legalCases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"party"}},{"kind":"Field","name":{"kind":"Name","value":"receivedOn"}},{"kind":"Field","name":{"kind":"Name","value":"concludedOn"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<LegalCasesQuery, LegalCasesQueryVariables>;
export const RegisterLegalCaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterLegalCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterLegalCaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerLegalCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<RegisterLegalCaseMutation, RegisterLegalCaseMutationVariables>;
export const ConcludeLegalCaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConcludeLegalCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConcludeLegalCaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"concludeLegalCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"concludedOn"}}]}}]}}]} as unknown as DocumentNode<ConcludeLegalCaseMutation, ConcludeLegalCaseMutationVariables>;
export const NormativeDocumentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NormativeDocuments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"NormativeDocumentFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"normativeDocuments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"documentNumber"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"issuedOn"}},{"kind":"Field","name":{"kind":"Name","value":"repealedOn"}},{"kind":"Field","name":{"kind":"Name","value":"repealNote"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<NormativeDocumentsQuery, NormativeDocumentsQueryVariables>;
export const RegisterNormativeDocumentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterNormativeDocument"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterNormativeDocumentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerNormativeDocument"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<RegisterNormativeDocumentMutation, RegisterNormativeDocumentMutationVariables>;
export const RepealNormativeDocumentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RepealNormativeDocument"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RepealNormativeDocumentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"repealNormativeDocument"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"repealedOn"}}]}}]}}]} as unknown as DocumentNode<RepealNormativeDocumentMutation, RepealNormativeDocumentMutationVariables>;
export const AnnualStatisticsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AnnualStatistics"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"year"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"annualStatistics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"item"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"enteredBy"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"year"}}]}}]}}]} as unknown as DocumentNode<AnnualStatisticsQuery, AnnualStatisticsQueryVariables>;
export const SetAnnualStatisticDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetAnnualStatistic"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetAnnualStatisticInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setAnnualStatistic"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"item"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}}]} as unknown as DocumentNode<SetAnnualStatisticMutation, SetAnnualStatisticMutationVariables>;
export const AssessmentOrganizationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AssessmentOrganizations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"departments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"kind"},"value":{"kind":"EnumValue","value":"ORGANIZATION"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"sortOrder"}}]}}]}}]} as unknown as DocumentNode<AssessmentOrganizationsQuery, AssessmentOrganizationsQueryVariables>;
export const AssessmentSetsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AssessmentSets"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assessmentSets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssessmentSetFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentItemDefinition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"requirement"}},{"kind":"Field","name":{"kind":"Name","value":"maxPoints"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"perQuarter"}},{"kind":"Field","name":{"kind":"Name","value":"perYear"}},{"kind":"Field","name":{"kind":"Name","value":"deadlineKinds"}},{"kind":"Field","name":{"kind":"Name","value":"scoring"}},{"kind":"Field","name":{"kind":"Name","value":"deduction"}},{"kind":"Field","name":{"kind":"Name","value":"cap"}},{"kind":"Field","name":{"kind":"Name","value":"zeroAfterDays"}},{"kind":"Field","name":{"kind":"Name","value":"occurrenceKinds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"vetoes"}},{"kind":"Field","name":{"kind":"Name","value":"idleDays"}},{"kind":"Field","name":{"kind":"Name","value":"minCases"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentSetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentSet"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"maxTotal"}},{"kind":"Field","name":{"kind":"Name","value":"bonusTitle"}},{"kind":"Field","name":{"kind":"Name","value":"bonusCap"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssessmentItemFields"}}]}}]}}]} as unknown as DocumentNode<AssessmentSetsQuery, AssessmentSetsQueryVariables>;
export const AssessmentScoresDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AssessmentScores"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assessmentScores"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UnitScoreFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ItemScoreFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ItemScore"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"maxPoints"}},{"kind":"Field","name":{"kind":"Name","value":"vetoed"}},{"kind":"Field","name":{"kind":"Name","value":"basis"}},{"kind":"Field","name":{"kind":"Name","value":"selfPoints"}},{"kind":"Field","name":{"kind":"Name","value":"differs"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"cases"}},{"kind":"Field","name":{"kind":"Name","value":"casesMet"}},{"kind":"Field","name":{"kind":"Name","value":"caution"}},{"kind":"Field","name":{"kind":"Name","value":"itemRank"}},{"kind":"Field","name":{"kind":"Name","value":"facts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"refId"}},{"kind":"Field","name":{"kind":"Name","value":"link"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UnitScoreFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UnitScore"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"maxTotal"}},{"kind":"Field","name":{"kind":"Name","value":"bonus"}},{"kind":"Field","name":{"kind":"Name","value":"bonusBasis"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"selfTotal"}},{"kind":"Field","name":{"kind":"Name","value":"differences"}},{"kind":"Field","name":{"kind":"Name","value":"frozen"}},{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ItemScoreFields"}}]}}]}}]} as unknown as DocumentNode<AssessmentScoresQuery, AssessmentScoresQueryVariables>;
export const AssessmentSheetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AssessmentSheet"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentSheetRef"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assessmentSheet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssessmentSheetFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentItemDefinition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"requirement"}},{"kind":"Field","name":{"kind":"Name","value":"maxPoints"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"perQuarter"}},{"kind":"Field","name":{"kind":"Name","value":"perYear"}},{"kind":"Field","name":{"kind":"Name","value":"deadlineKinds"}},{"kind":"Field","name":{"kind":"Name","value":"scoring"}},{"kind":"Field","name":{"kind":"Name","value":"deduction"}},{"kind":"Field","name":{"kind":"Name","value":"cap"}},{"kind":"Field","name":{"kind":"Name","value":"zeroAfterDays"}},{"kind":"Field","name":{"kind":"Name","value":"occurrenceKinds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"vetoes"}},{"kind":"Field","name":{"kind":"Name","value":"idleDays"}},{"kind":"Field","name":{"kind":"Name","value":"minCases"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentSetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentSet"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"maxTotal"}},{"kind":"Field","name":{"kind":"Name","value":"bonusTitle"}},{"kind":"Field","name":{"kind":"Name","value":"bonusCap"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssessmentItemFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ItemScoreFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ItemScore"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"maxPoints"}},{"kind":"Field","name":{"kind":"Name","value":"vetoed"}},{"kind":"Field","name":{"kind":"Name","value":"basis"}},{"kind":"Field","name":{"kind":"Name","value":"selfPoints"}},{"kind":"Field","name":{"kind":"Name","value":"differs"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"cases"}},{"kind":"Field","name":{"kind":"Name","value":"casesMet"}},{"kind":"Field","name":{"kind":"Name","value":"caution"}},{"kind":"Field","name":{"kind":"Name","value":"itemRank"}},{"kind":"Field","name":{"kind":"Name","value":"facts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"refId"}},{"kind":"Field","name":{"kind":"Name","value":"link"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UnitScoreFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UnitScore"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"maxTotal"}},{"kind":"Field","name":{"kind":"Name","value":"bonus"}},{"kind":"Field","name":{"kind":"Name","value":"bonusBasis"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"selfTotal"}},{"kind":"Field","name":{"kind":"Name","value":"differences"}},{"kind":"Field","name":{"kind":"Name","value":"frozen"}},{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ItemScoreFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentSheetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentSheetView"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"set"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssessmentSetFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"score"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UnitScoreFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"itemCode"}},{"kind":"Field","name":{"kind":"Name","value":"side"}},{"kind":"Field","name":{"kind":"Name","value":"occurrences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"vetoed"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"enteredBy"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"written"}}]}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"submittedBy"}},{"kind":"Field","name":{"kind":"Name","value":"returnedReason"}},{"kind":"Field","name":{"kind":"Name","value":"finalizedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finalizedBy"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"reportUrl"}}]}}]} as unknown as DocumentNode<AssessmentSheetQuery, AssessmentSheetQueryVariables>;
export const SetAssessmentEntryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetAssessmentEntry"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetAssessmentEntryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setAssessmentEntry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"itemCode"}},{"kind":"Field","name":{"kind":"Name","value":"side"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"vetoed"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<SetAssessmentEntryMutation, SetAssessmentEntryMutationVariables>;
export const SetAssessmentFindingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetAssessmentFinding"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetAssessmentFindingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setAssessmentFinding"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}]}]}}]} as unknown as DocumentNode<SetAssessmentFindingMutation, SetAssessmentFindingMutationVariables>;
export const SubmitAssessmentSheetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitAssessmentSheet"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentSheetStepInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitAssessmentSheet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssessmentSheetFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentItemDefinition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"requirement"}},{"kind":"Field","name":{"kind":"Name","value":"maxPoints"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"perQuarter"}},{"kind":"Field","name":{"kind":"Name","value":"perYear"}},{"kind":"Field","name":{"kind":"Name","value":"deadlineKinds"}},{"kind":"Field","name":{"kind":"Name","value":"scoring"}},{"kind":"Field","name":{"kind":"Name","value":"deduction"}},{"kind":"Field","name":{"kind":"Name","value":"cap"}},{"kind":"Field","name":{"kind":"Name","value":"zeroAfterDays"}},{"kind":"Field","name":{"kind":"Name","value":"occurrenceKinds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"vetoes"}},{"kind":"Field","name":{"kind":"Name","value":"idleDays"}},{"kind":"Field","name":{"kind":"Name","value":"minCases"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentSetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentSet"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"maxTotal"}},{"kind":"Field","name":{"kind":"Name","value":"bonusTitle"}},{"kind":"Field","name":{"kind":"Name","value":"bonusCap"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssessmentItemFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ItemScoreFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ItemScore"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"maxPoints"}},{"kind":"Field","name":{"kind":"Name","value":"vetoed"}},{"kind":"Field","name":{"kind":"Name","value":"basis"}},{"kind":"Field","name":{"kind":"Name","value":"selfPoints"}},{"kind":"Field","name":{"kind":"Name","value":"differs"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"cases"}},{"kind":"Field","name":{"kind":"Name","value":"casesMet"}},{"kind":"Field","name":{"kind":"Name","value":"caution"}},{"kind":"Field","name":{"kind":"Name","value":"itemRank"}},{"kind":"Field","name":{"kind":"Name","value":"facts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"refId"}},{"kind":"Field","name":{"kind":"Name","value":"link"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UnitScoreFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UnitScore"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"maxTotal"}},{"kind":"Field","name":{"kind":"Name","value":"bonus"}},{"kind":"Field","name":{"kind":"Name","value":"bonusBasis"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"selfTotal"}},{"kind":"Field","name":{"kind":"Name","value":"differences"}},{"kind":"Field","name":{"kind":"Name","value":"frozen"}},{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ItemScoreFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentSheetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentSheetView"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"set"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssessmentSetFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"score"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UnitScoreFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"itemCode"}},{"kind":"Field","name":{"kind":"Name","value":"side"}},{"kind":"Field","name":{"kind":"Name","value":"occurrences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"vetoed"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"enteredBy"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"written"}}]}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"submittedBy"}},{"kind":"Field","name":{"kind":"Name","value":"returnedReason"}},{"kind":"Field","name":{"kind":"Name","value":"finalizedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finalizedBy"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"reportUrl"}}]}}]} as unknown as DocumentNode<SubmitAssessmentSheetMutation, SubmitAssessmentSheetMutationVariables>;
export const ReturnAssessmentSheetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReturnAssessmentSheet"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentSheetStepInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"returnAssessmentSheet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssessmentSheetFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentItemDefinition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"requirement"}},{"kind":"Field","name":{"kind":"Name","value":"maxPoints"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"perQuarter"}},{"kind":"Field","name":{"kind":"Name","value":"perYear"}},{"kind":"Field","name":{"kind":"Name","value":"deadlineKinds"}},{"kind":"Field","name":{"kind":"Name","value":"scoring"}},{"kind":"Field","name":{"kind":"Name","value":"deduction"}},{"kind":"Field","name":{"kind":"Name","value":"cap"}},{"kind":"Field","name":{"kind":"Name","value":"zeroAfterDays"}},{"kind":"Field","name":{"kind":"Name","value":"occurrenceKinds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"vetoes"}},{"kind":"Field","name":{"kind":"Name","value":"idleDays"}},{"kind":"Field","name":{"kind":"Name","value":"minCases"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentSetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentSet"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"maxTotal"}},{"kind":"Field","name":{"kind":"Name","value":"bonusTitle"}},{"kind":"Field","name":{"kind":"Name","value":"bonusCap"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssessmentItemFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ItemScoreFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ItemScore"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"maxPoints"}},{"kind":"Field","name":{"kind":"Name","value":"vetoed"}},{"kind":"Field","name":{"kind":"Name","value":"basis"}},{"kind":"Field","name":{"kind":"Name","value":"selfPoints"}},{"kind":"Field","name":{"kind":"Name","value":"differs"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"cases"}},{"kind":"Field","name":{"kind":"Name","value":"casesMet"}},{"kind":"Field","name":{"kind":"Name","value":"caution"}},{"kind":"Field","name":{"kind":"Name","value":"itemRank"}},{"kind":"Field","name":{"kind":"Name","value":"facts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"refId"}},{"kind":"Field","name":{"kind":"Name","value":"link"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UnitScoreFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UnitScore"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"maxTotal"}},{"kind":"Field","name":{"kind":"Name","value":"bonus"}},{"kind":"Field","name":{"kind":"Name","value":"bonusBasis"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"selfTotal"}},{"kind":"Field","name":{"kind":"Name","value":"differences"}},{"kind":"Field","name":{"kind":"Name","value":"frozen"}},{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ItemScoreFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentSheetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentSheetView"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"set"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssessmentSetFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"score"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UnitScoreFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"itemCode"}},{"kind":"Field","name":{"kind":"Name","value":"side"}},{"kind":"Field","name":{"kind":"Name","value":"occurrences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"vetoed"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"enteredBy"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"written"}}]}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"submittedBy"}},{"kind":"Field","name":{"kind":"Name","value":"returnedReason"}},{"kind":"Field","name":{"kind":"Name","value":"finalizedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finalizedBy"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"reportUrl"}}]}}]} as unknown as DocumentNode<ReturnAssessmentSheetMutation, ReturnAssessmentSheetMutationVariables>;
export const FinalizeAssessmentSheetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FinalizeAssessmentSheet"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentSheetStepInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"finalizeAssessmentSheet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssessmentSheetFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentItemDefinition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"requirement"}},{"kind":"Field","name":{"kind":"Name","value":"maxPoints"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"perQuarter"}},{"kind":"Field","name":{"kind":"Name","value":"perYear"}},{"kind":"Field","name":{"kind":"Name","value":"deadlineKinds"}},{"kind":"Field","name":{"kind":"Name","value":"scoring"}},{"kind":"Field","name":{"kind":"Name","value":"deduction"}},{"kind":"Field","name":{"kind":"Name","value":"cap"}},{"kind":"Field","name":{"kind":"Name","value":"zeroAfterDays"}},{"kind":"Field","name":{"kind":"Name","value":"occurrenceKinds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"vetoes"}},{"kind":"Field","name":{"kind":"Name","value":"idleDays"}},{"kind":"Field","name":{"kind":"Name","value":"minCases"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentSetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentSet"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"maxTotal"}},{"kind":"Field","name":{"kind":"Name","value":"bonusTitle"}},{"kind":"Field","name":{"kind":"Name","value":"bonusCap"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssessmentItemFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ItemScoreFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ItemScore"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"maxPoints"}},{"kind":"Field","name":{"kind":"Name","value":"vetoed"}},{"kind":"Field","name":{"kind":"Name","value":"basis"}},{"kind":"Field","name":{"kind":"Name","value":"selfPoints"}},{"kind":"Field","name":{"kind":"Name","value":"differs"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"cases"}},{"kind":"Field","name":{"kind":"Name","value":"casesMet"}},{"kind":"Field","name":{"kind":"Name","value":"caution"}},{"kind":"Field","name":{"kind":"Name","value":"itemRank"}},{"kind":"Field","name":{"kind":"Name","value":"facts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"refId"}},{"kind":"Field","name":{"kind":"Name","value":"link"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UnitScoreFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UnitScore"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"maxTotal"}},{"kind":"Field","name":{"kind":"Name","value":"bonus"}},{"kind":"Field","name":{"kind":"Name","value":"bonusBasis"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"selfTotal"}},{"kind":"Field","name":{"kind":"Name","value":"differences"}},{"kind":"Field","name":{"kind":"Name","value":"frozen"}},{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ItemScoreFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentSheetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentSheetView"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"set"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssessmentSetFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"score"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UnitScoreFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"itemCode"}},{"kind":"Field","name":{"kind":"Name","value":"side"}},{"kind":"Field","name":{"kind":"Name","value":"occurrences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"vetoed"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"enteredBy"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"written"}}]}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"submittedBy"}},{"kind":"Field","name":{"kind":"Name","value":"returnedReason"}},{"kind":"Field","name":{"kind":"Name","value":"finalizedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finalizedBy"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"reportUrl"}}]}}]} as unknown as DocumentNode<FinalizeAssessmentSheetMutation, FinalizeAssessmentSheetMutationVariables>;
export const ReopenAssessmentSheetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReopenAssessmentSheet"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentSheetStepInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reopenAssessmentSheet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssessmentSheetFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentItemDefinition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"requirement"}},{"kind":"Field","name":{"kind":"Name","value":"maxPoints"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"perQuarter"}},{"kind":"Field","name":{"kind":"Name","value":"perYear"}},{"kind":"Field","name":{"kind":"Name","value":"deadlineKinds"}},{"kind":"Field","name":{"kind":"Name","value":"scoring"}},{"kind":"Field","name":{"kind":"Name","value":"deduction"}},{"kind":"Field","name":{"kind":"Name","value":"cap"}},{"kind":"Field","name":{"kind":"Name","value":"zeroAfterDays"}},{"kind":"Field","name":{"kind":"Name","value":"occurrenceKinds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"vetoes"}},{"kind":"Field","name":{"kind":"Name","value":"idleDays"}},{"kind":"Field","name":{"kind":"Name","value":"minCases"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentSetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentSet"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"maxTotal"}},{"kind":"Field","name":{"kind":"Name","value":"bonusTitle"}},{"kind":"Field","name":{"kind":"Name","value":"bonusCap"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssessmentItemFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ItemScoreFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ItemScore"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"maxPoints"}},{"kind":"Field","name":{"kind":"Name","value":"vetoed"}},{"kind":"Field","name":{"kind":"Name","value":"basis"}},{"kind":"Field","name":{"kind":"Name","value":"selfPoints"}},{"kind":"Field","name":{"kind":"Name","value":"differs"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"cases"}},{"kind":"Field","name":{"kind":"Name","value":"casesMet"}},{"kind":"Field","name":{"kind":"Name","value":"caution"}},{"kind":"Field","name":{"kind":"Name","value":"itemRank"}},{"kind":"Field","name":{"kind":"Name","value":"facts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"refId"}},{"kind":"Field","name":{"kind":"Name","value":"link"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UnitScoreFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UnitScore"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"maxTotal"}},{"kind":"Field","name":{"kind":"Name","value":"bonus"}},{"kind":"Field","name":{"kind":"Name","value":"bonusBasis"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"selfTotal"}},{"kind":"Field","name":{"kind":"Name","value":"differences"}},{"kind":"Field","name":{"kind":"Name","value":"frozen"}},{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ItemScoreFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentSheetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentSheetView"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"set"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssessmentSetFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"score"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UnitScoreFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"itemCode"}},{"kind":"Field","name":{"kind":"Name","value":"side"}},{"kind":"Field","name":{"kind":"Name","value":"occurrences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"vetoed"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"enteredBy"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"written"}}]}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"submittedBy"}},{"kind":"Field","name":{"kind":"Name","value":"returnedReason"}},{"kind":"Field","name":{"kind":"Name","value":"finalizedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finalizedBy"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"reportUrl"}}]}}]} as unknown as DocumentNode<ReopenAssessmentSheetMutation, ReopenAssessmentSheetMutationVariables>;
export const SaveAssessmentSetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SaveAssessmentSet"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SaveAssessmentSetInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"saveAssessmentSet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssessmentSetFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentItemDefinition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"requirement"}},{"kind":"Field","name":{"kind":"Name","value":"maxPoints"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"perQuarter"}},{"kind":"Field","name":{"kind":"Name","value":"perYear"}},{"kind":"Field","name":{"kind":"Name","value":"deadlineKinds"}},{"kind":"Field","name":{"kind":"Name","value":"scoring"}},{"kind":"Field","name":{"kind":"Name","value":"deduction"}},{"kind":"Field","name":{"kind":"Name","value":"cap"}},{"kind":"Field","name":{"kind":"Name","value":"zeroAfterDays"}},{"kind":"Field","name":{"kind":"Name","value":"occurrenceKinds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"vetoes"}},{"kind":"Field","name":{"kind":"Name","value":"idleDays"}},{"kind":"Field","name":{"kind":"Name","value":"minCases"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentSetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentSet"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"maxTotal"}},{"kind":"Field","name":{"kind":"Name","value":"bonusTitle"}},{"kind":"Field","name":{"kind":"Name","value":"bonusCap"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssessmentItemFields"}}]}}]}}]} as unknown as DocumentNode<SaveAssessmentSetMutation, SaveAssessmentSetMutationVariables>;
export const CopyAssessmentSetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CopyAssessmentSet"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"copyAssessmentSet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssessmentSetFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentItemDefinition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"requirement"}},{"kind":"Field","name":{"kind":"Name","value":"maxPoints"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"perQuarter"}},{"kind":"Field","name":{"kind":"Name","value":"perYear"}},{"kind":"Field","name":{"kind":"Name","value":"deadlineKinds"}},{"kind":"Field","name":{"kind":"Name","value":"scoring"}},{"kind":"Field","name":{"kind":"Name","value":"deduction"}},{"kind":"Field","name":{"kind":"Name","value":"cap"}},{"kind":"Field","name":{"kind":"Name","value":"zeroAfterDays"}},{"kind":"Field","name":{"kind":"Name","value":"occurrenceKinds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"vetoes"}},{"kind":"Field","name":{"kind":"Name","value":"idleDays"}},{"kind":"Field","name":{"kind":"Name","value":"minCases"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssessmentSetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentSet"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"maxTotal"}},{"kind":"Field","name":{"kind":"Name","value":"bonusTitle"}},{"kind":"Field","name":{"kind":"Name","value":"bonusCap"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssessmentItemFields"}}]}}]}}]} as unknown as DocumentNode<CopyAssessmentSetMutation, CopyAssessmentSetMutationVariables>;
export const DepartmentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Departments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"departments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"sortOrder"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<DepartmentsQuery, DepartmentsQueryVariables>;
export const CreateDepartmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateDepartment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateDepartmentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createDepartment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CreateDepartmentMutation, CreateDepartmentMutationVariables>;
export const UpdateDepartmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateDepartment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateDepartmentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateDepartment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"sortOrder"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<UpdateDepartmentMutation, UpdateDepartmentMutationVariables>;
export const CatalogueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Catalogue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"categories"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeInactive"},"value":{"kind":"BooleanValue","value":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"isInterpretation"}}]}},{"kind":"Field","name":{"kind":"Name","value":"channels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<CatalogueQuery, CatalogueQueryVariables>;
export const LedgerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Ledger"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PublicationFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publications"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"indexNumber"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"publishedOn"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"interpretationForm"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"channel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<LedgerQuery, LedgerQueryVariables>;
export const RecordPublicationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordPublication"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordPublicationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordPublication"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"indexNumber"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]} as unknown as DocumentNode<RecordPublicationMutation, RecordPublicationMutationVariables>;
export const DeletePublicationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeletePublication"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletePublication"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}}]}]}}]} as unknown as DocumentNode<DeletePublicationMutation, DeletePublicationMutationVariables>;
export const AdminQuotasDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminQuotas"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"QuotaFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quotas"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"periodType"}},{"kind":"Field","name":{"kind":"Name","value":"departmentKind"}},{"kind":"Field","name":{"kind":"Name","value":"fromYear"}},{"kind":"Field","name":{"kind":"Name","value":"toYear"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AdminQuotasQuery, AdminQuotasQueryVariables>;
export const SetQuotaDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetQuota"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetQuotaInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setQuota"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"target"}}]}}]}}]} as unknown as DocumentNode<SetQuotaMutation, SetQuotaMutationVariables>;
export const DeleteQuotaDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteQuota"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteQuota"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}}]}]}}]} as unknown as DocumentNode<DeleteQuotaMutation, DeleteQuotaMutationVariables>;
export const DutiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Duties"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DutyFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"duties"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"referenceNumber"}},{"kind":"Field","name":{"kind":"Name","value":"party"}},{"kind":"Field","name":{"kind":"Name","value":"eventOn"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deadline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]}}]}}]} as unknown as DocumentNode<DutiesQuery, DutiesQueryVariables>;
export const RegisterDutyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterDuty"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterDutyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerDuty"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<RegisterDutyMutation, RegisterDutyMutationVariables>;
export const CompleteDutyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CompleteDuty"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CompleteDutyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"completeDuty"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}}]}}]}}]} as unknown as DocumentNode<CompleteDutyMutation, CompleteDutyMutationVariables>;
export const InformationRequestsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InformationRequests"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"InformationRequestFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"informationRequests"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"serialNumber"}},{"kind":"Field","name":{"kind":"Name","value":"applicantName"}},{"kind":"Field","name":{"kind":"Name","value":"applicantType"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"receivedOn"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"repliedOn"}},{"kind":"Field","name":{"kind":"Name","value":"correctionRequestedOn"}},{"kind":"Field","name":{"kind":"Name","value":"correctionReceivedOn"}},{"kind":"Field","name":{"kind":"Name","value":"consultations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"party"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"late"}}]}},{"kind":"Field","name":{"kind":"Name","value":"extension"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workingDays"}},{"kind":"Field","name":{"kind":"Name","value":"approver"}},{"kind":"Field","name":{"kind":"Name","value":"approvedOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deadline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"provisional"}}]}}]}}]}}]}}]} as unknown as DocumentNode<InformationRequestsQuery, InformationRequestsQueryVariables>;
export const RegisterInformationRequestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterInformationRequest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterInformationRequestInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerInformationRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"serialNumber"}}]}}]}}]} as unknown as DocumentNode<RegisterInformationRequestMutation, RegisterInformationRequestMutationVariables>;
export const ReplyToInformationRequestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReplyToInformationRequest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReplyToRequestInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replyToInformationRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ReplyToInformationRequestMutation, ReplyToInformationRequestMutationVariables>;
export const RequestCorrectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestCorrection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RequestStepInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestCorrection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<RequestCorrectionMutation, RequestCorrectionMutationVariables>;
export const ReceiveCorrectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReceiveCorrection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RequestStepInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"receiveCorrection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ReceiveCorrectionMutation, ReceiveCorrectionMutationVariables>;
export const StartConsultationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartConsultation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartConsultationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startConsultation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<StartConsultationMutation, StartConsultationMutationVariables>;
export const EndConsultationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EndConsultation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RequestStepInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endConsultation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<EndConsultationMutation, EndConsultationMutationVariables>;
export const ExtendInformationRequestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ExtendInformationRequest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ExtendRequestInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"extendInformationRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ExtendInformationRequestMutation, ExtendInformationRequestMutationVariables>;
export const CalendarDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Calendar"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"year"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"calendarYear"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"official"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"workingDays"}}]}},{"kind":"Field","name":{"kind":"Name","value":"calendarDays"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}}]} as unknown as DocumentNode<CalendarQuery, CalendarQueryVariables>;
export const SetCalendarDaysDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetCalendarDays"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetCalendarDaysInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setCalendarDays"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"days"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}}]}},{"kind":"Field","name":{"kind":"Name","value":"moved"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fromDueDate"}},{"kind":"Field","name":{"kind":"Name","value":"toDueDate"}},{"kind":"Field","name":{"kind":"Name","value":"wasProvisional"}},{"kind":"Field","name":{"kind":"Name","value":"deadline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SetCalendarDaysMutation, SetCalendarDaysMutationVariables>;
export const UsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Users"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}},{"kind":"Field","name":{"kind":"Name","value":"lastLoginAt"}},{"kind":"Field","name":{"kind":"Name","value":"lockedUntil"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"screenTokens"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}},{"kind":"Field","name":{"kind":"Name","value":"departments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<UsersQuery, UsersQueryVariables>;
export const CreateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<CreateUserMutation, CreateUserMutationVariables>;
export const UpdateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}}]}}]}}]} as unknown as DocumentNode<UpdateUserMutation, UpdateUserMutationVariables>;
export const CreateScreenTokenDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateScreenToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"label"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"departmentIds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createScreenToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"label"},"value":{"kind":"Variable","name":{"kind":"Name","value":"label"}}},{"kind":"Argument","name":{"kind":"Name","value":"departmentIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"departmentIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"screenToken"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}}]}}]}}]} as unknown as DocumentNode<CreateScreenTokenMutation, CreateScreenTokenMutationVariables>;
export const RevokeScreenTokenDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeScreenToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeScreenToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]} as unknown as DocumentNode<RevokeScreenTokenMutation, RevokeScreenTokenMutationVariables>;
export const AuditLogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditLog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AuditLogFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditLog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"actorName"}},{"kind":"Field","name":{"kind":"Name","value":"actorType"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"changes"}}]}}]}}]}}]} as unknown as DocumentNode<AuditLogQuery, AuditLogQueryVariables>;
export const CreateScreenLinkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateScreenLink"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"screenTokenId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"validMinutes"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createScreenLink"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"screenTokenId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"screenTokenId"}}},{"kind":"Argument","name":{"kind":"Name","value":"validMinutes"},"value":{"kind":"Variable","name":{"kind":"Name","value":"validMinutes"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"screenToken"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}}]}}]}}]} as unknown as DocumentNode<CreateScreenLinkMutation, CreateScreenLinkMutationVariables>;
export const CatalogueAdminDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CatalogueAdmin"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"categories"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeInactive"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"parentId"}},{"kind":"Field","name":{"kind":"Name","value":"sortOrder"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}},{"kind":"Field","name":{"kind":"Name","value":"isInterpretation"}}]}}]}}]} as unknown as DocumentNode<CatalogueAdminQuery, CatalogueAdminQueryVariables>;
export const ChannelPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ChannelPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ChannelFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channelPage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ChannelPageQuery, ChannelPageQueryVariables>;
export const CreateCategoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCategory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCategoryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCategory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CreateCategoryMutation, CreateCategoryMutationVariables>;
export const UpdateCategoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateCategory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateCategoryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCategory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}}]}}]}}]} as unknown as DocumentNode<UpdateCategoryMutation, UpdateCategoryMutationVariables>;
export const DeleteCategoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteCategory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteCategory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}}]}]}}]} as unknown as DocumentNode<DeleteCategoryMutation, DeleteCategoryMutationVariables>;
export const ReorderCategoriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReorderCategories"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReorderCategoriesInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reorderCategories"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sortOrder"}}]}}]}}]} as unknown as DocumentNode<ReorderCategoriesMutation, ReorderCategoriesMutationVariables>;
export const CreateChannelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateChannel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateChannelInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createChannel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CreateChannelMutation, CreateChannelMutationVariables>;
export const UpdateChannelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateChannel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateChannelInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateChannel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateChannelMutation, UpdateChannelMutationVariables>;
export const DeadlineRulesAdminDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DeadlineRulesAdmin"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deadlineRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"days"}},{"kind":"Field","name":{"kind":"Name","value":"fixedMonth"}},{"kind":"Field","name":{"kind":"Name","value":"fixedDay"}},{"kind":"Field","name":{"kind":"Name","value":"warnDays"}},{"kind":"Field","name":{"kind":"Name","value":"vetoDays"}},{"kind":"Field","name":{"kind":"Name","value":"dueSoonWorkingDays"}},{"kind":"Field","name":{"kind":"Name","value":"longOverdueWorkingDays"}},{"kind":"Field","name":{"kind":"Name","value":"policyBasis"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<DeadlineRulesAdminQuery, DeadlineRulesAdminQueryVariables>;
export const SetDeadlineRuleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetDeadlineRule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetDeadlineRuleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setDeadlineRule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"days"}},{"kind":"Field","name":{"kind":"Name","value":"warnDays"}},{"kind":"Field","name":{"kind":"Name","value":"vetoDays"}},{"kind":"Field","name":{"kind":"Name","value":"dueSoonWorkingDays"}},{"kind":"Field","name":{"kind":"Name","value":"longOverdueWorkingDays"}},{"kind":"Field","name":{"kind":"Name","value":"policyBasis"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<SetDeadlineRuleMutation, SetDeadlineRuleMutationVariables>;
export const IndexNumberSettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"IndexNumberSettings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indexNumberSettings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"template"}},{"kind":"Field","name":{"kind":"Name","value":"reset"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"nextForToday"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<IndexNumberSettingsQuery, IndexNumberSettingsQueryVariables>;
export const IndexNumberPreviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"IndexNumberPreview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IndexNumberPreviewInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indexNumberPreview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indexNumber"}},{"kind":"Field","name":{"kind":"Name","value":"publishedOn"}},{"kind":"Field","name":{"kind":"Name","value":"template"}},{"kind":"Field","name":{"kind":"Name","value":"reset"}}]}}]}}]} as unknown as DocumentNode<IndexNumberPreviewQuery, IndexNumberPreviewQueryVariables>;
export const SetIndexNumberTemplateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetIndexNumberTemplate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetIndexNumberTemplateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setIndexNumberTemplate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"template"}},{"kind":"Field","name":{"kind":"Name","value":"reset"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"nextForToday"}}]}}]}}]} as unknown as DocumentNode<SetIndexNumberTemplateMutation, SetIndexNumberTemplateMutationVariables>;
export const PreviewPlanImportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PreviewPlanImport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ImportPlanInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"previewPlanImport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"layout"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"duplicateOfPlanId"}},{"kind":"Field","name":{"kind":"Name","value":"unmappedNames"}},{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"section"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"leadNames"}},{"kind":"Field","name":{"kind":"Name","value":"leadScopes"}},{"kind":"Field","name":{"kind":"Name","value":"responsibleNames"}},{"kind":"Field","name":{"kind":"Name","value":"responsibleScopes"}},{"kind":"Field","name":{"kind":"Name","value":"timeLimit"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"periodDueDates"}},{"kind":"Field","name":{"kind":"Name","value":"ongoing"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}},{"kind":"Field","name":{"kind":"Name","value":"units"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"how"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tasksPerDepartment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PreviewPlanImportQuery, PreviewPlanImportQueryVariables>;
export const ImportPlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ImportPlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ImportPlanInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importPlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlanHeading"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlanHeading"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Plan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"sourceYear"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"basisDocuments"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"retiredAt"}},{"kind":"Field","name":{"kind":"Name","value":"retiredReason"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ImportPlanMutation, ImportPlanMutationVariables>;
export const PlanPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PlanPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PlanFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"planPage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlanHeading"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlanHeading"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Plan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"sourceYear"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"basisDocuments"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"retiredAt"}},{"kind":"Field","name":{"kind":"Name","value":"retiredReason"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<PlanPageQuery, PlanPageQueryVariables>;
export const PlanDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PlanDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"plan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlanHeading"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlanHeading"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Plan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"sourceYear"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"basisDocuments"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"retiredAt"}},{"kind":"Field","name":{"kind":"Name","value":"retiredReason"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<PlanDetailQuery, PlanDetailQueryVariables>;
export const PlanWorkPointsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PlanWorkPoints"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"WorkPointFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workPoints"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"section"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"timeLimit"}},{"kind":"Field","name":{"kind":"Name","value":"retiredAt"}},{"kind":"Field","name":{"kind":"Name","value":"leadDepartments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PlanWorkPointsQuery, PlanWorkPointsQueryVariables>;
export const CreatePlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreatePlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePlanInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlanHeading"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlanHeading"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Plan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"sourceYear"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"basisDocuments"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"retiredAt"}},{"kind":"Field","name":{"kind":"Name","value":"retiredReason"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CreatePlanMutation, CreatePlanMutationVariables>;
export const UpdatePlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdatePlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdatePlanInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updatePlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlanHeading"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlanHeading"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Plan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"sourceYear"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"basisDocuments"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"retiredAt"}},{"kind":"Field","name":{"kind":"Name","value":"retiredReason"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<UpdatePlanMutation, UpdatePlanMutationVariables>;
export const RetirePlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RetirePlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RetireInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retirePlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlanHeading"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlanHeading"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Plan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"sourceYear"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"basisDocuments"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"retiredAt"}},{"kind":"Field","name":{"kind":"Name","value":"retiredReason"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<RetirePlanMutation, RetirePlanMutationVariables>;
export const RestorePlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RestorePlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RestoreInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"restorePlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlanHeading"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlanHeading"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Plan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"sourceYear"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"basisDocuments"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"retiredAt"}},{"kind":"Field","name":{"kind":"Name","value":"retiredReason"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<RestorePlanMutation, RestorePlanMutationVariables>;
export const WorkPointEditorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WorkPointEditor"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workPoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WorkPointFull"}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeRetired"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"notApplicableReason"}},{"kind":"Field","name":{"kind":"Name","value":"retiredAt"}},{"kind":"Field","name":{"kind":"Name","value":"retiredReason"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorkPointFull"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WorkPoint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"section"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"duties"}},{"kind":"Field","name":{"kind":"Name","value":"dutyItems"}},{"kind":"Field","name":{"kind":"Name","value":"policyBasis"}},{"kind":"Field","name":{"kind":"Name","value":"citedDocuments"}},{"kind":"Field","name":{"kind":"Name","value":"timeLimit"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"periodDueDates"}},{"kind":"Field","name":{"kind":"Name","value":"responsibleScopes"}},{"kind":"Field","name":{"kind":"Name","value":"retiredAt"}},{"kind":"Field","name":{"kind":"Name","value":"retiredReason"}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"sourceYear"}},{"kind":"Field","name":{"kind":"Name","value":"retiredAt"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"leadDepartments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"responsibleDepartments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<WorkPointEditorQuery, WorkPointEditorQueryVariables>;
export const CreateWorkPointDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateWorkPoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateWorkPointInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createWorkPoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<CreateWorkPointMutation, CreateWorkPointMutationVariables>;
export const UpdateWorkPointDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateWorkPoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateWorkPointInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateWorkPoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WorkPointFull"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorkPointFull"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WorkPoint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"section"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"duties"}},{"kind":"Field","name":{"kind":"Name","value":"dutyItems"}},{"kind":"Field","name":{"kind":"Name","value":"policyBasis"}},{"kind":"Field","name":{"kind":"Name","value":"citedDocuments"}},{"kind":"Field","name":{"kind":"Name","value":"timeLimit"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"periodDueDates"}},{"kind":"Field","name":{"kind":"Name","value":"responsibleScopes"}},{"kind":"Field","name":{"kind":"Name","value":"retiredAt"}},{"kind":"Field","name":{"kind":"Name","value":"retiredReason"}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"sourceYear"}},{"kind":"Field","name":{"kind":"Name","value":"retiredAt"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"leadDepartments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"responsibleDepartments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<UpdateWorkPointMutation, UpdateWorkPointMutationVariables>;
export const RetireWorkPointDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RetireWorkPoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RetireInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retireWorkPoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"retiredAt"}},{"kind":"Field","name":{"kind":"Name","value":"retiredReason"}}]}}]}}]} as unknown as DocumentNode<RetireWorkPointMutation, RetireWorkPointMutationVariables>;
export const RestoreWorkPointDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RestoreWorkPoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RestoreInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"restoreWorkPoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"retiredAt"}},{"kind":"Field","name":{"kind":"Name","value":"retiredReason"}}]}}]}}]} as unknown as DocumentNode<RestoreWorkPointMutation, RestoreWorkPointMutationVariables>;
export const RebreakDownWorkPointDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RebreakDownWorkPoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"breakDownWorkPoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createdCount"}},{"kind":"Field","name":{"kind":"Name","value":"existingCount"}},{"kind":"Field","name":{"kind":"Name","value":"created"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"roleChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"unassigned"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"restored"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RebreakDownWorkPointMutation, RebreakDownWorkPointMutationVariables>;
export const BreakDownPlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BreakDownPlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"breakDownPlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createdCount"}},{"kind":"Field","name":{"kind":"Name","value":"existingCount"}},{"kind":"Field","name":{"kind":"Name","value":"roleChangedCount"}},{"kind":"Field","name":{"kind":"Name","value":"unassignedCount"}},{"kind":"Field","name":{"kind":"Name","value":"restoredCount"}},{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createdCount"}}]}}]}}]}}]} as unknown as DocumentNode<BreakDownPlanMutation, BreakDownPlanMutationVariables>;
export const PublicationForCorrectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PublicationForCorrection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publication"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"indexNumber"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"publishedOn"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"interpretationForm"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"isInterpretation"}}]}},{"kind":"Field","name":{"kind":"Name","value":"channel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"workPoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<PublicationForCorrectionQuery, PublicationForCorrectionQueryVariables>;
export const TasksToLinkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TasksToLink"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"departmentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"departmentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"departmentId"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"workPoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"year"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<TasksToLinkQuery, TasksToLinkQueryVariables>;
export const UpdatePublicationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdatePublication"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdatePublicationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updatePublication"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"indexNumber"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"publishedOn"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"channel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<UpdatePublicationMutation, UpdatePublicationMutationVariables>;
export const SupervisionNoticesLiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SupervisionNoticesLive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SupervisionNoticeFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supervisionNoticesChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SupervisionNoticeFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SupervisionNoticeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SupervisionNotice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"requirement"}},{"kind":"Field","name":{"kind":"Name","value":"replyWithinWorkingDays"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"issuedBy"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedBy"}},{"kind":"Field","name":{"kind":"Name","value":"repliedAt"}},{"kind":"Field","name":{"kind":"Name","value":"repliedBy"}},{"kind":"Field","name":{"kind":"Name","value":"reply"}},{"kind":"Field","name":{"kind":"Name","value":"evidenceUrls"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedBy"}},{"kind":"Field","name":{"kind":"Name","value":"returnCount"}},{"kind":"Field","name":{"kind":"Name","value":"returnedReason"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"workPoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]} as unknown as DocumentNode<SupervisionNoticesLiveSubscription, SupervisionNoticesLiveSubscriptionVariables>;
export const SupervisionNoticeByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SupervisionNoticeById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supervisionNotice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SupervisionNoticeFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SupervisionNoticeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SupervisionNotice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"requirement"}},{"kind":"Field","name":{"kind":"Name","value":"replyWithinWorkingDays"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"issuedBy"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedBy"}},{"kind":"Field","name":{"kind":"Name","value":"repliedAt"}},{"kind":"Field","name":{"kind":"Name","value":"repliedBy"}},{"kind":"Field","name":{"kind":"Name","value":"reply"}},{"kind":"Field","name":{"kind":"Name","value":"evidenceUrls"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedBy"}},{"kind":"Field","name":{"kind":"Name","value":"returnCount"}},{"kind":"Field","name":{"kind":"Name","value":"returnedReason"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"workPoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]} as unknown as DocumentNode<SupervisionNoticeByIdQuery, SupervisionNoticeByIdQueryVariables>;
export const SupervisionTaskOptionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SupervisionTaskOptions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"workPoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SupervisionTaskOptionsQuery, SupervisionTaskOptionsQueryVariables>;
export const IssueSupervisionNoticeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"IssueSupervisionNotice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IssueSupervisionNoticeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issueSupervisionNotice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SupervisionNoticeFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SupervisionNoticeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SupervisionNotice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"requirement"}},{"kind":"Field","name":{"kind":"Name","value":"replyWithinWorkingDays"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"issuedBy"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedBy"}},{"kind":"Field","name":{"kind":"Name","value":"repliedAt"}},{"kind":"Field","name":{"kind":"Name","value":"repliedBy"}},{"kind":"Field","name":{"kind":"Name","value":"reply"}},{"kind":"Field","name":{"kind":"Name","value":"evidenceUrls"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedBy"}},{"kind":"Field","name":{"kind":"Name","value":"returnCount"}},{"kind":"Field","name":{"kind":"Name","value":"returnedReason"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"workPoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]} as unknown as DocumentNode<IssueSupervisionNoticeMutation, IssueSupervisionNoticeMutationVariables>;
export const CloseSupervisionNoticeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CloseSupervisionNotice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"closeSupervisionNotice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SupervisionNoticeFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SupervisionNoticeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SupervisionNotice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"requirement"}},{"kind":"Field","name":{"kind":"Name","value":"replyWithinWorkingDays"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"issuedBy"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedBy"}},{"kind":"Field","name":{"kind":"Name","value":"repliedAt"}},{"kind":"Field","name":{"kind":"Name","value":"repliedBy"}},{"kind":"Field","name":{"kind":"Name","value":"reply"}},{"kind":"Field","name":{"kind":"Name","value":"evidenceUrls"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedBy"}},{"kind":"Field","name":{"kind":"Name","value":"returnCount"}},{"kind":"Field","name":{"kind":"Name","value":"returnedReason"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"workPoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]} as unknown as DocumentNode<CloseSupervisionNoticeMutation, CloseSupervisionNoticeMutationVariables>;
export const ReturnSupervisionNoticeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReturnSupervisionNotice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReturnSupervisionNoticeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"returnSupervisionNotice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SupervisionNoticeFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SupervisionNoticeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SupervisionNotice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"requirement"}},{"kind":"Field","name":{"kind":"Name","value":"replyWithinWorkingDays"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"issuedBy"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedBy"}},{"kind":"Field","name":{"kind":"Name","value":"repliedAt"}},{"kind":"Field","name":{"kind":"Name","value":"repliedBy"}},{"kind":"Field","name":{"kind":"Name","value":"reply"}},{"kind":"Field","name":{"kind":"Name","value":"evidenceUrls"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedBy"}},{"kind":"Field","name":{"kind":"Name","value":"returnCount"}},{"kind":"Field","name":{"kind":"Name","value":"returnedReason"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"workPoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]} as unknown as DocumentNode<ReturnSupervisionNoticeMutation, ReturnSupervisionNoticeMutationVariables>;
export const NotificationChannelsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NotificationChannels"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"departmentId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notificationChannels"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"departmentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"departmentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NotificationChannelFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NotificationChannelFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotificationChannel"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"hasSecret"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"muted"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<NotificationChannelsQuery, NotificationChannelsQueryVariables>;
export const SetNotificationChannelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetNotificationChannel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetNotificationChannelInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setNotificationChannel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NotificationChannelFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NotificationChannelFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotificationChannel"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"hasSecret"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"muted"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<SetNotificationChannelMutation, SetNotificationChannelMutationVariables>;
export const RemoveNotificationChannelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveNotificationChannel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeNotificationChannel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<RemoveNotificationChannelMutation, RemoveNotificationChannelMutationVariables>;
export const TestNotificationChannelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TestNotificationChannel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"testNotificationChannel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<TestNotificationChannelMutation, TestNotificationChannelMutationVariables>;
export const NotificationDeliveriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NotificationDeliveries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DeliveryFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notificationDeliveries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"lastAnswer"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"digestDate"}},{"kind":"Field","name":{"kind":"Name","value":"channel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<NotificationDeliveriesQuery, NotificationDeliveriesQueryVariables>;
export const RetryNotificationDeliveryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RetryNotificationDelivery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryNotificationDelivery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}}]}}]}}]} as unknown as DocumentNode<RetryNotificationDeliveryMutation, RetryNotificationDeliveryMutationVariables>;
export const ReminderRulesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReminderRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reminderRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReminderRuleFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReminderRuleFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReminderRule"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"deadlineKind"}},{"kind":"Field","name":{"kind":"Name","value":"daysBefore"}},{"kind":"Field","name":{"kind":"Name","value":"onDueDay"}},{"kind":"Field","name":{"kind":"Name","value":"overdueEveryWorkingDays"}},{"kind":"Field","name":{"kind":"Name","value":"escalateToHeadAfter"}},{"kind":"Field","name":{"kind":"Name","value":"escalateToOfficeAfter"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]} as unknown as DocumentNode<ReminderRulesQuery, ReminderRulesQueryVariables>;
export const UpdateReminderRuleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateReminderRule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateReminderRuleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateReminderRule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReminderRuleFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReminderRuleFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReminderRule"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"deadlineKind"}},{"kind":"Field","name":{"kind":"Name","value":"daysBefore"}},{"kind":"Field","name":{"kind":"Name","value":"onDueDay"}},{"kind":"Field","name":{"kind":"Name","value":"overdueEveryWorkingDays"}},{"kind":"Field","name":{"kind":"Name","value":"escalateToHeadAfter"}},{"kind":"Field","name":{"kind":"Name","value":"escalateToOfficeAfter"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]} as unknown as DocumentNode<UpdateReminderRuleMutation, UpdateReminderRuleMutationVariables>;
export const MyTasksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyTasks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"notApplicableReason"}},{"kind":"Field","name":{"kind":"Name","value":"selfInspection"}},{"kind":"Field","name":{"kind":"Name","value":"evidenceUrls"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"checklist"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"done"}}]}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"workPoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyTasksQuery, MyTasksQueryVariables>;
export const UpdateTaskProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateTaskProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateTaskProgressInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateTaskProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"notApplicableReason"}},{"kind":"Field","name":{"kind":"Name","value":"evidenceUrls"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"checklist"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"done"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateTaskProgressMutation, UpdateTaskProgressMutationVariables>;
export const AcknowledgeSupervisionNoticeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AcknowledgeSupervisionNotice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acknowledgeSupervisionNotice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SupervisionNoticeFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SupervisionNoticeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SupervisionNotice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"requirement"}},{"kind":"Field","name":{"kind":"Name","value":"replyWithinWorkingDays"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"issuedBy"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedBy"}},{"kind":"Field","name":{"kind":"Name","value":"repliedAt"}},{"kind":"Field","name":{"kind":"Name","value":"repliedBy"}},{"kind":"Field","name":{"kind":"Name","value":"reply"}},{"kind":"Field","name":{"kind":"Name","value":"evidenceUrls"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedBy"}},{"kind":"Field","name":{"kind":"Name","value":"returnCount"}},{"kind":"Field","name":{"kind":"Name","value":"returnedReason"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"workPoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]} as unknown as DocumentNode<AcknowledgeSupervisionNoticeMutation, AcknowledgeSupervisionNoticeMutationVariables>;
export const ReplySupervisionNoticeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReplySupervisionNotice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReplySupervisionNoticeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replySupervisionNotice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SupervisionNoticeFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SupervisionNoticeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SupervisionNotice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"requirement"}},{"kind":"Field","name":{"kind":"Name","value":"replyWithinWorkingDays"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"issuedBy"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedBy"}},{"kind":"Field","name":{"kind":"Name","value":"repliedAt"}},{"kind":"Field","name":{"kind":"Name","value":"repliedBy"}},{"kind":"Field","name":{"kind":"Name","value":"reply"}},{"kind":"Field","name":{"kind":"Name","value":"evidenceUrls"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedBy"}},{"kind":"Field","name":{"kind":"Name","value":"returnCount"}},{"kind":"Field","name":{"kind":"Name","value":"returnedReason"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"workPoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]} as unknown as DocumentNode<ReplySupervisionNoticeMutation, ReplySupervisionNoticeMutationVariables>;
export const NotificationsLiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"NotificationsLive"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notificationsChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"latest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"link"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"readAt"}}]}}]}}]}}]} as unknown as DocumentNode<NotificationsLiveSubscription, NotificationsLiveSubscriptionVariables>;
export const MarkNotificationsReadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkNotificationsRead"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MarkNotificationsReadInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markNotificationsRead"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}]}]}}]} as unknown as DocumentNode<MarkNotificationsReadMutation, MarkNotificationsReadMutationVariables>;
export const MyEmailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyEmail"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myEmail"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"muted"}}]}}]}}]} as unknown as DocumentNode<MyEmailQuery, MyEmailQueryVariables>;
export const SetMyEmailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetMyEmail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetMyEmailInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setMyEmail"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"muted"}}]}}]}}]} as unknown as DocumentNode<SetMyEmailMutation, SetMyEmailMutationVariables>;
export const WallOrganizationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WallOrganizations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"departments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"kind"},"value":{"kind":"EnumValue","value":"ORGANIZATION"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"sortOrder"}}]}}]}}]} as unknown as DocumentNode<WallOrganizationsQuery, WallOrganizationsQueryVariables>;
export const WallAssessmentLiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WallAssessmentLive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assessmentScoresChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"maxTotal"}},{"kind":"Field","name":{"kind":"Name","value":"frozen"}},{"kind":"Field","name":{"kind":"Name","value":"asOf"}}]}}]}}]} as unknown as DocumentNode<WallAssessmentLiveSubscription, WallAssessmentLiveSubscriptionVariables>;
export const WallSupervisionLiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WallSupervisionLive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SupervisionNoticeFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supervisionNoticesChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<WallSupervisionLiveSubscription, WallSupervisionLiveSubscriptionVariables>;
export const QuotaBoardLiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"QuotaBoardLive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"withinId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quotaBoardChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"withinId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"withinId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"workingDays"}},{"kind":"Field","name":{"kind":"Name","value":"workingDaysElapsed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"published"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"expectedByToday"}},{"kind":"Field","name":{"kind":"Name","value":"completion"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"parentId"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"published"}},{"kind":"Field","name":{"kind":"Name","value":"expectedByToday"}},{"kind":"Field","name":{"kind":"Name","value":"completion"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<QuotaBoardLiveSubscription, QuotaBoardLiveSubscriptionVariables>;
export const OverdueLiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"OverdueLive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"OverdueFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"overdueChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"deadlineId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"workingDaysOverdue"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"policyBasis"}}]}}]}}]} as unknown as DocumentNode<OverdueLiveSubscription, OverdueLiveSubscriptionVariables>;
export const TasksLiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TasksLive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"workPoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"sourceYear"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TasksLiveSubscription, TasksLiveSubscriptionVariables>;
export const ActivityLiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ActivityLive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activityChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<ActivityLiveSubscription, ActivityLiveSubscriptionVariables>;
export const NewMediaAccountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NewMediaAccounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channels"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"kind"},"value":{"kind":"EnumValue","value":"NEW_MEDIA_ACCOUNT"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<NewMediaAccountsQuery, NewMediaAccountsQueryVariables>;
export const LoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"username"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"username"},"value":{"kind":"Variable","name":{"kind":"Name","value":"username"}}},{"kind":"Argument","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshTokenExpiresAt"}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const RefreshSessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"refreshToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshTokenExpiresAt"}}]}}]}}]} as unknown as DocumentNode<RefreshSessionMutation, RefreshSessionMutationVariables>;
export const LogoutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Logout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logout"}}]}}]} as unknown as DocumentNode<LogoutMutation, LogoutMutationVariables>;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"scopeDepartmentIds"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const RedeemScreenLinkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RedeemScreenLink"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"redeemScreenLink"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}}]}}]} as unknown as DocumentNode<RedeemScreenLinkMutation, RedeemScreenLinkMutationVariables>;