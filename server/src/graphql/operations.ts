import { Role } from '../modules/auth/role.js';
import type { Topic } from '../realtime/topics.js';

/**
 * Every root operation in one row — who may call it, which live topics a committed mutation
 * invalidates, and the line it puts on the wall screen's activity ticker. One table, checked
 * complete against the schema by `operations.test.ts`: a new operation without a row fails there,
 * and a mutation must say what it invalidates and how (or that it does not) appear on the ticker.
 * The three middlewares (access-rules.ts, audit-trail.ts, live-invalidation.ts) and the ticker read it.
 */
export type Access = 'PUBLIC' | readonly Role[];

export interface QueryRow {
  access: Access;
}

export interface MutationRow {
  access: Access;
  /** Data topics whose live subscriptions a committed change makes stale ([] : none). */
  invalidates: readonly DataTopic[];
  /** 活动 ticker label (null: not shown). A labelled mutation also invalidates the 'activity' topic. */
  activity: string | null;
}

export type DataTopic = Exclude<Topic, 'activity'>;
const DATA_TOPICS: readonly DataTopic[] = ['tasks', 'deadlines', 'publications', 'quotas', 'supervision', 'notifications', 'assessment'];

const ALL: readonly Role[] = [Role.ADMIN, Role.DEPARTMENT_HEAD, Role.LIAISON, Role.SCREEN];
const USERS: readonly Role[] = [Role.ADMIN, Role.DEPARTMENT_HEAD, Role.LIAISON];
const WRITERS: readonly Role[] = [Role.ADMIN, Role.DEPARTMENT_HEAD, Role.LIAISON];
const ADMIN: readonly Role[] = [Role.ADMIN];
const READERS: readonly Role[] = [Role.ADMIN, Role.DEPARTMENT_HEAD];

export const OPERATIONS: Record<string, QueryRow | MutationRow> = {
  // Queries
  me: { access: ALL },
  departments: { access: ALL },
  department: { access: ALL },
  plans: { access: ALL },
  plan: { access: ALL },
  planPage: { access: ALL },
  previewPlanImport: { access: ADMIN },
  workPoints: { access: ALL },
  workPoint: { access: ALL },
  tasks: { access: ALL },
  task: { access: ALL },
  users: { access: [Role.ADMIN, Role.DEPARTMENT_HEAD] },
  screenTokens: { access: ADMIN },
  auditLog: { access: [Role.ADMIN, Role.DEPARTMENT_HEAD] },
  auditIntegrity: { access: ADMIN },
  // Live subscriptions (scoped like their queries)
  quotaBoardChanged: { access: ALL },
  overdueChanged: { access: ALL },
  taskChanged: { access: ALL },
  activityChanged: { access: ALL },
  supervisionNoticesChanged: { access: ALL },
  notificationsChanged: { access: USERS },
  assessmentScoresChanged: { access: ALL },
  // 督办 and notifications
  supervisionNotices: { access: ALL },
  supervisionNotice: { access: ALL },
  supervisionCounts: { access: ALL },
  notificationChannels: { access: ADMIN },
  myEmail: { access: USERS },
  myNotifications: { access: USERS },
  unreadNotificationCount: { access: USERS },
  notificationDeliveries: { access: ADMIN },
  reminderRules: { access: ADMIN },
  workingDayDeadline: { access: ALL },
  overdueItems: { access: ALL },
  deadlineRules: { access: ALL },
  calendarDays: { access: ALL },
  calendarYear: { access: ALL },
  // The register holds applicants' personal data (个人信息保护法: the minimum): never a wall screen's.
  informationRequests: { access: USERS },
  informationRequest: { access: USERS },
  duties: { access: ALL },
  publications: { access: ALL },
  publication: { access: ALL },
  categories: { access: ALL },
  channels: { access: ALL },
  channelPage: { access: ALL },
  indexNumberSettings: { access: ALL },
  indexNumberPreview: { access: ADMIN },
  quotas: { access: ALL },
  quotaBoard: { access: ALL },
  // 年度报告: department heads read their organisation's; checking a published text stores nothing.
  annualReports: { access: READERS },
  annualReport: { access: READERS },
  annualReportCellEntries: { access: READERS },
  annualStatistics: { access: READERS },
  legalCases: { access: READERS },
  normativeDocuments: { access: READERS },
  checkAnnualReportText: { access: USERS },
  checkAnnualReportTexts: { access: USERS },
  // 考核: the ranking is the bureau's (shown on the wall screen); item details only within your scope.
  assessmentScores: { access: ALL },
  assessmentSets: { access: USERS },
  assessmentSet: { access: USERS },
  assessmentSheet: { access: USERS },
  // Mutations
  issueSupervisionNotice: { access: ADMIN, invalidates: ['supervision', 'deadlines', 'notifications'], activity: '签发督办单' },
  acknowledgeSupervisionNotice: { access: WRITERS, invalidates: ['supervision', 'deadlines'], activity: '签收督办单' },
  replySupervisionNotice: { access: WRITERS, invalidates: ['supervision', 'deadlines', 'notifications'], activity: '回复督办单' },
  closeSupervisionNotice: { access: ADMIN, invalidates: ['supervision', 'deadlines', 'notifications'], activity: '办结督办单' },
  returnSupervisionNotice: { access: ADMIN, invalidates: ['supervision', 'deadlines', 'notifications'], activity: '退回督办单' },
  saveAssessmentSet: { access: ADMIN, invalidates: ['assessment'], activity: '设置考核指标' },
  copyAssessmentSet: { access: ADMIN, invalidates: ['assessment'], activity: null },
  deleteAssessmentSet: { access: ADMIN, invalidates: ['assessment'], activity: null },
  setAssessmentEntry: { access: WRITERS, invalidates: ['assessment'], activity: '考核评分' },
  setAssessmentFinding: { access: WRITERS, invalidates: [], activity: null },
  submitAssessmentSheet: { access: [Role.ADMIN, Role.DEPARTMENT_HEAD], invalidates: ['assessment'], activity: '提交考核自评' },
  returnAssessmentSheet: { access: ADMIN, invalidates: ['assessment'], activity: '退回考核自评' },
  finalizeAssessmentSheet: { access: ADMIN, invalidates: ['assessment'], activity: '考核定稿' },
  reopenAssessmentSheet: { access: ADMIN, invalidates: ['assessment'], activity: null },
  setNotificationChannel: { access: ADMIN, invalidates: [], activity: null },
  removeNotificationChannel: { access: ADMIN, invalidates: [], activity: null },
  testNotificationChannel: { access: ADMIN, invalidates: [], activity: null },
  retryNotificationDelivery: { access: ADMIN, invalidates: [], activity: null },
  updateReminderRule: { access: ADMIN, invalidates: [], activity: null },
  setMyEmail: { access: USERS, invalidates: [], activity: null },
  markNotificationsRead: { access: USERS, invalidates: ['notifications'], activity: null },
  login: { access: 'PUBLIC', invalidates: [], activity: null },
  refreshSession: { access: 'PUBLIC', invalidates: [], activity: null },
  logout: { access: USERS, invalidates: [], activity: null },
  changeMyPassword: { access: USERS, invalidates: [], activity: null },
  createUser: { access: ADMIN, invalidates: [], activity: null },
  updateUser: { access: ADMIN, invalidates: [], activity: null },
  createScreenToken: { access: ADMIN, invalidates: [], activity: null },
  revokeScreenToken: { access: ADMIN, invalidates: [], activity: null },
  createScreenLink: { access: ADMIN, invalidates: [], activity: null },
  // The one-time code is the credential (unguessable; failures count per client address).
  redeemScreenLink: { access: 'PUBLIC', invalidates: [], activity: null },
  createDepartment: { access: ADMIN, invalidates: DATA_TOPICS, activity: null },
  updateDepartment: { access: ADMIN, invalidates: DATA_TOPICS, activity: null },
  createPlan: { access: ADMIN, invalidates: ['tasks'], activity: '新建计划' },
  createWorkPoint: { access: ADMIN, invalidates: ['tasks', 'deadlines'], activity: '新增工作要点' },
  updatePlan: { access: ADMIN, invalidates: ['tasks'], activity: '修改计划' },
  retirePlan: { access: ADMIN, invalidates: ['tasks', 'deadlines'], activity: '停用计划' },
  restorePlan: { access: ADMIN, invalidates: ['tasks', 'deadlines'], activity: '恢复计划' },
  updateWorkPoint: { access: ADMIN, invalidates: ['tasks', 'deadlines'], activity: '修改工作要点' },
  retireWorkPoint: { access: ADMIN, invalidates: ['tasks', 'deadlines'], activity: '停用工作要点' },
  restoreWorkPoint: { access: ADMIN, invalidates: ['tasks', 'deadlines'], activity: '恢复工作要点' },
  importPlan: { access: ADMIN, invalidates: ['tasks', 'deadlines'], activity: '导入工作要点' },
  breakDownWorkPoint: { access: ADMIN, invalidates: ['tasks', 'deadlines'], activity: '分解工作要点' },
  breakDownPlan: { access: ADMIN, invalidates: ['tasks', 'deadlines'], activity: '分解整个计划' },
  updateTaskProgress: { access: WRITERS, invalidates: ['tasks', 'deadlines'], activity: '更新任务进展' },
  setCalendarDays: { access: ADMIN, invalidates: ['deadlines', 'quotas'], activity: '更新节假日' },
  setDeadlineRule: { access: ADMIN, invalidates: ['deadlines'], activity: null },
  sweepDeadlines: { access: ADMIN, invalidates: ['deadlines'], activity: null },
  registerInformationRequest: { access: WRITERS, invalidates: ['deadlines'], activity: '登记依申请公开' },
  requestCorrection: { access: WRITERS, invalidates: ['deadlines'], activity: '告知补正' },
  receiveCorrection: { access: WRITERS, invalidates: ['deadlines'], activity: '收到补正' },
  startConsultation: { access: WRITERS, invalidates: ['deadlines'], activity: '征求意见' },
  endConsultation: { access: WRITERS, invalidates: ['deadlines'], activity: '收到意见' },
  extendInformationRequest: { access: WRITERS, invalidates: ['deadlines'], activity: '延期答复' },
  replyToInformationRequest: { access: WRITERS, invalidates: ['deadlines'], activity: '答复依申请公开' },
  applyPersonalDataRetention: { access: ADMIN, invalidates: [], activity: null },
  registerDuty: { access: WRITERS, invalidates: ['deadlines'], activity: '登记事项' },
  completeDuty: { access: WRITERS, invalidates: ['deadlines'], activity: '办结事项' },
  recordPublication: { access: WRITERS, invalidates: ['publications', 'deadlines'], activity: '发布信息' },
  updatePublication: { access: WRITERS, invalidates: ['publications', 'deadlines'], activity: '修改信息' },
  deletePublication: { access: WRITERS, invalidates: ['publications', 'deadlines'], activity: '删除信息' },
  createCategory: { access: ADMIN, invalidates: ['publications', 'quotas'], activity: null },
  updateCategory: { access: ADMIN, invalidates: ['publications', 'quotas'], activity: null },
  deleteCategory: { access: ADMIN, invalidates: ['publications', 'quotas'], activity: null },
  reorderCategories: { access: ADMIN, invalidates: ['publications', 'quotas'], activity: null },
  createChannel: { access: ADMIN, invalidates: ['publications', 'deadlines'], activity: null },
  updateChannel: { access: ADMIN, invalidates: ['publications', 'deadlines'], activity: null },
  setIndexNumberTemplate: { access: ADMIN, invalidates: [], activity: null },
  setQuota: { access: ADMIN, invalidates: ['quotas'], activity: '设置指标' },
  deleteQuota: { access: ADMIN, invalidates: ['quotas'], activity: '删除指标' },
  // 年度报告 and its registers: the report's deadline is on the lists and the wall screen; 公开 records a publication.
  createAnnualReport: { access: ADMIN, invalidates: ['deadlines'], activity: '起草年度报告' },
  importAnnualReport: { access: ADMIN, invalidates: ['deadlines'], activity: null },
  updateAnnualReportText: { access: ADMIN, invalidates: [], activity: null },
  regenerateAnnualReportText: { access: ADMIN, invalidates: [], activity: null },
  setAnnualReportCells: { access: ADMIN, invalidates: [], activity: null },
  submitAnnualReportForReview: { access: ADMIN, invalidates: ['deadlines'], activity: '年度报告送审' },
  approveAnnualReport: { access: ADMIN, invalidates: ['deadlines'], activity: '年度报告定稿' },
  returnAnnualReport: { access: ADMIN, invalidates: ['deadlines'], activity: '年度报告退回' },
  submitAnnualReport: { access: ADMIN, invalidates: ['deadlines'], activity: '年度报告报送' },
  publishAnnualReport: { access: ADMIN, invalidates: ['publications', 'deadlines'], activity: '公开年度报告' },
  registerLegalCase: { access: ADMIN, invalidates: [], activity: null },
  concludeLegalCase: { access: ADMIN, invalidates: [], activity: null },
  registerNormativeDocument: { access: ADMIN, invalidates: [], activity: null },
  repealNormativeDocument: { access: ADMIN, invalidates: [], activity: null },
  setAnnualStatistic: { access: ADMIN, invalidates: [], activity: null },
};

/**
 * Writes that do not come through GraphQL (the ledger import's HTTP route): audited under this
 * name, invalidating and labelled like their GraphQL counterpart.
 */
export const HTTP_OPERATIONS: Record<string, MutationRow> = {
  importPublications: { access: WRITERS, invalidates: ['publications', 'deadlines'], activity: '导入台账' },
};

export function accessOf(operation: string): Access | undefined {
  return OPERATIONS[operation]?.access;
}

const isMutationRow = (row: QueryRow | MutationRow | undefined): row is MutationRow => !!row && 'invalidates' in row;

/** What a committed `operation` makes stale; an operation without a row: everything (never stale by omission). */
export function topicsOf(operation: string): readonly Topic[] {
  const row = OPERATIONS[operation] ?? HTTP_OPERATIONS[operation];
  if (!row) return [...DATA_TOPICS, 'activity'];
  if (!isMutationRow(row)) return [];
  return row.activity ? [...row.invalidates, 'activity'] : row.invalidates;
}

/** The ticker's label of an audited operation, or null when it is not shown there. */
export function activityLabelOf(operation: string): string | null {
  const row = OPERATIONS[operation] ?? HTTP_OPERATIONS[operation];
  return isMutationRow(row) ? row.activity : null;
}

/** The operations the ticker shows. */
export const TICKER_OPERATIONS: readonly string[] = Object.entries({ ...OPERATIONS, ...HTTP_OPERATIONS }).flatMap(([name, row]) =>
  isMutationRow(row) && row.activity ? [name] : [],
);
